import { describe, expect, it } from 'vitest';
import { defaultPorts, PortConfigError, resolvePorts } from '../../../local/stack/port-config.js';

describe('resolvePorts', () => {
  it('keeps the compose defaults when nothing is set', () => {
    expect(resolvePorts({})).toEqual(defaultPorts);
  });

  it('takes a port from the config file and lets the environment win over it', () => {
    const file = JSON.stringify({ ports: { moto: 5001, dynamodb: 8001 } });

    const ports = resolvePorts({ EVENTLINE_MOTO_PORT: '5002' }, file);

    expect(ports).toEqual({ ...defaultPorts, moto: 5002, dynamodb: 8001 });
  });

  it('moves the registry service with the variable the service itself reads', () => {
    expect(resolvePorts({ EVENTLINE_REGISTRY_PORT: '18085' }).registry).toBe(18085);
  });

  it('ignores an empty variable, as an unset one', () => {
    expect(resolvePorts({ EVENTLINE_KAFKA_PORT: '' }).kafka).toBe(9092);
  });

  it.each([
    [{ EVENTLINE_KAFKA_PORT: 'abc' }, undefined, /EVENTLINE_KAFKA_PORT must be a port number .* got "abc"/],
    [{ EVENTLINE_KAFKA_PORT: '70000' }, undefined, /EVENTLINE_KAFKA_PORT must be a port number/],
    [{ EVENTLINE_APICURIO_PORT: '5000' }, undefined, /two services of the local stack are set to port 5000/],
    [{}, '{ports:', /eventline\.config\.json is not JSON/],
    [{}, '{"ports": {"mot": 5001}}', /unknown port "mot"; known: kafka, kafkaController/],
    [{}, '{"ports": {"moto": "x"}}', /eventline\.config\.json ports\.moto must be a port number/],
    [{}, '{"ports": [5001]}', /"ports" must be an object/],
  ])('refuses %j with file %s in one line that names the setting', (env, file, message) => {
    const error = (() => {
      try {
        resolvePorts(env, file);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(PortConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
