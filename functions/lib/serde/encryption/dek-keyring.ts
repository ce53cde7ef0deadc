import type { Dek, Kek } from '../../registry/dek-types.js';
import type { DekRegistry } from './dek-registry.js';
import { FieldEncryptionError } from './errors.js';
import type { KekCipher } from './kms-kek.js';
import { AWS_KMS, DEK_ALGORITHM, type EncryptRule } from './rule.js';
import { aesKeyOf, newDekMaterial } from './tink-aes-gcm.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A DEK ready to use: its version and the raw AES key. */
export interface DataKey {
  readonly version: number;
  readonly key: Buffer;
}

export interface DekKeyringOptions {
  readonly registry: DekRegistry;
  readonly kek: KekCipher;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * How long the write DEK of a (KEK, subject) is used before the registry is asked again, so a
   * rotation made by another producer is picked up. @default 300_000 (5 minutes)
   */
  readonly writeKeyTtlMs?: number;
}

interface WriteSlot {
  readonly key: DataKey;
  readonly refreshAt: number;
}

/**
 * DEKs per container: found or created in the DEK registry, unwrapped once by the KEK, then
 * kept. Read keys never change for a (KEK, subject, version), so they stay for the container's life.
 */
export class DekKeyring {
  private readonly clock: () => number;
  private readonly writeKeyTtlMs: number;
  private readonly keks = new Map<string, Promise<Kek>>();
  /**
   * Keys by KEK name, then subject (then version for read keys): the per-record lookups use the
   * caller's strings as they are, where a joined key would be a new string to hash on every call.
   */
  private readonly writeKeys = new Map<string, Map<string, WriteSlot>>();
  private readonly readKeys = new Map<string, Map<string, Map<number, DataKey>>>();
  private readonly pending = new Map<string, Promise<DataKey>>();

  constructor(private readonly options: DekKeyringOptions) {
    this.clock = options.clock ?? Date.now;
    this.writeKeyTtlMs = options.writeKeyTtlMs ?? 300_000;
  }

  /** The write DEK when cached and fresh; undefined when the registry must be asked. */
  cachedWriteKey(rule: EncryptRule, subject: string): DataKey | undefined {
    const slot = this.writeKeys.get(rule.kekName)?.get(subject);
    return slot !== undefined && slot.refreshAt > this.clock() ? slot.key : undefined;
  }

  /** The DEK to encrypt with: the latest version, a new one when missing or past its expiry. */
  writeKey(rule: EncryptRule, subject: string): Promise<DataKey> {
    const cached = this.cachedWriteKey(rule, subject);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.once(`w\u0000${rule.kekName}\u0000${subject}`, async () => {
      const key = await this.resolveWriteKey(rule, subject);
      this.keepReadKey(rule.kekName, subject, key);
      const expiresAt = rule.dekExpiryDays > 0 ? this.clock() + rule.dekExpiryDays * DAY_MS : Infinity;
      within(this.writeKeys, rule.kekName).set(subject, {
        key,
        refreshAt: Math.min(this.clock() + this.writeKeyTtlMs, expiresAt),
      });
      return key;
    });
  }

  cachedReadKey(kekName: string, subject: string, version: number): DataKey | undefined {
    return this.readKeys.get(kekName)?.get(subject)?.get(version);
  }

  /** The DEK a ciphertext names; KEK refusals (KekAccessDeniedError) reach the caller. */
  readKey(kekName: string, subject: string, version: number): Promise<DataKey> {
    const cached = this.cachedReadKey(kekName, subject, version);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.once(`r\u0000${kekName}\u0000${subject}\u0000${version}`, async () => {
      const kek = await this.kekFor(kekName, undefined);
      const dek = await this.options.registry.getDek(kekName, subject, version, DEK_ALGORITHM);
      if (dek === undefined) {
        throw new FieldEncryptionError(
          `DEK registry has no DEK version ${version} for KEK ${kekName}, subject ${subject}`,
        );
      }
      const key = await this.unwrap(kek, dek);
      this.keepReadKey(kekName, subject, key);
      return key;
    });
  }

  private keepReadKey(kekName: string, subject: string, key: DataKey): void {
    within(within(this.readKeys, kekName), subject).set(key.version, key);
  }

  private async resolveWriteKey(rule: EncryptRule, subject: string): Promise<DataKey> {
    const registry = this.options.registry;
    const kek = await this.kekFor(rule.kekName, rule);
    const rotating = rule.dekExpiryDays > 0;
    const latest = await registry.getDek(kek.name, subject, rotating ? 'latest' : 1, DEK_ALGORITHM);
    const expired =
      rotating && latest !== undefined && this.clock() - (latest.ts ?? 0) > rule.dekExpiryDays * DAY_MS;
    if (latest !== undefined && !expired) return this.unwrap(kek, latest);
    const material = newDekMaterial();
    const wrapped = await this.options.kek.wrap(kek.kmsKeyId, material);
    const version = latest === undefined ? 1 : latest.version + 1;
    const created = await registry.registerDek(kek.name, {
      subject,
      version,
      algorithm: DEK_ALGORITHM,
      encryptedKeyMaterial: wrapped.toString('base64'),
    });
    if (created !== undefined) return { version: created.version, key: aesKeyOf(material) };
    // Another producer registered this version first (409): use theirs.
    const winner = await registry.getDek(kek.name, subject, version, DEK_ALGORITHM);
    if (winner === undefined) {
      throw new FieldEncryptionError(
        `DEK version ${version} for ${subject} was refused and cannot be read back`,
        {
          retryable: true,
        },
      );
    }
    return this.unwrap(kek, winner);
  }

  private async unwrap(kek: Kek, dek: Dek): Promise<DataKey> {
    if (dek.encryptedKeyMaterial === undefined) {
      throw new FieldEncryptionError(`DEK ${dek.subject} v${dek.version} of ${kek.name} has no key material`);
    }
    const material = await this.options.kek.unwrap(
      kek.kmsKeyId,
      Buffer.from(dek.encryptedKeyMaterial, 'base64'),
    );
    return { version: dek.version, key: aesKeyOf(material) };
  }

  /** The KEK from the registry; a producer registers it from its rule when missing. */
  private kekFor(name: string, rule: EncryptRule | undefined): Promise<Kek> {
    let kek = this.keks.get(name);
    if (kek === undefined) {
      kek = this.fetchKek(name, rule);
      this.keks.set(name, kek);
      kek.catch(() => this.keks.delete(name));
    }
    return kek;
  }

  private async fetchKek(name: string, rule: EncryptRule | undefined): Promise<Kek> {
    const registry = this.options.registry;
    const found = await registry.getKek(name);
    if (found !== undefined) {
      if (rule !== undefined && found.kmsKeyId !== rule.kmsKeyId) {
        throw new FieldEncryptionError(
          `KEK ${name} in the DEK registry uses KMS key ${found.kmsKeyId}, the rule says ${rule.kmsKeyId}`,
        );
      }
      return found;
    }
    if (rule === undefined) throw new FieldEncryptionError(`DEK registry has no KEK named ${name}`);
    const kek: Kek = { name, kmsType: AWS_KMS, kmsKeyId: rule.kmsKeyId, shared: false };
    return (await registry.registerKek(kek)) ?? (await registry.getKek(name)) ?? kek;
  }

  /** One registry and KMS round trip per key, however many records wait for it; failures not kept. */
  private once(id: string, load: () => Promise<DataKey>): Promise<DataKey> {
    let pending = this.pending.get(id);
    if (pending === undefined) {
      pending = load().finally(() => this.pending.delete(id));
      this.pending.set(id, pending);
    }
    return pending;
  }
}

/** The inner map of `outer` at `key`, created when missing. */
function within<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}
