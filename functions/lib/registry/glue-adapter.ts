import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  GetSchemaVersionCommand,
  RegisterSchemaVersionCommand,
} from '@aws-sdk/client-glue';
import type { CompatibilityLevel, SchemaType } from '../schema/index.js';
import { type RegistryError, SubjectNotFoundError } from './errors.js';
import { glueCompatibility } from './glue-compatibility.js';
import { type GlueFailureContext, subjectNotFound, translateGlueError } from './glue-errors.js';
import { type VersionState, waitUntilSettled } from './glue-wait.js';
import { ConcurrencyLimiter } from './limiter.js';
import type { GlueSender, PendingWaitOptions, RetryOptions } from './options.js';
import { withRetry } from './retry.js';

export interface GlueAdapterOptions {
  readonly glue: GlueSender;
  readonly registryName: string;
  /** Glue calls in flight at once, so a cold start of many callers is not throttled. @default 4 */
  readonly maxConcurrentCalls?: number;
  /** Retries of throttled and unreachable calls (full jitter). @default RetryOptions' defaults */
  readonly retry?: RetryOptions;
  /** How a PENDING version is waited out. @default PendingWaitOptions' defaults */
  readonly pendingWait?: PendingWaitOptions;
  /** Create the Glue registry on first use when it does not exist. @default true */
  readonly createRegistry?: boolean;
}

/** A version to add to a Glue schema; `compatibility` applies when the schema is created. */
export interface GlueVersionInput {
  readonly schemaName: string;
  readonly type: SchemaType;
  readonly definition: string;
  readonly compatibility: CompatibilityLevel;
}

/**
 * The one low-level adapter to AWS Glue Schema Registry under both the registry client and
 * the registry service's store: every call goes through one concurrency limit, one retry policy
 * and one SDK-error translation (to registry errors); registering creates the schema (and the
 * registry) on first use and waits out Glue's asynchronous compatibility check.
 */
export class GlueAdapter {
  readonly registryName: string;
  readonly #glue: GlueSender;
  readonly #limiter: ConcurrencyLimiter;
  readonly #retry: RetryOptions;
  readonly #pendingWait: PendingWaitOptions;
  readonly #createRegistry: boolean;

  constructor(options: GlueAdapterOptions) {
    this.registryName = options.registryName;
    this.#glue = options.glue;
    this.#limiter = new ConcurrencyLimiter(options.maxConcurrentCalls ?? 4);
    this.#retry = options.retry ?? {};
    this.#pendingWait = options.pendingWait ?? {};
    this.#createRegistry = options.createRegistry ?? true;
  }

  /** Sends one Glue command; failures arrive as registry errors (retryable ones already retried). */
  send<T>(command: object, failure: GlueFailureContext): Promise<T> {
    // The retry wraps the limiter so a call sleeping before its next attempt holds no slot.
    return withRetry(
      () =>
        this.#limiter.run(() =>
          this.#glue
            .send(command)
            .catch((error: unknown) => Promise.reject(translateGlueError(error, failure))),
        ),
      this.#retry,
    ) as Promise<T>;
  }

  /** `SchemaId` of a schema of this registry. */
  schemaId(schemaName: string): { RegistryName: string; SchemaName: string } {
    return { RegistryName: this.registryName, SchemaName: schemaName };
  }

  /** Creates the registry when absent (local stacks; in AWS the CDK app creates it). */
  async ensureRegistry(): Promise<void> {
    await this.send(new CreateRegistryCommand({ RegistryName: this.registryName }), {
      operation: 'CreateRegistry',
    }).catch((error: unknown) => (isAlreadyExists(error) ? undefined : Promise.reject(error)));
  }

  /**
   * Adds a version (Glue returns the existing one for an identical definition), creating the
   * schema on first use, and waits until Glue has judged it: AVAILABLE, FAILURE or another final
   * status, which the caller turns into its own answer. RegistryTimeoutError when it stays PENDING.
   */
  async registerVersion(input: GlueVersionInput): Promise<VersionState> {
    return this.settle(await this.#register(input));
  }

  /** Waits until a version is no longer PENDING. */
  settle(version: VersionState): Promise<VersionState> {
    return waitUntilSettled(version, (id) => this.#status(id), this.#pendingWait);
  }

  async #register(input: GlueVersionInput): Promise<VersionState> {
    try {
      const answer = await this.send<GlueAnswer>(
        new RegisterSchemaVersionCommand({
          SchemaId: this.schemaId(input.schemaName),
          SchemaDefinition: input.definition,
        }),
        { operation: 'RegisterSchemaVersion', notFound: subjectNotFound },
      );
      return versionState(answer.SchemaVersionId, answer.Status, answer.VersionNumber);
    } catch (error) {
      if (!(error instanceof SubjectNotFoundError)) throw error;
    }
    return this.#createSchema(input);
  }

  async #createSchema(input: GlueVersionInput, registryCreated = false): Promise<VersionState> {
    try {
      const answer = await this.send<{
        SchemaVersionId?: string;
        SchemaVersionStatus?: string;
        LatestSchemaVersion?: number;
      }>(
        new CreateSchemaCommand({
          RegistryId: { RegistryName: this.registryName },
          SchemaName: input.schemaName,
          DataFormat: input.type,
          Compatibility: glueCompatibility(input.compatibility),
          SchemaDefinition: input.definition,
        }),
        { operation: 'CreateSchema', notFound: subjectNotFound },
      );
      return versionState(
        answer.SchemaVersionId,
        answer.SchemaVersionStatus,
        answer.LatestSchemaVersion ?? 1,
      );
    } catch (error) {
      // Another caller created it a moment ago: register into it instead.
      if (isAlreadyExists(error)) return this.#register(input);
      if (!(error instanceof SubjectNotFoundError) || registryCreated || !this.#createRegistry) throw error;
    }
    await this.ensureRegistry();
    return this.#createSchema(input, true);
  }

  async #status(id: string): Promise<VersionState> {
    const version = await this.send<GlueAnswer>(new GetSchemaVersionCommand({ SchemaVersionId: id }), {
      operation: 'GetSchemaVersion',
    });
    return versionState(id, version.Status, version.VersionNumber);
  }
}

interface GlueAnswer {
  readonly SchemaVersionId?: string;
  readonly VersionNumber?: number;
  readonly Status?: string;
}

function versionState(
  id: string | undefined,
  status: string | undefined,
  version: number | undefined,
): VersionState {
  return { id: id as string, status: status ?? 'AVAILABLE', ...(version === undefined ? {} : { version }) };
}

/** Glue's answer when the schema or registry to create exists already (a concurrent creator). */
function isAlreadyExists(error: unknown): boolean {
  return (error as RegistryError).errorCode === 'AlreadyExistsException';
}
