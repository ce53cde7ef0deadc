import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import {
  type AssemblyFunction,
  type LocalResources,
  localEnvironment,
  localTargets,
  planResources,
  readMappings,
} from '../../local/assembly/index.js';
import type { CfnTemplate } from '../../local/assembly/template.js';
import { cdkJsonEnvironments, templateFor } from './support/synth.js';

const environments = Object.keys(cdkJsonEnvironments());

/** Local resources as a bootstrap would report them, without creating anything. */
function fakeResources(template: CfnTemplate, prefix: string): LocalResources {
  const plan = planResources(template, prefix);
  return {
    tables: new Map(
      plan.tables.map((t) => [
        t.logicalId,
        {
          name: t.definition.TableName as string,
          arn: `arn:aws:dynamodb:us-east-1:000000000000:table/${t.definition.TableName}`,
          streamArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${t.definition.TableName}/stream/1`,
        },
      ]),
    ),
    queues: new Map(
      plan.queues.map((q) => [
        q.logicalId,
        { name: q.name, url: `http://127.0.0.1:5000/000000000000/${q.name}`, arn: `arn:aws:sqs:::${q.name}` },
      ]),
    ),
    topics: plan.topics.map((t) => t.name),
    keys: new Map(
      plan.keys.map((k) => [
        k.logicalId,
        {
          alias: k.alias,
          keyId: `key-${k.logicalId}`,
          arn: `arn:aws:kms:us-east-1:000000000000:key/${k.logicalId}`,
        },
      ]),
    ),
  };
}

describe('the synthesized app as the local pipeline reads it', () => {
  it.each(environments)(
    '%s: every event source mapping is one the local triggers implement',
    (environment) => {
      const template = templateFor({ environment }).toJSON() as CfnTemplate;

      const mappings = readMappings(template);

      expect(mappings.length).toBeGreaterThan(0);
      for (const mapping of mappings) {
        expect(template.Resources[mapping.functionLogicalId]?.Type).toBe('AWS::Lambda::Function');
      }
    },
  );

  it('plans every table with its keys, stream and TTL, the relay failure queue and every topic with its DLQ', () => {
    const template = templateFor().toJSON() as CfnTemplate;

    const plan = planResources(template, 'p');

    // Without path metadata (as here) local names follow the logical ids.
    const table = (logicalIdPrefix: string) =>
      plan.tables.find((t) => t.logicalId.startsWith(logicalIdPrefix));
    expect(table('OutboxTable')?.definition.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_IMAGE',
    });
    expect(table('OrderProjectionIdempotency')?.ttlAttribute).toBeDefined();
    expect(table('OrderProjectionReadModel')?.definition.KeySchema).toEqual([
      { AttributeName: 'orderId', KeyType: 'HASH' },
    ]);
    expect(plan.tables.every((t) => t.definition.TableName?.startsWith('p-'))).toBe(true);
    expect(plan.queues.length).toBeGreaterThan(0);
    const topics = plan.topics.map((t) => t.name);
    expect(topics).toContain('orders.order.placed');
    expect(topics).toContain('orders.order.placed.dlq');
    // Each manifest KEK is a KMS key found locally by the alias the template gives it.
    expect(plan.keys.map((k) => k.alias)).toContain('alias/eventline/dev/orders-pii');
  });

  it('resolves every triggered function environment to local names, with Kafka in plaintext', () => {
    const template = templateFor().toJSON() as CfnTemplate;
    const resources = fakeResources(template, 'p');
    const targets = localTargets(template, resources);
    const triggered = new Set(readMappings(template).map((m) => m.functionLogicalId));

    const envs = [...triggered].map((logicalId) => {
      const resource = template.Resources[logicalId];
      const fn: AssemblyFunction = {
        logicalId,
        name: logicalId,
        bundleDir: '/bundle',
        codeFile: '/bundle/index.mjs',
        exportName: 'handler',
        environment:
          (resource?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
            ?.Variables ?? {},
        timeoutSeconds: 60,
      };
      return localEnvironment(fn, targets, 'apicurio');
    });

    expect(envs.length).toBe(triggered.size);
    for (const env of envs) {
      expect(env[EnvNames.schemasDir]).toBe('/bundle/schemas');
      if (EnvNames.kafkaAuth in env) expect(env[EnvNames.kafkaAuth]).toBe('plaintext');
      for (const value of Object.values(env)) expect(value).not.toMatch(/\[object Object\]/);
    }
    const localName = (logicalIdPrefix: string) =>
      [...resources.tables].find(([id]) => id.startsWith(logicalIdPrefix))?.[1].name;
    expect(envs.map((env) => env[EnvNames.outboxTableName]).filter(Boolean)).toContain(
      localName('OutboxTable'),
    );
    expect(envs.map((env) => env[EnvNames.orderReadModelTableName]).filter(Boolean)).toEqual([
      localName('OrderProjectionReadModel'),
    ]);
    // The template hands fulfilment its KEK ARNs; locally they name the KMS keys bootstrap made in moto.
    const kek = planResources(template, 'p').keys.find((k) => k.alias === 'alias/eventline/dev/orders-pii');
    expect(envs.filter((env) => EnvNames.kekKeyArns in env).map((env) => env[EnvNames.kekKeyArns])).toEqual([
      JSON.stringify({ 'orders-pii': resources.keys?.get(kek?.logicalId ?? '')?.arn }),
    ]);
  });
});
