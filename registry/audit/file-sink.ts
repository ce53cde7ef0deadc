import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry } from './audit-entry.js';
import type { AuditSink } from './audit-sink.js';
import { AuditWriteError } from './errors.js';

/** Audit lines appended to a JSON-lines file (the local stack's `.eventline/logs/registry-audit.jsonl`). */
export class FileAuditSink implements AuditSink {
  readonly #ready: Promise<unknown>;

  constructor(readonly path: string) {
    this.#ready = mkdir(dirname(path), { recursive: true });
  }

  async write(entry: AuditEntry): Promise<void> {
    try {
      await this.#ready;
      // One appendFile per line: the file is opened in append mode, so lines from concurrent
      // requests land whole, one after the other.
      await appendFile(this.path, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      throw new AuditWriteError(`audit file ${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }
}
