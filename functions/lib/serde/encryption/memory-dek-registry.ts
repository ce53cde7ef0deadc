import type { Dek, Kek } from '../../registry/dek-types.js';
import type { DekRegistry, NewDek } from './dek-registry.js';

/**
 * Confluent's DEK registry semantics in memory (409 on a taken version, the latest on request,
 * `ts` stamped on create), for tests of the encryption step that do not exercise the registry
 * service itself. `created` counts registrations, so tests can see rotation happen.
 */
export class MemoryDekRegistry implements DekRegistry {
  readonly keks = new Map<string, Kek>();
  readonly deks = new Map<string, Dek[]>();
  created = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async getKek(name: string): Promise<Kek | undefined> {
    return this.keks.get(name);
  }

  async registerKek(kek: Kek): Promise<Kek | undefined> {
    if (this.keks.has(kek.name)) return undefined;
    this.keks.set(kek.name, kek);
    return kek;
  }

  async getDek(
    kekName: string,
    subject: string,
    version: number | 'latest',
    algorithm: string,
  ): Promise<Dek | undefined> {
    const versions = (this.deks.get(`${kekName}/${subject}`) ?? []).filter(
      (dek) => dek.algorithm === algorithm,
    );
    return version === 'latest' ? versions.at(-1) : versions.find((dek) => dek.version === version);
  }

  async registerDek(kekName: string, dek: NewDek): Promise<Dek | undefined> {
    const id = `${kekName}/${dek.subject}`;
    const versions = this.deks.get(id) ?? [];
    if (versions.some((existing) => existing.version === dek.version)) return undefined;
    const stored: Dek = { kekName, ...dek, ts: this.clock() };
    this.deks.set(id, [...versions, stored]);
    this.created++;
    return stored;
  }
}
