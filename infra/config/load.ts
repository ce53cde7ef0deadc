import type { App } from 'aws-cdk-lib';
import { type OutboxIndex, OutboxIndexes } from '../../functions/lib/outbox/attributes.js';
import type { EnvironmentConfig } from './environment.js';
import { MskModes, RegistryEngines, RegistryKinds, TriggerLogLevels } from './environment.js';
import { EnvironmentConfigError } from './errors.js';

/** The cdk.json context key that holds the environments. */
export const environmentsContextKey = 'eventline:environments';

type Raw = Record<string, unknown>;

/** Every environment of `eventline:environments`, defaults filled in and checked. */
export function loadEnvironments(app: App): EnvironmentConfig[] {
  const raw = app.node.tryGetContext(environmentsContextKey) as Record<string, Raw> | undefined;
  if (!raw || typeof raw !== 'object' || Object.keys(raw).length === 0) {
    throw new EnvironmentConfigError(`cdk.json context "${environmentsContextKey}" names no environment`);
  }
  return Object.entries(raw).map(([name, value]) => resolveEnvironment(name, value ?? {}));
}

/** One environment with defaults applied; throws EnvironmentConfigError on a combination AWS refuses. */
export function resolveEnvironment(name: string, raw: Raw): EnvironmentConfig {
  const vpc = (raw.vpc ?? {}) as Raw;
  const msk = (raw.msk ?? {}) as Raw;
  const registry = (raw.registry ?? {}) as Raw;
  const consumers = (raw.consumers ?? {}) as Raw;
  const outbox = (raw.outbox ?? {}) as Raw;
  const config: EnvironmentConfig = {
    name,
    ...(typeof raw.account === 'string' ? { account: raw.account } : {}),
    ...(typeof raw.region === 'string' ? { region: raw.region } : {}),
    vpc: {
      ...(vpc.existing
        ? { existing: vpc.existing as NonNullable<EnvironmentConfig['vpc']['existing']> }
        : {}),
      ...(Array.isArray(vpc.availabilityZones)
        ? { availabilityZones: vpc.availabilityZones as string[] }
        : {}),
      maxAzs: num(vpc.maxAzs, 2),
      natGateways: num(vpc.natGateways, 1),
      interfaceEndpoints: vpc.interfaceEndpoints !== false,
    },
    msk: {
      mode: oneOf(msk.mode, Object.values(MskModes), MskModes.serverless, `${name}.msk.mode`),
      instanceType: str(msk.instanceType, 'kafka.m7g.large'),
      brokersPerAz: num(msk.brokersPerAz, 2),
      volumeSizeGiB: num(msk.volumeSizeGiB, 100),
    },
    registry: {
      engine: oneOf(
        registry.engine,
        Object.values(RegistryEngines),
        RegistryEngines.eventline,
        `${name}.registry.engine`,
      ),
      minTasks: num(registry.minTasks, 2),
      maxTasks: num(registry.maxTasks, 4),
      cpu: num(registry.cpu, 512),
      memoryMiB: num(registry.memoryMiB, 1024),
      ...(registry.domain && typeof registry.domain === 'object'
        ? { domain: registry.domain as NonNullable<EnvironmentConfig['registry']['domain']> }
        : {}),
      allowHttp: registry.allowHttp === true,
      users: Array.isArray(registry.users) ? (registry.users as string[]) : ['eventline'],
      confluentImage: str(registry.confluentImage, 'confluentinc/cp-schema-registry:7.9.1'),
      auditRetentionDays: num(registry.auditRetentionDays, 365),
    },
    registryKind: oneOf(
      raw.registryKind,
      Object.values(RegistryKinds),
      RegistryKinds.confluent,
      `${name}.registryKind`,
    ),
    consumers: {
      provisionedPollers: {
        minimum: num((consumers.provisionedPollers as Raw | undefined)?.minimum, 1),
        maximum: num((consumers.provisionedPollers as Raw | undefined)?.maximum, 2),
      },
      pollerGroup: str(consumers.pollerGroup, `eventline-${name}`),
      triggerMetrics: consumers.triggerMetrics !== false,
      triggerLogLevel: oneOf(
        consumers.triggerLogLevel,
        Object.values(TriggerLogLevels),
        TriggerLogLevels.warn,
        `${name}.consumers.triggerLogLevel`,
      ),
      batchSize: num(consumers.batchSize, 100),
      maxBatchingWindowSeconds: num(consumers.maxBatchingWindowSeconds, 1),
    },
    outbox: { traceIndexes: traceIndexes(outbox.traceIndexes, `${name}.outbox.traceIndexes`) },
    ...(typeof raw.alarmEmail === 'string' ? { alarmEmail: raw.alarmEmail } : {}),
    retainData: raw.retainData === true,
    logRetentionDays: num(raw.logRetentionDays, 30),
  };
  check(config);
  return config;
}

function check(config: EnvironmentConfig): void {
  const where = `environment "${config.name}"`;
  if (config.registry.engine === RegistryEngines.confluent && config.msk.mode !== MskModes.provisioned) {
    throw new EnvironmentConfigError(
      `${where}: registry.engine "confluent" stores its schemas in Kafka over SASL/SCRAM, which MSK Serverless does not offer; use msk.mode "provisioned"`,
    );
  }
  if (config.registry.engine === RegistryEngines.confluent && config.registryKind === RegistryKinds.glue) {
    throw new EnvironmentConfigError(
      `${where}: registryKind "glue" needs registry.engine "eventline" (the Confluent image does not write to Glue)`,
    );
  }
  checkAvailabilityZones(config);
  if (!config.vpc.existing && config.vpc.natGateways === 0 && !config.vpc.interfaceEndpoints) {
    throw new EnvironmentConfigError(
      `${where}: with no NAT gateway and no interface endpoints nothing in the VPC reaches AWS APIs (Lambda's MSK pollers need Lambda and STS); set vpc.interfaceEndpoints true or vpc.natGateways >= 1`,
    );
  }
  const azs =
    config.vpc.existing?.availabilityZones.length ??
    config.vpc.availabilityZones?.length ??
    config.vpc.maxAzs;
  if (azs < 2) throw new EnvironmentConfigError(`${where}: at least two availability zones are needed`);
  if (config.msk.mode === MskModes.provisioned && azs * config.msk.brokersPerAz < 3) {
    throw new EnvironmentConfigError(
      `${where}: replication factor 3 needs at least 3 brokers; raise msk.brokersPerAz`,
    );
  }
  if (config.registry.minTasks < 2 || config.registry.maxTasks < config.registry.minTasks) {
    throw new EnvironmentConfigError(
      `${where}: registry needs minTasks >= 2 (one per AZ) and maxTasks >= minTasks`,
    );
  }
  const pollers = config.consumers.provisionedPollers;
  if (pollers.minimum < 1 || pollers.maximum < pollers.minimum || pollers.maximum > 2000) {
    throw new EnvironmentConfigError(
      `${where}: consumers.provisionedPollers needs 1 <= minimum <= maximum <= 2000 (Lambda's limits), got ${pollers.minimum}..${pollers.maximum}`,
    );
  }
}

/**
 * With `account` set, CDK would look the AZs up at synth (credentials needed); AZ names
 * belong to one region. Both are settled here so synth stays offline.
 */
function checkAvailabilityZones(config: EnvironmentConfig): void {
  const where = `environment "${config.name}"`;
  const explicit = config.vpc.availabilityZones;
  if (config.account && !explicit && !config.vpc.existing) {
    throw new EnvironmentConfigError(
      `${where}: with "account" set, CDK looks the availability zones up at synth (credentials needed); list them in vpc.availabilityZones, e.g. ["eu-west-1a","eu-west-1b","eu-west-1c"]`,
    );
  }
  if (!explicit) return;
  if (!config.region) {
    throw new EnvironmentConfigError(
      `${where}: vpc.availabilityZones names zones of one region; set "region" beside it`,
    );
  }
  const foreign = explicit.filter((zone) => !zone.startsWith(config.region ?? ''));
  if (foreign.length > 0 || new Set(explicit).size !== explicit.length) {
    throw new EnvironmentConfigError(
      `${where}: vpc.availabilityZones must be distinct zones of region ${config.region}, got ${explicit.join(', ')}`,
    );
  }
}

function traceIndexes(value: unknown, path: string): boolean | OutboxIndex[] {
  if (value === undefined || typeof value === 'boolean') return value ?? true;
  const known = Object.values(OutboxIndexes) as string[];
  if (Array.isArray(value) && value.every((v) => known.includes(v))) return value as OutboxIndex[];
  throw new EnvironmentConfigError(
    `${path} must be true, false or a list of ${known.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, path: string): T {
  if (value === undefined || value === null) return fallback;
  if (allowed.includes(value as T)) return value as T;
  throw new EnvironmentConfigError(`${path} must be one of ${allowed.join(', ')}, got ${String(value)}`);
}
