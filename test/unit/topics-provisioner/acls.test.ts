import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { aclEntries } from '../../../functions/topics-provisioner/acls.js';
import { InvalidTopicsSpecError } from '../../../functions/topics-provisioner/errors.js';
import { parseTopicsProperties } from '../../../functions/topics-provisioner/properties.js';
import { confluentRegistryAcls } from '../../../infra/constructs/confluent-registry-acls.js';

const base = { Brokers: 'b-1:9098', Auth: 'iam', Topics: '[]' };

describe('Kafka ACLs of the topics provisioner', () => {
  it('allows the Confluent registry user its _schemas topic and schema-registry groups, nothing else', () => {
    const entries = aclEntries(confluentRegistryAcls('schema-registry'));

    expect(new Set(entries.map((entry) => entry.principal))).toEqual(new Set(['User:schema-registry']));
    expect(
      entries.every((entry) => entry.permissionType === AclPermissionTypes.ALLOW && entry.host === '*'),
    ).toBe(true);
    expect(
      entries
        .filter((entry) => entry.resourceType === AclResourceTypes.TOPIC)
        .map((entry) => [entry.resourceName, entry.resourcePatternType, entry.operation]),
    ).toEqual(
      [
        AclOperationTypes.CREATE,
        AclOperationTypes.DESCRIBE,
        AclOperationTypes.DESCRIBE_CONFIGS,
        AclOperationTypes.READ,
        AclOperationTypes.WRITE,
      ].map((operation) => ['_schemas', ResourcePatternTypes.LITERAL, operation]),
    );
    expect(
      entries
        .filter((entry) => entry.resourceType === AclResourceTypes.GROUP)
        .map((entry) => [entry.resourceName, entry.resourcePatternType, entry.operation]),
    ).toEqual([
      ['schema-registry', ResourcePatternTypes.PREFIXED, AclOperationTypes.DESCRIBE],
      ['schema-registry', ResourcePatternTypes.PREFIXED, AclOperationTypes.READ],
    ]);
  });

  it('reads the Acls property, and refuses an operation it does not grant, naming the ones it does', () => {
    const acls = confluentRegistryAcls();

    expect(parseTopicsProperties({ ...base, Acls: JSON.stringify(acls) }).acls).toEqual(acls);
    expect(parseTopicsProperties(base).acls).toEqual([]);
    const all = { ...acls[0], operations: ['All'] };
    expect(() => parseTopicsProperties({ ...base, Acls: JSON.stringify([all]) })).toThrow(
      InvalidTopicsSpecError,
    );
    expect(() => parseTopicsProperties({ ...base, Acls: JSON.stringify([all]) })).toThrow(
      /operations among Read, Write, Create, Describe, DescribeConfigs/,
    );
  });
});
