import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { ports } from '../../../local/stack/config.js';
import { formatEnv, stackEnv } from '../../../local/stack/env.js';

describe('stack env', () => {
  it('points every endpoint at loopback on the configured ports', () => {
    const env = stackEnv();

    expect(env[EnvNames.kafkaBrokers]).toBe(`127.0.0.1:${ports.kafka}`);
    expect(env[EnvNames.dynamodbEndpoint]).toBe(`http://127.0.0.1:${ports.dynamodb}`);
    expect(env.AWS_ENDPOINT_URL_GLUE).toBe(`http://127.0.0.1:${ports.moto}`);
    expect(env[EnvNames.registryUrl]).toBe(`http://127.0.0.1:${ports.registry}`);
    const hosts = Object.values(env)
      .filter((value) => value.includes('://'))
      .map((value) => new URL(value).hostname);
    expect(new Set(hosts)).toEqual(new Set(['127.0.0.1']));
  });

  it('quotes values so a shell can eval them', () => {
    const text = formatEnv({ A: "it's", B: 'plain' });

    expect(text).toBe("export A='it'\\''s'\nexport B='plain'");
  });
});
