import { AclOperations, type AclSpec } from '../../functions/topics-provisioner/types.js';

/** The SASL/SCRAM user of the stock Confluent registry (the username in its AmazonMSK_ secret). */
export const confluentRegistryUser = 'schema-registry';

/**
 * What the stock Confluent Schema Registry needs in Kafka and nothing more: its `_schemas`
 * topic (created by the registry at first start, hence Create on that name only) and the
 * groups it uses for leader election and its store reader, both named `schema-registry…`.
 */
export function confluentRegistryAcls(user: string = confluentRegistryUser): AclSpec[] {
  const principal = `User:${user}`;
  return [
    {
      principal,
      resourceType: 'topic',
      resourceName: '_schemas',
      patternType: 'literal',
      operations: [
        AclOperations.create,
        AclOperations.describe,
        AclOperations.describeConfigs,
        AclOperations.read,
        AclOperations.write,
      ],
    },
    {
      principal,
      resourceType: 'group',
      resourceName: 'schema-registry',
      patternType: 'prefixed',
      operations: [AclOperations.describe, AclOperations.read],
    },
  ];
}
