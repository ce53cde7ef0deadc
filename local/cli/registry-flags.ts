import type { Command } from 'commander';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import {
  createRegistryClient,
  type RegistryOptions,
  type SchemaRegistryClient,
} from '../../functions/lib/registry/index.js';
import { localGlueRegistry, type RegistryChoice, registryEnv } from '../assembly/index.js';
import { HOST, localAws, localAwsConfig } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';
import { CliError } from './run.js';

/**
 * The registry flags, one meaning in every command: `--registry` names a Confluent-compatible
 * registry (Confluent wire format), `--glue-registry` a Glue registry used directly (Glue wire
 * format), `--glue-endpoint` where that Glue registry answers.
 */
export interface RegistryFlags {
  /** A URL (`https://user:pass@host/` carries basic auth), or `apicurio` / `service` for the local stack's. */
  readonly registry?: string;
  /** A Glue registry name, or true (the flag without a name) for the default name. */
  readonly glueRegistry?: string | true;
  /** The Glue endpoint, or `aws` for AWS itself. @default EVENTLINE_GLUE_ENDPOINT, else the local stack's moto */
  readonly glueEndpoint?: string;
}

/** The local stack's Confluent-compatible registries, by the names `--registry` takes. */
const localConfluentRegistries = {
  apicurio: 'apicurio',
  service: 'service',
} as const satisfies Partial<Record<RegistryChoice, RegistryChoice>>;

/** The help of the registry flags: the same words in every command's `--help`. */
export const registryFlagHelp = {
  registry:
    'Confluent-compatible schema registry (Confluent wire format): its URL (https://user:pass@host/ for basic auth), or "apicurio" or "service" for the local stack\'s Apicurio or Eventline registry service',
  glueRegistry:
    "AWS Glue Schema Registry used directly (Glue wire format): the registry's name (default: the manifest's glueRegistryName)",
  glueEndpoint:
    'with --glue-registry: the Glue endpoint, or "aws" for AWS itself (default: EVENTLINE_GLUE_ENDPOINT, else the local stack\'s moto)',
} as const;

/**
 * Adds `--registry`, `--glue-registry [name]` and (unless the command runs only against the local
 * stack) `--glue-endpoint`; `when` says what the command does without either, appended to the help.
 */
export function withRegistryFlags(
  command: Command,
  options: { readonly when: string; readonly glueEndpoint?: boolean },
): Command {
  command
    .option('--registry <registry>', `${registryFlagHelp.registry}; ${options.when}`)
    .option('--glue-registry [name]', registryFlagHelp.glueRegistry);
  if (options.glueEndpoint ?? true) command.option('--glue-endpoint <url>', registryFlagHelp.glueEndpoint);
  return command;
}

/**
 * `--registry glue` meant "Glue directly" in the pipeline commands; it still does, with a
 * one-line notice, so scripts keep working while they move to `--glue-registry`.
 */
function withoutDeprecatedSpelling(flags: RegistryFlags): RegistryFlags {
  if (flags.registry !== 'glue') return flags;
  process.stderr.write('eventline: --registry glue is deprecated; use --glue-registry\n');
  const { registry: _glue, ...rest } = flags;
  return { ...rest, glueRegistry: flags.glueRegistry ?? true };
}

function confluentRegistry(value: string): RegistryOptions {
  const url =
    value === localConfluentRegistries.apicurio || value === localConfluentRegistries.service
      ? (registryEnv(value)[EnvNames.registryUrl] as string)
      : value;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      `--registry ${value}: expected a registry URL, "apicurio" or "service" (for AWS Glue directly: --glue-registry)`,
    );
  }
  if (!parsed.username) return { kind: 'confluent', url };
  const auth = {
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
  parsed.username = '';
  parsed.password = '';
  return { kind: 'confluent', url: parsed.toString(), auth };
}

/**
 * The registry the flags name, or undefined when they name none; `defaultGlueRegistry` gives the
 * name of a bare `--glue-registry` (read lazily: only then is the manifest needed).
 */
export function registryFromFlags(
  given: RegistryFlags,
  defaultGlueRegistry: () => string | undefined,
): RegistryOptions | undefined {
  const flags = withoutDeprecatedSpelling(given);
  if (flags.registry !== undefined && flags.glueRegistry !== undefined) {
    throw new CliError('give at most one of --registry, --glue-registry');
  }
  if (flags.glueRegistry === undefined) {
    if (flags.glueEndpoint !== undefined) throw new CliError('--glue-endpoint goes with --glue-registry');
    return flags.registry === undefined ? undefined : confluentRegistry(flags.registry);
  }
  const registryName = flags.glueRegistry === true ? defaultGlueRegistry() : flags.glueRegistry;
  if (!registryName) throw new CliError('--glue-registry needs a name (the manifest has none)');
  const endpoint =
    flags.glueEndpoint ?? process.env[EnvNames.glueEndpoint] ?? stackEnv()[EnvNames.glueEndpoint];
  return { kind: 'glue', registryName, ...(endpoint && endpoint !== 'aws' ? { endpoint } : {}) };
}

/** As registryFromFlags, with the local stack's Apicurio when the flags name no registry. */
export function registryOrApicurio(
  flags: RegistryFlags,
  defaultGlueRegistry: () => string | undefined,
): RegistryOptions {
  return (
    registryFromFlags(flags, defaultGlueRegistry) ?? confluentRegistry(localConfluentRegistries.apicurio)
  );
}

/**
 * The registry of the commands that run the app's functions locally (start, bootstrap, invoke,
 * events, relay-failures): one of the local stack's, which the functions' environment can name.
 */
export function localPipelineRegistry(given: RegistryFlags): RegistryChoice {
  const flags = withoutDeprecatedSpelling(given);
  if (flags.registry !== undefined && flags.glueRegistry !== undefined) {
    throw new CliError('give at most one of --registry, --glue-registry');
  }
  if (flags.glueRegistry !== undefined) {
    if (flags.glueRegistry !== true && flags.glueRegistry !== localGlueRegistry) {
      throw new CliError(
        `--glue-registry ${flags.glueRegistry}: the local functions use the local stack's Glue registry "${localGlueRegistry}"`,
      );
    }
    return 'glue';
  }
  if (flags.registry === undefined) return localConfluentRegistries.apicurio;
  const named = Object.values(localConfluentRegistries).find(
    (name) => name === flags.registry || registryEnv(name)[EnvNames.registryUrl] === flags.registry,
  );
  if (!named) {
    throw new CliError(
      `--registry ${flags.registry}: the local functions run against the local stack's registries: "apicurio", "service" or --glue-registry`,
    );
  }
  return named;
}

/**
 * The registry client for a CLI run: a Glue registry on a local endpoint gets the stack's region
 * and dummy credentials, any other registry the SDK's and its own.
 */
export function localRegistryClient(registry: RegistryOptions): SchemaRegistryClient {
  if (registry.kind === 'confluent' || registry.endpoint === undefined) return createRegistryClient(registry);
  const local = registry.endpoint.startsWith(`http://${HOST}:`);
  return createRegistryClient(
    { ...registry, region: registry.region ?? localAws.region },
    local ? { credentials: localAwsConfig().credentials } : {},
  );
}
