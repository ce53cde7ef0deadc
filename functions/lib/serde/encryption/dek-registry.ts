import type { DekRegistryClient } from '../../registry/dek-client.js';
import type { Dek, DekAlgorithm, Kek } from '../../registry/dek-types.js';
import { KeyExistsError, KeyNotFoundError } from '../../registry/errors.js';

export interface NewDek {
  readonly subject: string;
  readonly version: number;
  readonly algorithm: DekAlgorithm;
  readonly encryptedKeyMaterial: string;
}

/**
 * What field encryption needs of Confluent's DEK registry (`/dek-registry/v1/keks/...`), with
 * "absent" and "taken" as values rather than errors: both are normal turns of a DEK lookup.
 */
export interface DekRegistry {
  /** undefined when the registry has no such KEK (404). */
  getKek(name: string): Promise<Kek | undefined>;
  /** Resolves undefined when another writer registered it first (409). */
  registerKek(kek: Kek): Promise<Kek | undefined>;
  /** `'latest'` or a version. undefined on 404. */
  getDek(
    kekName: string,
    subject: string,
    version: number | 'latest',
    algorithm: DekAlgorithm,
  ): Promise<Dek | undefined>;
  /** Resolves undefined when another writer registered that version first (409). */
  registerDek(kekName: string, dek: NewDek): Promise<Dek | undefined>;
}

/** The DEK registry over the registry service's HTTP API (Confluent's or Eventline's). */
export function httpDekRegistry(client: DekRegistryClient): DekRegistry {
  return {
    getKek: (name) => absentOn(KeyNotFoundError, client.getKek(name)),
    registerKek: (kek) =>
      absentOn(
        KeyExistsError,
        client.createKek({
          name: kek.name,
          kmsType: kek.kmsType,
          kmsKeyId: kek.kmsKeyId,
          shared: kek.shared,
        }),
      ),
    getDek: (kekName, subject, version, algorithm) =>
      absentOn(KeyNotFoundError, client.getDek(kekName, subject, { version, algorithm })),
    registerDek: (kekName, dek) => absentOn(KeyExistsError, client.createDek(kekName, dek)),
  };
}

async function absentOn<T>(
  type: abstract new (...args: never[]) => Error,
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof type) return undefined;
    throw error;
  }
}
