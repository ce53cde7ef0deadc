import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { HandlerEntries, projectRoot } from '../../infra/paths.js';
import { templateFor } from './support/synth.js';

type EnvKey = keyof typeof EnvNames;

/** Names a handler may read that infra leaves unset on purpose, each with its reason. */
const unsetOnPurpose: Partial<Record<EnvKey, string>> = {
  dynamodbEndpoint: 'local stack override; AWS uses the regional endpoint',
  glueEndpoint: 'local stack override (moto); AWS uses the regional endpoint',
  awsEndpoint: 'local stack override (moto) for MSK, SQS and SNS',
  apicurioUrl: 'the local reference registry only',
  kafkaMaxMessageBytes: "optional; the default is MSK's max.message.bytes",
  kekKeyArns: 'only on functions that decrypt or encrypt with a KEK (FieldKeks.bind); others read ciphertext',
  dekRegistryUrl:
    'only with Glue direct, on consumers that decrypt; the registry service is its own DEK registry',
};

/** Names only one registry kind needs. */
const byRegistryKind: Record<string, readonly EnvKey[]> = {
  confluent: ['glueRegistryName'],
  glue: ['registryUrl', 'registryCredentialsSecretArn'],
};

/** Functions the app deploys, by their description in the template. */
const handlers = [
  { entry: HandlerEntries.outboxRelay, description: /^Outbox relay/ },
  { entry: HandlerEntries.orderProjection, description: /order read model/ },
  { entry: HandlerEntries.fulfilment, description: /fulfilment request/ },
  { entry: HandlerEntries.topicsProvisioner, description: /^Topics as code/ },
];

/**
 * Where a handler reads its environment: handler.ts, the config.ts beside it, and the
 * config.ts of every functions/lib module handler.ts imports (consumers share one).
 */
function configSources(entry: string): string[] {
  const handlerFile = join(projectRoot, entry);
  const folder = join(handlerFile, '..');
  const imported = [...readFileSync(handlerFile, 'utf8').matchAll(/from '\.\.\/lib\/([\w-]+)\//g)].map(
    (match) => join(projectRoot, 'functions', 'lib', match[1] as string, 'config.ts'),
  );
  const sources = [handlerFile, join(folder, 'config.ts'), ...imported].filter(existsSync);
  // The shared readers of functions/lib/config/env.ts read variables on a parser's behalf.
  const shared = join(projectRoot, 'functions', 'lib', 'config', 'env.ts');
  const usesShared = sources.some((file) =>
    /from '(\.\.\/)+(lib\/)?config\/env\.js'/.test(readFileSync(file, 'utf8')),
  );
  return [...new Set([...sources, ...(usesShared ? [shared] : [])])];
}

/** The EnvNames keys a handler's configuration sources refer to. */
function envKeysReadBy(entry: string): EnvKey[] {
  const keys = configSources(entry).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/EnvNames\.(\w+)/g)].map((match) => match[1] as EnvKey),
  );
  return [...new Set(keys)];
}

/** A stand-in string for a CloudFormation value: literal parts kept, tokens replaced. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(flatten).join(join[0]);
  return 'resolved-at-deploy';
}

function environmentOf(template: Template, description: RegExp): Record<string, string> | undefined {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
    description.test(String(f.Properties.Description)),
  );
  if (!fn) return undefined;
  const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, flatten(value)]));
}

/** Config parsers its configuration sources export (parseConfig, parseRelayConfig, parseConsumerConfig, ...). */
async function configParsers(entry: string): Promise<((env: NodeJS.ProcessEnv) => unknown)[]> {
  const files = configSources(entry).filter((file) => file.endsWith('config.ts'));
  const modules = (await Promise.all(files.map((file) => import(file)))) as Record<string, unknown>[];
  return modules.flatMap((module) =>
    Object.entries(module)
      .filter(([name, value]) => typeof value === 'function' && /^(parse|read|load)\w*Config$/.test(name))
      .map(([, value]) => value as (env: NodeJS.ProcessEnv) => unknown),
  );
}

describe.each(['confluent', 'glue'])('environment of every deployed handler (registry kind %s)', (kind) => {
  const template = templateFor({ overrides: { registryKind: kind } });

  it.each(handlers)('sets every variable $entry reads', ({ entry, description }) => {
    const environment = environmentOf(template, description);
    const exempt = new Set<EnvKey>([
      ...(Object.keys(unsetOnPurpose) as EnvKey[]),
      ...(byRegistryKind[kind] ?? []),
    ]);
    const missing = envKeysReadBy(entry)
      .filter((key) => !exempt.has(key))
      .map((key) => EnvNames[key])
      .filter((name) => environment?.[name] === undefined);

    expect(environment).toBeDefined();
    expect(missing).toEqual([]);
  });

  it.each(handlers)("satisfies $entry's own config parser", async ({ entry, description }) => {
    const environment = { ...environmentOf(template, description), AWS_REGION: 'eu-west-1' };
    const parsers = await configParsers(entry);

    expect(parsers.length).toBeGreaterThan(0);
    for (const parse of parsers) expect(() => parse(environment)).not.toThrow();
  });
});

describe('environment of the registry service container', () => {
  it("satisfies the registry service's config parser", async () => {
    const task = Object.values(templateFor().findResources('AWS::ECS::TaskDefinition'))[0];
    const container = task?.Properties.ContainerDefinitions[0] as {
      Environment: { Name: string; Value: unknown }[];
    };
    const environment = Object.fromEntries(
      container.Environment.map(({ Name, Value }) => [Name, flatten(Value)]),
    );
    const { readConfig } = (await import('../../registry/config.js')) as {
      readConfig: (env: NodeJS.ProcessEnv) => unknown;
    };

    expect(() => readConfig(environment)).not.toThrow();
  });
});
