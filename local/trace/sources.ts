import { join } from 'node:path';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { loadAssembly, localTableNames, localTableOutputs } from '../assembly/index.js';
import { stateDir } from '../stack/paths.js';
import { TraceError } from './errors.js';

/** Where one local pipeline keeps what `eventline trace` reads. */
export interface TraceSources {
  readonly outboxTable: string;
  /** Every consumer's idempotency table: each consumer keeps its claims in its own. */
  readonly idempotencyTables: readonly string[];
  /** JSON lines the handlers export spans to when EVENTLINE_TRACE_FILE names it. */
  readonly spanFile: string;
}

/** The default span file, the value to give EVENTLINE_TRACE_FILE locally. */
export const defaultSpanFile = join(stateDir, 'traces', 'spans.jsonl');

/**
 * The tables of the local pipeline started with `--prefix`, read from the synthesized template
 * as `npm start` names them: the outbox its `OutboxTableName` output, the idempotency tables
 * the ones the functions' environments name.
 */
export async function localTraceSources(prefix: string, spanFile = defaultSpanFile): Promise<TraceSources> {
  const { template, functions } = await loadAssembly({ log: (line) => process.stderr.write(`${line}\n`) });
  const outboxTable = localTableOutputs(template, prefix).OutboxTableName;
  if (!outboxTable) throw new TraceError('the synthesized template has no OutboxTableName output');
  const names = localTableNames(template, prefix);
  const idempotencyTables = new Set<string>();
  for (const fn of functions) {
    const ref = (fn.environment[EnvNames.idempotencyTableName] as { Ref?: unknown } | undefined)?.Ref;
    const name = names.get(String(ref));
    if (name) idempotencyTables.add(name);
  }
  return { outboxTable, idempotencyTables: [...idempotencyTables], spanFile };
}
