import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this code runs from. */
export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Downloads that outlive a clone: resolved classpaths and the Python virtualenv. Maven's
 * jars stay in ~/.m2 and pip's wheels in pip's own cache.
 */
export const cacheDir =
  process.env.EVENTLINE_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'eventline');

/** Per-checkout state of a running stack: pid files, logs and data. */
export const stateDir = join(projectRoot, '.eventline');
export const logDir = join(stateDir, 'logs');
export const runDir = join(stateDir, 'run');
export const dataDir = join(stateDir, 'data');

/** The local registry service's audit trail: one JSON line per change (`eventline schemas audit`). */
export const registryAuditFile = join(logDir, 'registry-audit.jsonl');

export const logFile = (service: string): string => join(logDir, `${service}.log`);
export const pidFile = (service: string): string => join(runDir, `${service}.json`);
