import type { PipelineStats } from './stats.js';

const fmt = (map: Map<string, number>) =>
  map.size === 0 ? '0' : [...map].map(([k, v]) => `${k} ${v}`).join(' · ');

/** Each consumer's records behind and, when behind, the age of its oldest unconsumed record. */
function lagLine(stats: PipelineStats): string {
  if (stats.lag.size === 0) return '0';
  return [...stats.lag]
    .map(([fn, records]) => {
      if (records === 0) return `${fn} 0`;
      const seconds = stats.lagSeconds.get(fn);
      return `${fn} ${records} (${seconds === null || seconds === undefined ? 'age unknown' : `oldest ${seconds} s`})`;
    })
    .join(' · ');
}

/** The live terminal view: a block of lines redrawn in place. */
export function renderView(
  stats: PipelineStats,
  context: {
    readonly registry: string;
    readonly logs: string;
    /** Local settings that differ from the template, said on screen so nobody mistakes them for it. */
    readonly localSettings: string;
  },
): string[] {
  const seconds = (Date.now() - stats.startedAt) / 1000;
  const invocations = [...stats.invocations].map(
    ([fn, c]) =>
      `${fn} ${c.ok}${c.failed ? ` (${c.failed} failed)` : ''} avg ${(c.totalMs / Math.max(1, c.ok + c.failed)).toFixed(0)} ms`,
  );
  const { total, relay } = stats.latencyFigures();
  return [
    `eventline pipeline · registry ${context.registry} · ${seconds.toFixed(0)} s · Ctrl-C stops everything it started`,
    `  orders placed      ${stats.ordersPlaced}  (${(stats.ordersPlaced / Math.max(seconds, 1)).toFixed(0)}/s)`,
    `  outbox written     ${stats.eventsWritten} events`,
    `  relayed to Kafka   ${stats.relayedCount}${stats.relayedDuplicates ? ` (+${stats.relayedDuplicates} duplicates)` : ''}`,
    `  consumed           ${fmt(stats.consumed)}`,
    `  projected orders   ${stats.projected}`,
    `  deduplicated       ${stats.duplicatesSuppressed}`,
    `  sent to DLQ        ${stats.dlqCount}  by reason: ${fmt(stats.dlqByReason)}  (poison injected ${stats.poisonInjected})`,
    `  consumer lag       ${lagLine(stats)}`,
    `  latency e2e        p50 ${total.p50 ?? '-'} ms · p99 ${total.p99 ?? '-'} ms  (outbox write → projection, n=${total.samples}${stats.warmupOrders > 0 ? `, after ${stats.warmupOrders} warm-up orders` : ''})`,
    `    of which relay   p50 ${relay.p50 ?? '-'} ms · p99 ${relay.p99 ?? '-'} ms  (outbox write → Kafka)`,
    `  invocations        ${invocations.join(' · ') || '-'}`,
    `  last error         ${stats.lastError ?? '-'}`,
    `  local settings     ${context.localSettings}`,
    `  function logs      ${context.logs}`,
  ];
}

/** Redraws the block on a TTY: cursor up over the previous block, clear, write. */
export function liveRenderer(stream: NodeJS.WriteStream): (lines: string[]) => void {
  let previous = 0;
  return (lines) => {
    if (previous > 0) stream.write(`\x1b[${previous}A\x1b[0J`);
    stream.write(`${lines.join('\n')}\n`);
    previous = lines.length;
  };
}
