import {
  checkCompatibility,
  InvalidSchemaError,
  isCompatibilityLevel,
} from '../../functions/lib/compat/index.js';
import type { CompatibilityLevel } from '../../functions/lib/schema/index.js';
import { fail } from '../errors.js';
import { glueSchemaName } from '../store/glue-names.js';
import type { GlueStore } from '../store/glue-store.js';
import {
  type IndexTable,
  type Mode,
  Modes,
  type StoredSchema,
  type SubjectVersion,
} from '../store/index-table.js';
import { carryForward, contractKey, type DataContract, identityWithContract } from './data-contract.js';
import type { ResolvedReference, SchemaRequest } from './request-body.js';
import { type PreparedSchema, prepareSchema } from './schema-text.js';

export interface RegistryServiceOptions {
  readonly glue: GlueStore;
  readonly table: IndexTable;
  /** Level used while no global config is set. @default 'BACKWARD' */
  readonly defaultCompatibility?: CompatibilityLevel;
}

/** A compatibility config as Confluent's GET /config shows it; unset fields are absent. */
export interface ConfigView {
  readonly compatibilityLevel?: CompatibilityLevel;
  readonly normalize?: boolean;
}

function configView(level: CompatibilityLevel | undefined, normalize: string | undefined): ConfigView {
  return {
    ...(level === undefined ? {} : { compatibilityLevel: level }),
    ...(normalize === undefined ? {} : { normalize: normalize === 'true' }),
  };
}

/** A subject version as the Confluent API shows it. */
export interface VersionView extends DataContract {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType: StoredSchema['schemaType'];
  readonly references: StoredSchema['references'];
}

/** Which versions a listing shows (Confluent's `LookupFilter`). */
export const LookupFilters = {
  live: 'DEFAULT',
  includeDeleted: 'INCLUDE_DELETED',
  deletedOnly: 'DELETED_ONLY',
} as const;

export type LookupFilter = (typeof LookupFilters)[keyof typeof LookupFilters];

function shown(filter: LookupFilter): (entry: SubjectVersion) => boolean {
  if (filter === LookupFilters.includeDeleted) return () => true;
  return (entry) => entry.deleted === (filter === LookupFilters.deletedOnly);
}

const modes = new Set<string>(Object.values(Modes));

/** How often a registration retries when a racing task took the version number it chose. */
const versionClaimAttempts = 5;

/** The Confluent Schema Registry semantics over a Glue registry and the id table. */
export class RegistryService {
  private readonly glue: GlueStore;
  private readonly table: IndexTable;
  private readonly defaultCompatibility: CompatibilityLevel;
  /** Ids are immutable, so a schema once read never changes. */
  private readonly schemas = new Map<number, StoredSchema>();
  /** Lookup forms by id, for the same reason. */
  private readonly equivalences = new Map<number, string>();

  constructor(options: RegistryServiceOptions) {
    this.glue = options.glue;
    this.table = options.table;
    this.defaultCompatibility = options.defaultCompatibility ?? 'BACKWARD';
  }

  async ready(): Promise<void> {
    await Promise.all([this.glue.ping(), this.table.ping()]);
  }

  /**
   * GET /subjects: subject names in order; a subject counts as deleted when all its versions
   * are (Confluent's rule), so `deletedOnly` lists those and the default lists the others.
   */
  async listSubjects(filter: LookupFilter = LookupFilters.live, prefix = ''): Promise<string[]> {
    const subjects = (await this.table.subjects()).filter((subject) => subject.startsWith(prefix)).sort();
    if (filter === LookupFilters.includeDeleted) return subjects;
    const deleted = await Promise.all(
      subjects.map(async (subject) => {
        const versions = await this.table.versions(subject);
        return versions.length === 0 ? undefined : versions.every((v) => v.deleted);
      }),
    );
    return subjects.filter((_, i) => deleted[i] === (filter === LookupFilters.deletedOnly));
  }

  /** GET /subjects/{s}/versions: 40401 only when the subject has no version the filter could show. */
  async listVersions(subject: string, filter: LookupFilter = LookupFilters.live): Promise<number[]> {
    const versions = await this.subjectVersions(subject, filter !== LookupFilters.live);
    return versions.filter(shown(filter)).map((v) => v.version);
  }

  /** GET /schemas: every subject version under a prefix, by subject then version. */
  async listSchemas(prefix: string, includeDeleted: boolean, latestOnly: boolean): Promise<VersionView[]> {
    const filter = includeDeleted ? LookupFilters.includeDeleted : LookupFilters.live;
    const views: VersionView[] = [];
    for (const subject of await this.listSubjects(LookupFilters.includeDeleted, prefix)) {
      const versions = (await this.table.versions(subject)).filter(shown(filter));
      const chosen = latestOnly ? versions.slice(-1) : versions;
      for (const entry of chosen) views.push(await this.view(entry));
    }
    return views;
  }

  async getVersion(
    subject: string,
    version: number | 'latest',
    includeDeleted: boolean,
  ): Promise<VersionView> {
    const entry = await this.findVersion(subject, version, includeDeleted);
    return this.view(entry);
  }

  async schemaById(id: number): Promise<StoredSchema> {
    const cached = this.schemas.get(id);
    if (cached) return cached;
    const stored = await this.table.schemaById(id);
    if (!stored) throw fail.schemaNotFound(`Schema ${id} not found`);
    this.schemas.set(id, stored);
    return stored;
  }

  /** GET /schemas/ids/{id}/versions: where the id is used, soft-deleted versions only when asked. */
  async idVersions(
    id: number,
    includeDeleted: boolean,
    subject?: string,
  ): Promise<{ subject: string; version: number }[]> {
    await this.schemaById(id);
    const usages = (await this.table.usages(id)).filter(
      (u) => subject === undefined || u.subject === subject,
    );
    if (includeDeleted) return usages;
    const deleted = await Promise.all(
      usages.map(
        async (u) => (await this.table.versions(u.subject)).find((v) => v.version === u.version)?.deleted,
      ),
    );
    return usages.filter((_, i) => deleted[i] === false);
  }

  /** GET /schemas/ids/{id}/subjects: the subjects that use the id. */
  async idSubjects(id: number, includeDeleted: boolean, subject?: string): Promise<string[]> {
    return [...new Set((await this.idVersions(id, includeDeleted, subject)).map((u) => u.subject))];
  }

  /**
   * POST /subjects/{s}/versions: the id of the schema, registering a new version if needed.
   * Versions are numbered here, one past the highest ever given (soft-deleted ones count),
   * so a deleted version is never revived and a version's id never changes.
   */
  async register(subject: string, given: SchemaRequest, normalize = false): Promise<number> {
    const schemaName = this.glueName(subject);
    const mode = await this.getMode(subject, true);
    assertRegisterMode(subject, mode, given);
    const prepared = await this.prepare(given, normalize || (await this.normalizeInScope(subject)));
    const versions = await this.table.versions(subject);
    const live = versions.filter((v) => !v.deleted);
    // An import copies versions as they were; otherwise the latest version's contract carries over.
    const request = mode === Modes.import ? given : carryForward(given, await this.latestContract(live));
    const identity = identityWithContract(prepared.identity, request);
    const knownId = await this.table.idForFingerprint(identity);
    const wanted = request.id ?? knownId;
    if (request.version === undefined) {
      if (wanted !== undefined && live.some((v) => v.id === wanted)) return wanted;
      const same = await this.findEquivalent(live, request, prepared);
      if (same && (request.id === undefined || same.id === request.id)) return same.id;
    }

    if (mode !== Modes.import) {
      const level = await this.effectiveCompatibility(subject);
      const messages = await this.localIncompatibilities(request, prepared.text, live, level);
      if (messages.length > 0) throw fail.incompatible(messages);
    }
    const next = Math.max(0, ...versions.map((v) => v.version)) + 1;
    if (request.version !== undefined && mode !== Modes.import && request.version !== next) {
      throw fail.invalidSchema('Version is not one more than previous version');
    }
    const occupant = versions.find((v) => v.version === request.version);
    if (occupant) {
      if (occupant.id === request.id && !occupant.deleted) return occupant.id;
      throw fail.versionTaken(subject, occupant.version, occupant.id);
    }

    const registered = await this.glue.registerVersion({
      schemaName,
      type: request.schemaType,
      definition: prepared.text,
      // An import copies history as it was: Glue must not judge it either.
      compatibility: mode === Modes.import ? 'NONE' : await this.effectiveCompatibility(subject),
    });
    const stored = {
      schema: prepared.text,
      schemaType: request.schemaType,
      references: request.references,
      ...contractOf(request),
    };
    let id: number;
    if (request.id !== undefined) {
      if (!(await this.table.claimId(request.id, identity, stored))) throw fail.idTaken(request.id);
      id = request.id;
    } else {
      id = knownId ?? (await this.table.allocateId(identity, stored));
    }
    const version = await this.claimVersion(subject, request.version ?? next, id, registered, {
      explicit: request.version !== undefined,
    });
    // Confluent drops older soft-deleted versions that held the same id (its tombstones).
    for (const old of versions.filter((v) => v.deleted && v.id === id && v.version < version)) {
      await this.table.removeVersion(old);
    }
    return id;
  }

  /**
   * Writes the version under a free number; a racing task that took it moves this one up,
   * unless the request named the number: a version once given is never overwritten.
   */
  private async claimVersion(
    subject: string,
    first: number,
    id: number,
    registered: { versionId: string; versionNumber: number },
    { explicit }: { explicit: boolean },
  ): Promise<number> {
    let version = first;
    for (let attempt = 1; attempt <= versionClaimAttempts; attempt += 1) {
      const entry = {
        subject,
        version,
        id,
        glueVersionId: registered.versionId,
        glueVersion: registered.versionNumber,
        deleted: false,
      };
      if (await this.table.putVersion(entry)) return version;
      const current = await this.table.versions(subject);
      const taken = current.find((v) => v.version === version);
      if (taken && taken.id === id && !taken.deleted) return version;
      if (explicit) throw fail.versionTaken(subject, version, taken?.id);
      version = Math.max(0, ...current.map((v) => v.version)) + 1;
    }
    throw fail.versionContended(subject);
  }

  /**
   * POST /subjects/{s}: the version of the subject holding this schema: by identity first,
   * then by equivalence (key order, `normalize`), latest version first.
   */
  async lookup(
    subject: string,
    request: SchemaRequest,
    includeDeleted: boolean,
    normalize = false,
  ): Promise<VersionView> {
    // Confluent parses the schema first: invalid text is 42201 even under an unknown subject.
    const prepared = await this.prepare(request, normalize || (await this.normalizeInScope(subject)));
    const versions = await this.subjectVersions(subject, includeDeleted);
    // As Confluent: the contract as sent first, then with the parts it leaves out taken from the latest version.
    const populated = carryForward(request, await this.latestContract(versions.filter((v) => !v.deleted)));
    const match =
      (await this.findInSubject(versions, request, prepared)) ??
      (contractKey(populated) === contractKey(request)
        ? undefined
        : await this.findInSubject(versions, populated, prepared));
    if (!match) throw fail.schemaNotFound();
    return this.view(match);
  }

  private async findInSubject(
    versions: readonly SubjectVersion[],
    request: SchemaRequest,
    prepared: PreparedSchema,
  ): Promise<SubjectVersion | undefined> {
    const id = await this.table.idForFingerprint(identityWithContract(prepared.identity, request));
    return (
      (id === undefined ? undefined : versions.findLast((v) => v.id === id)) ??
      (await this.findEquivalent(versions, request, prepared))
    );
  }

  /** The metadata and rule set of the latest of these versions, if it has any. */
  private async latestContract(live: readonly SubjectVersion[]): Promise<DataContract | undefined> {
    const latest = live.at(-1);
    return latest === undefined ? undefined : contractOf(await this.schemaById(latest.id));
  }

  /** The latest of these versions whose schema is the same as the request's (Confluent's `canLookup`). */
  private async findEquivalent(
    versions: readonly SubjectVersion[],
    request: SchemaRequest,
    prepared: PreparedSchema,
  ): Promise<SubjectVersion | undefined> {
    const references = JSON.stringify(request.references);
    const contract = contractKey(request);
    for (const entry of [...versions].reverse()) {
      const stored = await this.schemaById(entry.id);
      if (stored.schemaType !== request.schemaType || JSON.stringify(stored.references) !== references)
        continue;
      if (contractKey(stored) !== contract) continue;
      if ((await this.equivalenceOf(stored)) === prepared.equivalence) return entry;
    }
    return undefined;
  }

  private async equivalenceOf(stored: StoredSchema): Promise<string> {
    const cached = this.equivalences.get(stored.id);
    if (cached !== undefined) return cached;
    const references = await this.resolveReferences({ references: stored.references });
    const { equivalence } = prepareSchema(stored.schemaType, stored.schema, references);
    this.equivalences.set(stored.id, equivalence);
    return equivalence;
  }

  async deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    await this.assertWritable(subject);
    const versions = await this.table.versions(subject);
    if (versions.length === 0) throw fail.subjectNotFound(subject);
    const live = versions.filter((v) => !v.deleted);
    await this.assertUnreferenced(versions);
    if (!permanent) {
      if (live.length === 0) throw fail.subjectSoftDeleted(subject);
      await this.table.markDeleted(
        subject,
        live.map((v) => v.version),
      );
      return live.map((v) => v.version);
    }
    if (live.length > 0) throw fail.subjectNotSoftDeleted(subject);
    await this.glue.deleteSchema(this.glueName(subject));
    for (const version of versions) await this.table.removeVersion(version);
    await this.table.removeSubject(subject);
    return versions.map((v) => v.version);
  }

  async deleteVersion(subject: string, version: number | 'latest', permanent: boolean): Promise<number> {
    await this.assertWritable(subject);
    if (!permanent && version !== 'latest') {
      const existing = (await this.table.versions(subject)).find((v) => v.version === version);
      if (existing?.deleted) throw fail.versionSoftDeleted(subject, version);
    }
    const entry = await this.findVersion(subject, version, permanent);
    await this.assertUnreferenced([entry]);
    if (!permanent) {
      await this.table.markDeleted(subject, [entry.version]);
      return entry.version;
    }
    if (!entry.deleted) throw fail.versionNotSoftDeleted(subject, entry.version);
    await this.purgeVersion(entry);
    return entry.version;
  }

  /** Removes a soft-deleted version for good (and its subject with its last version). */
  private async purgeVersion(entry: SubjectVersion): Promise<void> {
    const { subject } = entry;
    // Glue refuses to delete some versions (a checkpoint); the version still leaves the
    // Confluent view, and Glue keeps an unreachable copy. A Glue version another Confluent
    // version shares (the same schema registered again) stays.
    const shared = (await this.table.versions(subject)).some(
      (v) => v.version !== entry.version && v.glueVersionId === entry.glueVersionId,
    );
    if (!shared) {
      await this.glue.deleteVersion(this.glueName(subject), entry.glueVersion).catch(() => undefined);
    }
    await this.table.removeVersion(entry);
    if ((await this.table.versions(subject)).length === 0) await this.table.removeSubject(subject);
  }

  /**
   * POST /compatibility/subjects/{s}/versions[/{v}]: messages say which rule, version and field break.
   * As Confluent: with a version, only that version is checked, whatever the level; without one,
   * the subject's history as the level says (the latest, or every version when transitive).
   */
  async checkCompatibility(
    subject: string,
    version: number | 'latest' | undefined,
    request: SchemaRequest,
  ): Promise<{ compatible: boolean; messages: string[] }> {
    const { text: normalized } = await this.prepare(request);
    const level = await this.effectiveCompatibility(subject);
    let against = (await this.table.versions(subject)).filter((v) => !v.deleted);
    if (version !== undefined) {
      if (against.length === 0) throw fail.subjectNotFound(subject);
      against = [await this.findVersion(subject, version, false)];
    }
    const messages = await this.localIncompatibilities(request, normalized, against, level);
    return { compatible: messages.length === 0, messages };
  }

  async getConfig(subject?: string, defaultToGlobal = false): Promise<CompatibilityLevel> {
    if (subject !== undefined) {
      const own = await this.table.getSetting('CONFIG', subject);
      if (own !== undefined) return own as CompatibilityLevel;
      if (!defaultToGlobal) throw fail.subjectConfigNotFound(subject);
    }
    return (
      ((await this.table.getSetting('CONFIG')) as CompatibilityLevel | undefined) ?? this.defaultCompatibility
    );
  }

  /**
   * GET /config[/{s}]: the level and `normalize` as set (a subject without either is 40408),
   * or with `defaultToGlobal` what applies to the subject, filled in from the global config.
   */
  async getConfigView(subject?: string, defaultToGlobal = false): Promise<ConfigView> {
    const global = await this.table.getSetting('NORMALIZE');
    if (subject === undefined) return configView(await this.getConfig(), global);
    const level = await this.table.getSetting('CONFIG', subject);
    const normalize = await this.table.getSetting('NORMALIZE', subject);
    if (defaultToGlobal) return configView(await this.getConfig(subject, true), normalize ?? global);
    if (level === undefined && normalize === undefined) throw fail.subjectConfigNotFound(subject);
    return configView(level as CompatibilityLevel | undefined, normalize);
  }

  /**
   * PUT /config[/{s}]: sets the fields given (`compatibility`, `normalize`), keeps the others,
   * and answers with what the scope now has set, as Confluent's config update does.
   */
  async updateConfig(
    body: { compatibility?: unknown; normalize?: unknown },
    subject?: string,
  ): Promise<{ compatibility?: CompatibilityLevel; normalize?: boolean }> {
    const { compatibility, normalize } = body;
    const level = typeof compatibility === 'string' ? compatibility.toUpperCase() : compatibility;
    // Confluent accepts an update that sets nothing; an empty body is more likely a mistake.
    const setsNothing = level === undefined && normalize === undefined;
    if (setsNothing || (level !== undefined && !isCompatibilityLevel(level))) {
      throw fail.invalidCompatibility(compatibility);
    }
    if (normalize !== undefined && typeof normalize !== 'boolean') {
      throw fail.badRequest('"normalize" must be true or false');
    }
    await this.assertConfigWritable(subject);
    if (level !== undefined) await this.table.putSetting('CONFIG', level, subject);
    if (normalize !== undefined)
      await this.table.putSetting('NORMALIZE', String(normalize) as 'true', subject);
    const set = configView(
      (await this.table.getSetting('CONFIG', subject)) as CompatibilityLevel | undefined,
      await this.table.getSetting('NORMALIZE', subject),
    );
    return {
      ...(set.compatibilityLevel === undefined ? {} : { compatibility: set.compatibilityLevel }),
      ...(set.normalize === undefined ? {} : { normalize: set.normalize }),
    };
  }

  /** DELETE /config[/{s}]: removes a subject's config (or resets the global one); returns what it was. */
  async deleteConfig(subject?: string): Promise<ConfigView> {
    const previous = await this.getConfigView(subject);
    await this.assertConfigWritable(subject);
    await this.table.deleteSetting('CONFIG', subject);
    await this.table.deleteSetting('NORMALIZE', subject);
    return previous;
  }

  /** Confluent refuses config changes to a scope in a read-only mode. */
  private async assertConfigWritable(subject?: string): Promise<void> {
    const mode = await this.getMode(subject, true);
    if (mode === Modes.readOnly || mode === Modes.readOnlyOverride) {
      throw fail.readOnly(subject);
    }
  }

  /** Whether the subject's config (or the global one) asks every registration and lookup to normalize. */
  private async normalizeInScope(subject: string): Promise<boolean> {
    const own = await this.table.getSetting('NORMALIZE', subject);
    return (own ?? (await this.table.getSetting('NORMALIZE'))) === 'true';
  }

  async getMode(subject?: string, defaultToGlobal = false): Promise<Mode> {
    if (subject !== undefined) {
      const own = await this.table.getSetting('MODE', subject);
      if (own !== undefined) return own as Mode;
      if (!defaultToGlobal) throw fail.subjectModeNotFound(subject);
    }
    return ((await this.table.getSetting('MODE')) as Mode | undefined) ?? Modes.readWrite;
  }

  /**
   * PUT /mode[/{s}]: IMPORT needs the scope (one subject, or the whole registry) to have no
   * live version, unless forced, as Confluent requires; names are case-insensitive.
   */
  async setMode(value: unknown, subject?: string, force = false): Promise<Mode> {
    const mode = typeof value === 'string' ? value.toUpperCase() : value;
    if (typeof mode !== 'string' || !modes.has(mode)) throw fail.invalidMode(value);
    if (mode === Modes.import && !force && (await this.getMode(subject, true)) !== Modes.import) {
      const scope = subject === undefined ? await this.listSubjects(LookupFilters.includeDeleted) : [subject];
      const leftovers: SubjectVersion[] = [];
      for (const name of scope) {
        const versions = await this.table.versions(name);
        if (versions.some((v) => !v.deleted)) throw fail.importNotEmpty();
        leftovers.push(...versions);
      }
      // Confluent hard-deletes what soft deletes left, so an import can give those version numbers again.
      await this.assertUnreferenced(leftovers);
      for (const entry of leftovers) await this.purgeVersion(entry);
    }
    await this.table.putSetting('MODE', mode as Mode, subject);
    return mode as Mode;
  }

  /** DELETE /mode[/{s}]: removes a subject's mode (or resets the global one); returns the mode it had. */
  async deleteMode(subject?: string): Promise<Mode> {
    const previous = await this.getMode(subject);
    await this.table.deleteSetting('MODE', subject);
    return previous;
  }

  /** GET /subjects/{s}/versions/{v}/referencedby: ids of schemas that reference the version. */
  async referencedBy(subject: string, version: number | 'latest'): Promise<number[]> {
    const entry = await this.findVersion(subject, version, false);
    return this.table.referencedBy(subject, entry.version);
  }

  /** A version another registered schema references cannot go (Confluent's 42206). */
  private async assertUnreferenced(versions: readonly SubjectVersion[]): Promise<void> {
    for (const entry of versions) {
      if ((await this.table.referencedBy(entry.subject, entry.version)).length > 0) {
        throw fail.referenceExists(entry.subject, entry.version);
      }
    }
  }

  private glueName(subject: string): string {
    const name = glueSchemaName(subject);
    if (name === undefined)
      throw fail.invalidSubject(subject, 'AWS Glue schema names are at most 255 characters');
    return name;
  }

  private async assertWritable(subject: string): Promise<void> {
    const mode = await this.getMode(subject, true);
    if (mode === Modes.readOnly || mode === Modes.readOnlyOverride) throw fail.readOnly(subject);
  }

  private async effectiveCompatibility(subject: string): Promise<CompatibilityLevel> {
    return this.getConfig(subject, true);
  }

  private async prepare(request: SchemaRequest, normalize = false): Promise<PreparedSchema> {
    const references = await this.resolveReferences(request);
    return prepareSchema(request.schemaType, request.schema, references, normalize);
  }

  private async resolveReferences(request: Pick<SchemaRequest, 'references'>): Promise<ResolvedReference[]> {
    return Promise.all(
      request.references.map(async (ref) => {
        const entry = (await this.table.versions(ref.subject)).find(
          (v) => v.version === ref.version && !v.deleted,
        );
        if (!entry) {
          throw fail.invalidSchema(
            `reference ${ref.name} points at ${ref.subject} version ${ref.version}, which does not exist`,
          );
        }
        return { ...ref, schema: (await this.schemaById(entry.id)).schema };
      }),
    );
  }

  /**
   * Every format is checked here with Confluent's rules (Avro, JSON Schema, Protobuf), so the
   * answer is Confluent's whether or not the store checks (moto checks nothing; Glue's rules differ).
   */
  private async localIncompatibilities(
    request: SchemaRequest,
    normalized: string,
    against: readonly SubjectVersion[],
    level: CompatibilityLevel,
  ): Promise<string[]> {
    if (level === 'NONE' || against.length === 0) return [];
    const named = (refs: readonly ResolvedReference[]) =>
      refs.map((r) => ({ name: r.name, definition: r.schema }));
    const candidateRefs = await this.resolveReferences(request);
    const previous = await Promise.all(
      against.map(async (entry) => {
        const stored = await this.schemaById(entry.id);
        const refs = await this.resolveReferences({ ...request, references: stored.references });
        return {
          version: entry.version,
          type: stored.schemaType,
          definition: stored.schema,
          references: named(refs),
        };
      }),
    );
    try {
      const result = checkCompatibility({
        level,
        candidate: { type: request.schemaType, definition: normalized, references: named(candidateRefs) },
        previous,
      });
      return [...result.messages];
    } catch (error) {
      if (error instanceof InvalidSchemaError) throw fail.invalidSchema(error.message);
      throw error;
    }
  }

  private async subjectVersions(subject: string, includeDeleted: boolean): Promise<SubjectVersion[]> {
    const versions = await this.table.versions(subject);
    const visible = includeDeleted ? versions : versions.filter((v) => !v.deleted);
    if (visible.length === 0) throw fail.subjectNotFound(subject);
    return visible;
  }

  private async findVersion(
    subject: string,
    version: number | 'latest',
    includeDeleted: boolean,
  ): Promise<SubjectVersion> {
    const versions = await this.subjectVersions(subject, includeDeleted);
    const entry = version === 'latest' ? versions.at(-1) : versions.find((v) => v.version === version);
    if (!entry) throw fail.versionNotFound(subject, version);
    return entry;
  }

  private async view(entry: SubjectVersion): Promise<VersionView> {
    const stored = await this.schemaById(entry.id);
    return {
      subject: entry.subject,
      version: entry.version,
      id: entry.id,
      schema: stored.schema,
      schemaType: stored.schemaType,
      references: stored.references,
      ...contractOf(stored),
    };
  }
}

/** Just the contract parts that are there. */
function contractOf(from: DataContract): DataContract {
  return {
    ...(from.metadata === undefined ? {} : { metadata: from.metadata }),
    ...(from.ruleSet === undefined ? {} : { ruleSet: from.ruleSet }),
  };
}

/** Confluent's checks before a registration: read-only modes refuse, an explicit id needs IMPORT. */
function assertRegisterMode(subject: string, mode: Mode, request: SchemaRequest): void {
  if (mode === Modes.readOnly || mode === Modes.readOnlyOverride) throw fail.readOnly(subject);
  if (request.id !== undefined && mode !== Modes.import) throw fail.notImportMode(subject);
  if (request.id === undefined && mode !== Modes.readWrite) throw fail.notReadWriteMode(subject);
}
