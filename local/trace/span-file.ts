import { existsSync, readFileSync } from 'node:fs';
import type { SpanLine } from '../../functions/lib/tracing/index.js';

/** The spans of the local trace file; none when it does not exist (tracing was not exported). */
export function readSpanFile(path: string): SpanLine[] {
  if (!existsSync(path)) return [];
  const spans: SpanLine[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    // A line cut short by a process killed mid-write is skipped rather than failing the lookup.
    if (line.trim() === '') continue;
    try {
      spans.push(JSON.parse(line) as SpanLine);
    } catch {}
  }
  return spans;
}
