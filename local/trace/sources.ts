import { join } from 'node:path';
import { localResources } from '../pipeline/environment.js';
import { stateDir } from '../stack/paths.js';

/** Where one local pipeline keeps what `eventline trace` reads. */
export interface TraceSources {
  readonly outboxTable: string;
  readonly idempotencyTable: string;
  /** JSON lines the handlers export spans to when EVENTLINE_TRACE_FILE names it. */
  readonly spanFile: string;
}

/** The default span file, the value to give EVENTLINE_TRACE_FILE locally. */
export const defaultSpanFile = join(stateDir, 'traces', 'spans.jsonl');

/**
 * The tables of the local pipeline started with `--prefix`. The only place that knows the
 * local naming, so a change to localResources is followed here and nowhere else.
 */
export function traceSources(prefix: string, spanFile = defaultSpanFile): TraceSources {
  const resources = localResources(prefix);
  return {
    outboxTable: resources.outboxTable,
    idempotencyTable: resources.idempotencyTable,
    spanFile,
  };
}
