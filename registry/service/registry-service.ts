import {
  checkCompatibility,
  InvalidSchemaError,
  isCompatibilityLevel,
} from '../../functions/lib/compat/index.js';
import type { CompatibilityLevel } from '../../functions/lib/manifest/types.js';
import { fail } from '../errors.js';
import { glueSchemaName } from '../store/glue-names.js';
import type { GlueStore } from '../store/glue-store.js';
import type { IndexTable, Mode, StoredSchema, SubjectVersion } from '../store/index-table.js';
import type { SchemaRequest } from './request-body.js';
import { fingerprint, normalizeSchema, type ResolvedReference } from './schema-text.js';

export interface RegistryServiceOptions {
  readonly glue: GlueStore;
  readonly table: IndexTable;
  /** Level used while no global config is set. @default 'BACKWARD' */
  readonly defaultCompatibility?: CompatibilityLevel;
}

/** A subject version as the Confluent API shows it. */
export interface VersionView {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType: StoredSchema['schemaType'];
  readonly references: StoredSchema['references'];
}

const modes = new Set<string>(['READWRITE', 'READONLY']);

/** The Confluent Schema Registry semantics over a Glue registry and the id table. */
export class RegistryService {
  private readonly glue: GlueStore;
  private readonly table: IndexTable;
  private readonly defaultCompatibility: CompatibilityLevel;
  /** Ids are immutable, so a schema once read never changes. */
  private readonly schemas = new Map<number, StoredSchema>();

  constructor(options: RegistryServiceOptions) {
    this.glue = options.glue;
    this.table = options.table;
    this.defaultCompatibility = options.defaultCompatibility ?? 'BACKWARD';
  }

  async ready(): Promise<void> {
    await Promise.all([this.glue.ping(), this.table.ping()]);
  }

  async listSubjects(includeDeleted: boolean): Promise<string[]> {
    const subjects = await this.table.subjects();
    if (includeDeleted) return subjects;
    const live = await Promise.all(
      subjects.map(async (subject) => (await this.table.versions(subject)).some((v) => !v.deleted)),
    );
    return subjects.filter((_, i) => live[i]);
  }

  async listVersions(subject: string, includeDeleted: boolean): Promise<number[]> {
    return (await this.subjectVersions(subject, includeDeleted)).map((v) => v.version);
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

  async idVersions(id: number): Promise<{ subject: string; version: number }[]> {
    await this.schemaById(id);
    return this.table.usages(id);
  }

  /** POST /subjects/{s}/versions: the id of the schema, registering a new version if needed. */
  async register(subject: string, request: SchemaRequest): Promise<number> {
    const schemaName = this.glueName(subject);
    await this.assertWritable(subject);
    const { normalized, print } = await this.prepare(request);
    const versions = await this.table.versions(subject);
    const live = versions.filter((v) => !v.deleted);
    const knownId = await this.table.idForFingerprint(print);
    if (knownId !== undefined && live.some((v) => v.id === knownId)) return knownId;

    const level = await this.effectiveCompatibility(subject);
    const messages = await this.localIncompatibilities(request, normalized, live, level);
    if (messages.length > 0) throw fail.incompatible(messages);

    const registered = await this.glue.registerVersion({
      schemaName,
      type: request.schemaType,
      definition: normalized,
      compatibility: level,
    });
    const id = await this.table.allocateId(print, {
      schema: normalized,
      schemaType: request.schemaType,
      references: request.references,
    });
    await this.table.putVersion({
      subject,
      version: registered.versionNumber,
      id,
      glueVersionId: registered.versionId,
      deleted: false,
    });
    return id;
  }

  /** POST /subjects/{s}: the version of the subject holding this schema. */
  async lookup(subject: string, request: SchemaRequest, includeDeleted: boolean): Promise<VersionView> {
    const versions = await this.subjectVersions(subject, includeDeleted);
    const { print } = await this.prepare(request);
    const id = await this.table.idForFingerprint(print);
    const match = versions.findLast((v) => v.id === id);
    if (id === undefined || !match) throw fail.schemaNotFound();
    return this.view(match);
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
    // Glue refuses to delete some versions (a checkpoint); the version still leaves the
    // Confluent view, and Glue keeps an unreachable copy.
    await this.glue.deleteVersion(this.glueName(subject), entry.version).catch(() => undefined);
    await this.table.removeVersion(entry);
    if ((await this.table.versions(subject)).length === 0) await this.table.removeSubject(subject);
    return entry.version;
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
    const { normalized } = await this.prepare(request);
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

  async setConfig(level: unknown, subject?: string): Promise<CompatibilityLevel> {
    const normalized = typeof level === 'string' ? level.toUpperCase() : level;
    if (!isCompatibilityLevel(normalized)) throw fail.invalidCompatibility(level);
    await this.table.putSetting('CONFIG', normalized, subject);
    return normalized;
  }

  /** Removes a subject's own level (or resets the global one); returns the level it had. */
  async deleteConfig(subject?: string): Promise<CompatibilityLevel> {
    const previous = await this.getConfig(subject);
    await this.table.deleteSetting('CONFIG', subject);
    return previous;
  }

  async getMode(subject?: string, defaultToGlobal = false): Promise<Mode> {
    if (subject !== undefined) {
      const own = await this.table.getSetting('MODE', subject);
      if (own !== undefined) return own as Mode;
      if (!defaultToGlobal) throw fail.subjectModeNotFound(subject);
    }
    return ((await this.table.getSetting('MODE')) as Mode | undefined) ?? 'READWRITE';
  }

  async setMode(mode: unknown, subject?: string): Promise<Mode> {
    if (typeof mode !== 'string' || !modes.has(mode)) throw fail.invalidMode(mode);
    await this.table.putSetting('MODE', mode as Mode, subject);
    return mode as Mode;
  }

  async deleteMode(subject: string): Promise<Mode> {
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
    if ((await this.getMode(subject, true)) === 'READONLY') throw fail.readOnly(subject);
  }

  private async effectiveCompatibility(subject: string): Promise<CompatibilityLevel> {
    return this.getConfig(subject, true);
  }

  private async prepare(request: SchemaRequest): Promise<{ normalized: string; print: string }> {
    const references = await this.resolveReferences(request);
    const normalized = normalizeSchema(request.schemaType, request.schema, references);
    return { normalized, print: fingerprint(request.schemaType, normalized, request.references) };
  }

  private async resolveReferences(request: SchemaRequest): Promise<ResolvedReference[]> {
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
    };
  }
}
