import { readFileSync } from 'node:fs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { StackError } from './errors.js';

/** The ports of the local stack when nothing overrides them: those of localstack-compose.yml. */
export const defaultPorts = {
  kafka: 9092,
  kafkaController: 9093,
  dynamodb: 8000,
  moto: 5000,
  apicurio: 8081,
  registry: 8085,
} as const;

export type PortName = keyof typeof defaultPorts;
export type StackPorts = { readonly [name in PortName]: number };

/**
 * The environment variable that moves each port. EVENTLINE_REGISTRY_PORT is also the variable the
 * registry service reads for its own port, so the service and its clients cannot disagree.
 */
export const PortEnvNames = {
  kafka: 'EVENTLINE_KAFKA_PORT',
  kafkaController: 'EVENTLINE_KAFKA_CONTROLLER_PORT',
  dynamodb: 'EVENTLINE_DYNAMODB_PORT',
  moto: 'EVENTLINE_MOTO_PORT',
  apicurio: 'EVENTLINE_APICURIO_PORT',
  registry: EnvNames.registryPort,
} as const satisfies Record<PortName, string>;

/** The per-checkout file that moves ports without environment variables (`{ "ports": { "moto": 5001 } }`). */
export const portConfigFileName = 'eventline.config.json';

/** A port setting that is not a usable port; the message names where it came from. */
export class PortConfigError extends StackError {}

/**
 * The stack's ports: an environment variable wins over the config file, which wins over the
 * defaults. `fileText` is the config file's content, undefined when there is none.
 * @example resolvePorts({ EVENTLINE_MOTO_PORT: '5001' }) // { ...defaultPorts, moto: 5001 }
 */
export function resolvePorts(
  env: Readonly<Record<string, string | undefined>>,
  fileText?: string,
  fileName = portConfigFileName,
): StackPorts {
  const fromFile = fileText === undefined ? {} : filePorts(fileText, fileName);
  const ports: Record<string, number> = {};
  for (const name of Object.keys(defaultPorts) as PortName[]) {
    const variable = PortEnvNames[name];
    const raw = env[variable];
    ports[name] =
      raw !== undefined && raw !== '' ? parsePort(raw, variable) : (fromFile[name] ?? defaultPorts[name]);
  }
  const stack = ports as StackPorts;
  const clash = Object.entries(stack).find(([name, port]) =>
    Object.entries(stack).some(([other, p]) => other !== name && p === port),
  );
  if (clash) {
    throw new PortConfigError(
      `two services of the local stack are set to port ${clash[1]}; give each its own (${Object.values(PortEnvNames).join(', ')} or ${fileName})`,
    );
  }
  return Object.freeze(stack);
}

/** Reads the config file beside the checkout, if there is one. */
export function readPortConfigFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PortConfigError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function filePorts(text: string, fileName: string): Partial<Record<PortName, number>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PortConfigError(`${fileName} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const section = (parsed as { ports?: unknown } | null)?.ports;
  if (section === undefined) return {};
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new PortConfigError(`${fileName}: "ports" must be an object like { "moto": 5001 }`);
  }
  const ports: Partial<Record<PortName, number>> = {};
  for (const [name, value] of Object.entries(section)) {
    if (!(name in defaultPorts)) {
      throw new PortConfigError(
        `${fileName}: unknown port "${name}"; known: ${Object.keys(defaultPorts).join(', ')}`,
      );
    }
    ports[name as PortName] = parsePort(String(value), `${fileName} ports.${name}`);
  }
  return ports;
}

function parsePort(raw: string, source: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PortConfigError(`${source} must be a port number from 1 to 65535, got "${raw}"`);
  }
  return port;
}
