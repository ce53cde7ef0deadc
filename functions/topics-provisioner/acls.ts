import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import { AclProvisioningError } from './errors.js';
import { type AclOperation, AclOperations, type AclSpec } from './types.js';

const operationTypes: Record<AclOperation, AclOperationTypes> = {
  [AclOperations.read]: AclOperationTypes.READ,
  [AclOperations.write]: AclOperationTypes.WRITE,
  [AclOperations.create]: AclOperationTypes.CREATE,
  [AclOperations.describe]: AclOperationTypes.DESCRIBE,
  [AclOperations.describeConfigs]: AclOperationTypes.DESCRIBE_CONFIGS,
};

/** One ALLOW binding per operation of each spec, from any host. */
export function aclEntries(specs: readonly AclSpec[]): AclEntry[] {
  return specs.flatMap((spec) =>
    spec.operations.map((operation) => ({
      principal: spec.principal,
      host: '*',
      operation: operationTypes[operation],
      permissionType: AclPermissionTypes.ALLOW,
      resourceType: spec.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
      resourceName: spec.resourceName,
      resourcePatternType:
        spec.patternType === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
    })),
  );
}

/**
 * Creates the ACL bindings. Kafka keeps a binding that already exists as it is, so every
 * deploy sends them all; bindings dropped from the spec are left in place (delete them with
 * kafka-acls if you must).
 */
export async function ensureAcls(admin: Admin, specs: readonly AclSpec[]): Promise<void> {
  if (specs.length === 0) return;
  try {
    await admin.createAcls({ acl: aclEntries(specs) });
  } catch (error) {
    const principals = [...new Set(specs.map((spec) => spec.principal))].join(', ');
    throw new AclProvisioningError(
      `creating the Kafka ACLs of ${principals} failed: the broker needs an authorizer (MSK provisioned with SASL/SCRAM has one) and the provisioner's IAM role kafka-cluster:AlterCluster on the cluster`,
      { cause: error },
    );
  }
}
