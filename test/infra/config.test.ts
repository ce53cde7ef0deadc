import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { EnvironmentConfigError, loadEnvironments, resolveEnvironment } from '../../infra/config/index.js';
import { logRetentionFor } from '../../infra/stacks/retention.js';
import { cdkJsonEnvironments } from './support/synth.js';

describe('environment configuration', () => {
  it('reads every cdk.json environment with defaults filled in', () => {
    const app = new App({ context: { 'eventline:environments': cdkJsonEnvironments() } });

    const environments = loadEnvironments(app);

    expect(environments.map((e) => e.name)).toEqual(Object.keys(cdkJsonEnvironments()));
    expect(environments.every((e) => e.registry.minTasks >= 2 && e.vpc.maxAzs >= 2)).toBe(true);
  });

  it('defaults to serverless MSK, the Eventline registry and its Confluent API', () => {
    const config = resolveEnvironment('sandbox', {});

    expect(config.msk.mode).toBe('serverless');
    expect(config.registry.engine).toBe('eventline');
    expect(config.registryKind).toBe('confluent');
    expect(config.retainData).toBe(false);
  });

  it.each([
    [{ registry: { engine: 'confluent' } }, /MSK Serverless does not offer/],
    [{ msk: { mode: 'provisioned', brokersPerAz: 1 } }, /at least 3 brokers/],
    [{ vpc: { maxAzs: 1 } }, /two availability zones/],
    [{ registry: { minTasks: 1 } }, /minTasks >= 2/],
    [{ msk: { mode: 'dedicated' } }, /msk.mode must be one of/],
    [
      { msk: { mode: 'provisioned' }, registry: { engine: 'confluent' }, registryKind: 'glue' },
      /registryKind "glue"/,
    ],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    expect(() => resolveEnvironment('bad', raw)).toThrow(EnvironmentConfigError);
    expect(() => resolveEnvironment('bad', raw)).toThrow(message);
  });

  it('refuses a cdk.json without environments', () => {
    expect(() => loadEnvironments(new App())).toThrow(/names no environment/);
  });

  it('rounds log retention up to a period CloudWatch accepts', () => {
    expect(logRetentionFor(30)).toBe(RetentionDays.ONE_MONTH);
    expect(logRetentionFor(10)).toBe(RetentionDays.TWO_WEEKS);
  });
});
