import { path } from './confluent-client.js';
import type { CreateDekInput, CreateKekInput, Dek, DekQuery, Kek } from './dek-types.js';
import { KeyExistsError, KeyNotFoundError, RegistryError } from './errors.js';
import { type RegistryHttp, registryHttp } from './http.js';
import type { ConfluentClientOptions, RetryOptions } from './options.js';
import { withRetry } from './retry.js';

/** Confluent's DEK registry error codes that callers branch on. */
const keyNotFound = 40470;
const keyExists = 40971;

/**
 * A client for Confluent's DEK registry (`/dek-registry/v1/keks/...`), as served by Confluent's
 * registry and Eventline's registry service. Uncached: the field encryptor caches DEKs.
 */
export class DekRegistryClient {
  readonly #http: RegistryHttp;
  readonly #retry: RetryOptions;

  constructor(options: ConfluentClientOptions, http: RegistryHttp = registryHttp(options)) {
    this.#http = http;
    this.#retry = options.retry ?? {};
  }

  async #call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    try {
      return await withRetry(() => this.#http(method, url, body), this.#retry);
    } catch (error) {
      throw translate(error);
    }
  }

  /** The KEK by name; KeyNotFoundError when absent (or soft-deleted, unless `deleted`). */
  async getKek(name: string, options: { readonly deleted?: boolean } = {}): Promise<Kek> {
    return (await this.#call('GET', `${path`dek-registry/v1/keks/${name}`}${query(options)}`)) as Kek;
  }

  /** Creates the KEK; KeyExistsError when one of that name exists with other settings. */
  async createKek(input: CreateKekInput): Promise<Kek> {
    return (await this.#call('POST', 'dek-registry/v1/keks', { shared: false, ...input })) as Kek;
  }

  /** A DEK of the subject, the latest version unless one is asked for; KeyNotFoundError when absent. */
  async getDek(kekName: string, subject: string, options: DekQuery = {}): Promise<Dek> {
    const { version = 'latest', ...rest } = options;
    const base = path`dek-registry/v1/keks/${kekName}/deks/${subject}`;
    const url = version === 'latest' ? base : `${base}${path`/versions/${version}`}`;
    return (await this.#call('GET', `${url}${query(rest)}`)) as Dek;
  }

  /** Creates a DEK version; KeyExistsError when that version exists with other key material. */
  async createDek(kekName: string, input: CreateDekInput): Promise<Dek> {
    return (await this.#call(
      'POST',
      path`dek-registry/v1/keks/${kekName}/deks/${input.subject}`,
      input,
    )) as Dek;
  }
}

function query(options: Omit<DekQuery, 'version'>): string {
  const params = new URLSearchParams();
  if (options.algorithm) params.set('algorithm', options.algorithm);
  if (options.deleted) params.set('deleted', 'true');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The transport maps by schema-registry codes; DEK registry codes get their own classes here. */
function translate(error: unknown): unknown {
  if (!(error instanceof RegistryError)) return error;
  const Type =
    error.errorCode === keyNotFound
      ? KeyNotFoundError
      : error.errorCode === keyExists
        ? KeyExistsError
        : undefined;
  if (Type === undefined) return error;
  return new Type(error.message, {
    ...(error.status === undefined ? {} : { status: error.status }),
    errorCode: error.errorCode as number,
    ...(error.url === undefined ? {} : { url: error.url }),
    cause: error,
  });
}
