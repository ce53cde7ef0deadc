import type { DekAlgorithm } from '../../functions/lib/registry/dek-types.js';
import { fail } from '../errors.js';
import type { DekRequest, KekRequest, KekUpdate } from './dek-requests.js';
import type { DekStore, StoredDek, StoredKek } from './dek-store.js';

/** What the DEK routes answer: Confluent's Kek and Dek entities (null fields left out). */
export type KekView = StoredKek;
export type DekView = StoredDek;

/** Which DEKs a call is about: one subject's keys of one algorithm under a KEK. */
export interface DekScope {
  readonly kekName: string;
  readonly subject: string;
  readonly algorithm: DekAlgorithm;
}

const sharedRefused =
  'this registry service does not call a KMS, so it cannot generate or unwrap DEKs: create the KEK with "shared": false and let the client wrap its DEKs (Confluent clients do so by default)';

/**
 * Confluent's DEK registry (AbstractDekRegistry) over the DEK table: KEKs and their DEKs, with
 * soft delete, undelete and permanent delete in the same order and with the same errors.
 * Shared KEKs are refused: the service never holds KMS access, so key material never reaches it.
 */
export class DekRegistry {
  constructor(private readonly store: DekStore) {}

  async ready(): Promise<void> {
    await this.store.ping();
  }

  /** GET /keks: names; with subject prefixes, the KEKs that have a DEK for a matching subject. */
  async kekNames(subjectPrefixes: readonly string[], includeDeleted: boolean): Promise<string[]> {
    const keks = (await this.store.keks()).filter((kek) => includeDeleted || !kek.deleted);
    if (subjectPrefixes.length === 0) return keks.map((kek) => kek.name);
    const names: string[] = [];
    for (const kek of await this.store.keks()) {
      const deks = (await this.store.deks(kek.name)).filter((dek) => includeDeleted || !dek.deleted);
      if (deks.some((dek) => subjectPrefixes.some((prefix) => dek.subject.startsWith(prefix))))
        names.push(kek.name);
    }
    return names;
  }

  async getKek(name: string, includeDeleted: boolean): Promise<KekView> {
    const kek = await this.store.getKek(name);
    if (!kek || (kek.deleted && !includeDeleted)) throw fail.keyNotFound(name);
    return kek;
  }

  /** POST /keks: a second create of a live KEK is 40971; a create equal to a soft-deleted one revives it. */
  async createKek(request: KekRequest): Promise<KekView> {
    if (request.shared) throw fail.invalidKey('shared', sharedRefused);
    const { deleted, ...wanted } = request;
    const old = await this.store.getKek(request.name);
    if (old && (old.deleted === deleted || !sameKek(old, wanted))) throw fail.keyExists(request.name);
    if (!(await this.store.putKek({ ...wanted, deleted }, 'absentOrDeleted')))
      throw fail.keyExists(request.name);
    return this.getKek(request.name, true);
  }

  /** PUT /keks/{name}: changes kmsProps, doc and shared; a soft-deleted KEK is not found. */
  async updateKek(name: string, update: KekUpdate): Promise<KekView> {
    if (update.shared === true) throw fail.invalidKey('shared', sharedRefused);
    const old = await this.getKek(name, false);
    const next = {
      ...old,
      ...update,
      deleted: false,
    };
    if (sameKek(old, next)) return old;
    const { ts: _ts, ...item } = next;
    await this.store.putKek(item, 'any');
    return this.getKek(name, false);
  }

  /**
   * DELETE /keks/{name}: soft delete needs its DEKs soft-deleted first, permanent delete needs
   * them gone and the KEK soft-deleted first (42272, 40471).
   */
  async deleteKek(name: string, permanent: boolean): Promise<void> {
    const kek = await this.getKek(name, true);
    const deks = (await this.store.deks(name)).filter((dek) => permanent || !dek.deleted);
    if (deks.length > 0) throw fail.keyReferenceExists(name);
    if (permanent) {
      if (!kek.deleted) throw fail.keyNotSoftDeleted(name);
      await this.store.removeKek(name);
    } else if (!kek.deleted) {
      await this.store.putKek(withoutTs({ ...kek, deleted: true }), 'any');
    }
  }

  async undeleteKek(name: string): Promise<void> {
    const kek = await this.getKek(name, true);
    if (kek.deleted) await this.store.putKek(withoutTs({ ...kek, deleted: false }), 'any');
  }

  /** GET /keks/{name}/deks: the subjects with DEKs under the KEK, sorted. */
  async dekSubjects(kekName: string, includeDeleted: boolean): Promise<string[]> {
    await this.getKek(kekName, includeDeleted);
    const deks = (await this.store.deks(kekName)).filter((dek) => includeDeleted || !dek.deleted);
    return [...new Set(deks.map((dek) => dek.subject))].sort();
  }

  async dekVersions(scope: DekScope, includeDeleted: boolean): Promise<number[]> {
    await this.getKek(scope.kekName, includeDeleted);
    return (await this.visibleDeks(scope, includeDeleted)).map((dek) => dek.version);
  }

  /** GET .../deks/{subject}[/versions/{v}]: one version, or the latest. */
  async getDek(scope: DekScope, version: number | 'latest', includeDeleted: boolean): Promise<DekView> {
    await this.getKek(scope.kekName, includeDeleted);
    const dek =
      version === 'latest'
        ? (await this.visibleDeks(scope, includeDeleted)).at(-1)
        : await this.store.getDek(scope.kekName, scope.subject, scope.algorithm, version);
    if (!dek || (dek.deleted && !includeDeleted)) throw fail.keyNotFound(scope.subject);
    return dek;
  }

  /**
   * POST /keks/{name}/deks/{subject}: the client sends the DEK wrapped by the KEK (the KEK is not
   * shared, so only the client can wrap). Same rules as a KEK for an existing version.
   */
  async createDek(kekName: string, subject: string, request: DekRequest): Promise<DekView> {
    await this.getKek(kekName, request.deleted);
    if (request.encryptedKeyMaterial === undefined) {
      throw fail.invalidKey(
        'encryptedKeyMaterial',
        'the KEK is not shared, so the client must send the wrapped DEK',
      );
    }
    const wanted = {
      kekName,
      subject,
      version: request.version,
      algorithm: request.algorithm,
      encryptedKeyMaterial: request.encryptedKeyMaterial,
    };
    const old = await this.store.getDek(kekName, subject, request.algorithm, request.version);
    if (
      old &&
      (old.deleted === request.deleted || old.encryptedKeyMaterial !== wanted.encryptedKeyMaterial)
    ) {
      throw fail.keyExists(subject);
    }
    if (!(await this.store.putDek({ ...wanted, deleted: request.deleted }, 'absentOrDeleted'))) {
      throw fail.keyExists(subject);
    }
    return this.getDek({ kekName, subject, algorithm: request.algorithm }, request.version, true);
  }

  /** DELETE .../deks/{subject}: every version of the subject's DEK (of the algorithm). */
  async deleteDeks(scope: DekScope, permanent: boolean): Promise<void> {
    await this.getKek(scope.kekName, true);
    const deks = await this.store.deks(scope.kekName, scope);
    if (deks.length === 0) throw fail.keyNotFound(scope.subject);
    if (permanent) {
      if (deks.some((dek) => !dek.deleted)) throw fail.keyNotSoftDeleted(scope.subject);
      for (const dek of deks) await this.store.removeDek(dek);
      return;
    }
    for (const dek of deks.filter((d) => !d.deleted))
      await this.store.putDek(withoutTs({ ...dek, deleted: true }), 'any');
  }

  async deleteDekVersion(scope: DekScope, version: number | 'latest', permanent: boolean): Promise<void> {
    await this.getKek(scope.kekName, true);
    const dek = await this.getDek(scope, version, true);
    if (permanent) {
      if (!dek.deleted) throw fail.keyNotSoftDeleted(scope.subject);
      await this.store.removeDek(dek);
    } else if (!dek.deleted) {
      await this.store.putDek(withoutTs({ ...dek, deleted: true }), 'any');
    }
  }

  /** POST .../deks/{subject}/undelete: the KEK must be live first (40472). */
  async undeleteDeks(scope: DekScope): Promise<void> {
    const kek = await this.getKek(scope.kekName, true);
    const deks = await this.store.deks(scope.kekName, scope);
    if (deks.length === 0) throw fail.keyNotFound(scope.subject);
    if (kek.deleted) throw fail.keySoftDeleted(scope.kekName);
    for (const dek of deks.filter((d) => d.deleted))
      await this.store.putDek(withoutTs({ ...dek, deleted: false }), 'any');
  }

  async undeleteDekVersion(scope: DekScope, version: number | 'latest'): Promise<void> {
    const kek = await this.getKek(scope.kekName, true);
    const dek = await this.getDek(scope, version, true);
    if (kek.deleted) throw fail.keySoftDeleted(scope.kekName);
    if (dek.deleted) await this.store.putDek(withoutTs({ ...dek, deleted: false }), 'any');
  }

  private async visibleDeks(scope: DekScope, includeDeleted: boolean): Promise<StoredDek[]> {
    return (await this.store.deks(scope.kekName, scope)).filter((dek) => includeDeleted || !dek.deleted);
  }
}

/** Confluent's KeyEncryptionKey.isEquivalent: everything but the timestamp and the delete mark. */
function sameKek(a: Omit<StoredKek, 'ts' | 'deleted'>, b: Omit<StoredKek, 'ts' | 'deleted'>): boolean {
  return (
    a.name === b.name &&
    a.kmsType === b.kmsType &&
    a.kmsKeyId === b.kmsKeyId &&
    JSON.stringify(a.kmsProps) === JSON.stringify(b.kmsProps) &&
    a.doc === b.doc &&
    a.shared === b.shared
  );
}

function withoutTs<T extends { ts: number }>(item: T): Omit<T, 'ts'> {
  const { ts: _ts, ...rest } = item;
  return rest;
}
