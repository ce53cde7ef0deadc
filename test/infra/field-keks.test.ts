import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { EventlineFunction } from '../../infra/constructs/eventline-function.js';
import { FieldKeks, type KekUse } from '../../infra/constructs/field-keks.js';
import { KafkaConsumer } from '../../infra/constructs/kafka-consumer.js';
import { HandlerEntries } from '../../infra/paths.js';
import { synthStack, templateFor } from './support/synth.js';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const actionsOf = (statement: Statement): string[] => ([] as string[]).concat(statement.Action);
const kmsActionsOf = (statement: Statement) => actionsOf(statement).filter((a) => a.startsWith('kms:'));

/** Every statement of the identity policies attached to a role whose logical id starts with `rolePrefix`. */
function roleStatements(template: Template, rolePrefix: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as { Ref?: string }[]).some((role) => role.Ref?.startsWith(rolePrefix)),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** The role logical ids holding a kms action. */
function rolesWith(template: Template, action: string): string[] {
  const roles = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).includes(action)),
    )
    .flatMap((policy) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
  return [...new Set(roles)].sort();
}

function functionEnvironment(template: Template, description: RegExp): Record<string, unknown> {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
    description.test(String(f.Properties.Description)),
  );
  return (fn?.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
}

/** The logical id of the KMS key of a KEK, found by its alias. */
function keyIdOfAlias(template: Template, alias: string): string {
  const found = Object.values(template.findResources('AWS::KMS::Alias')).find(
    (a) => a.Properties.AliasName === alias,
  );
  const target = found?.Properties.TargetKeyId as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const id = target?.['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`no KMS alias ${alias} in the template`);
  return id;
}

describe('FieldKeks in the app', () => {
  const template = templateFor();
  const manifest = loadManifest();

  it('creates one rotated KMS key per manifest KEK, aliased by stage', () => {
    const keks = manifest.governance.keks.map((kek) => kek.name);
    const keys = template.findResources('AWS::KMS::Key', {
      Properties: { Description: Match.stringLikeRegexp('^Eventline KEK ') },
    });

    expect(keks).toContain('orders-pii');
    expect(Object.keys(keys)).toHaveLength(keks.length);
    for (const kek of keks) {
      const id = keyIdOfAlias(template, `alias/eventline/dev/${kek}`);
      expect(keys[id]?.Properties.EnableKeyRotation).toBe(true);
    }
  });

  it('gives kms:Decrypt to exactly the consumers that declare decrypt (fulfilment, not the order projection)', () => {
    expect(rolesWith(template, 'kms:Decrypt')).toEqual([
      expect.stringMatching(/^FulfilmentFunctionServiceRole/),
    ]);
    expect(roleStatements(template, 'OrderProjectionFunctionServiceRole').flatMap(kmsActionsOf)).toEqual([]);
  });

  it('scopes the fulfilment grant to the orders-pii key and hands it the key ARN', () => {
    const keyId = keyIdOfAlias(template, 'alias/eventline/dev/orders-pii');
    const decrypt = roleStatements(template, 'FulfilmentFunctionServiceRole').filter((s) =>
      actionsOf(s).includes('kms:Decrypt'),
    );

    expect(decrypt).toHaveLength(1);
    expect(decrypt[0]?.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    // Fulfilment writes fulfilment.request.created, which encrypts nothing: no Encrypt.
    expect(rolesWith(template, 'kms:Encrypt')).toEqual([]);
    expect(
      JSON.stringify(functionEnvironment(template, /fulfilment request/)[EnvNames.kekKeyArns]),
    ).toContain(keyId);
    expect(functionEnvironment(template, /order read model/)[EnvNames.kekKeyArns]).toBeUndefined();
  });

  it('grants no kms action on * and no kms wildcard action to any role', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    const kms = statements.filter((s) => kmsActionsOf(s).length > 0);

    expect(kms.length).toBeGreaterThan(0);
    expect(kms.filter((s) => JSON.stringify(s.Resource).includes('"*"'))).toEqual([]);
    expect(kms.flatMap(kmsActionsOf).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('fails synth when a consumer decrypts with a KEK the manifest does not declare', () => {
    const { stack } = synthStack();
    new KafkaConsumer(stack, 'Rogue', {
      entry: HandlerEntries.orderProjection,
      description: 'decrypts with an undeclared KEK',
      topics: ['orders.order.placed'],
      consumerGroup: 'rogue',
      cluster: stack.cluster,
      registry: stack.glueRegistry,
      vpc: stack.network.vpc,
      vpcSubnets: stack.network.privateSubnets,
      keks: stack.keks,
      decrypt: ['orders-secret'],
    });

    expect(() => Template.fromStack(stack)).toThrow(
      /Rogue.*decrypt .*names orders-secret, which is no KEK of the manifest \(governance\.keks: orders-pii\)/,
    );
  });
});

describe('KafkaConsumer decrypt', () => {
  it('fails synth when a consumer declares decrypt without the deployment KEKs', () => {
    const { stack } = synthStack();
    new KafkaConsumer(stack, 'Keyless', {
      entry: HandlerEntries.orderProjection,
      description: 'decrypts without keks',
      topics: ['orders.order.placed'],
      consumerGroup: 'keyless',
      cluster: stack.cluster,
      registry: stack.glueRegistry,
      vpc: stack.network.vpc,
      vpcSubnets: stack.network.privateSubnets,
      decrypt: ['orders-pii'],
    });

    expect(() => Template.fromStack(stack)).toThrow(/Keyless: decrypt needs keks/);
  });

  it('with Glue direct, points a decrypting consumer at the registry service DEK registry with the reader secret', () => {
    const template = templateFor({ overrides: { registryKind: 'glue' } });
    const fulfilment = functionEnvironment(template, /fulfilment request/);
    const projection = functionEnvironment(template, /order read model/);

    expect(fulfilment[EnvNames.registryKind]).toBe('glue');
    expect(JSON.stringify(fulfilment[EnvNames.dekRegistryUrl])).toMatch(/Registry/);
    const secret = fulfilment[EnvNames.registryCredentialsSecretArn] as { Ref?: string };
    expect(secret.Ref).toMatch(/Reader/);
    expect(
      roleStatements(template, 'FulfilmentFunctionServiceRole').filter(
        (s) =>
          actionsOf(s).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(s.Resource).includes(secret.Ref as string),
      ),
    ).toHaveLength(1);
    // The projection decrypts nothing: no DEK registry, no registry secret.
    expect(projection[EnvNames.dekRegistryUrl]).toBeUndefined();
    expect(projection[EnvNames.registryCredentialsSecretArn]).toBeUndefined();
  });

  it('fails synth when a consumer decrypts with Glue direct and no DEK registry', () => {
    const { stack } = synthStack();
    new KafkaConsumer(stack, 'NoDeks', {
      entry: HandlerEntries.orderProjection,
      description: 'decrypts without a DEK registry',
      topics: ['orders.order.placed'],
      consumerGroup: 'no-deks',
      cluster: stack.cluster,
      registry: stack.glueRegistry,
      vpc: stack.network.vpc,
      vpcSubnets: stack.network.privateSubnets,
      keks: stack.keks,
      decrypt: ['orders-pii'],
    });

    expect(() => Template.fromStack(stack)).toThrow(/NoDeks: decrypt needs a DEK registry.*pass dekRegistry/);
  });
});

describe('FieldKeks.bind', () => {
  /** A function bound with `use` in a stack of its own, and that stack's template. */
  function bound(use: KekUse): { template: Template; errors: string[] } {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Keks', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const keks = new FieldKeks(stack, 'Keks', { manifest: loadManifest(), stage: 'test' });
    const fn = new EventlineFunction(stack, 'Producer', {
      entry: HandlerEntries.fulfilment,
      description: 'producer',
      vpc,
      vpcSubnets: { subnets: vpc.isolatedSubnets },
      securityGroups: [],
    });
    const errors = keks.bind(fn, use);
    return { template: Template.fromStack(stack), errors };
  }

  it('lets a producer of an encrypted topic wrap and unwrap DEKs with its KEK only', () => {
    const { template, errors } = bound({ writes: ['orders.order.placed'] });
    const keyId = keyIdOfAlias(template, 'alias/eventline/test/orders-pii');
    const kms = roleStatements(template, 'ProducerServiceRole').filter((s) => kmsActionsOf(s).length > 0);

    expect(errors).toEqual([]);
    expect(kms.flatMap(kmsActionsOf).sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
    expect(kms.map((s) => s.Resource)).toEqual(kms.map(() => ({ 'Fn::GetAtt': [keyId, 'Arn'] })));
    expect(template.findResources('AWS::KMS::Key')[keyId]?.DeletionPolicy).toBe('Retain');
  });

  it('grants and sets nothing for a producer whose topics encrypt nothing', () => {
    const { template, errors } = bound({ writes: ['orders.order.paid', 'fulfilment.request.created'] });
    const kms = roleStatements(template, 'ProducerServiceRole').flatMap(kmsActionsOf);

    expect(errors).toEqual([]);
    expect(kms).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.not(Match.objectLike({ [EnvNames.kekKeyArns]: Match.anyValue() })) },
    });
  });
});
