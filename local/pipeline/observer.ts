import type { TriggerObserver } from '../triggers/index.js';
import type { PipelineStats } from './stats.js';

/** The live view's counters, fed by every trigger's observations. */
export function statsObserver(stats: PipelineStats): TriggerObserver {
  return (o) => {
    if (o.type === 'invoked') {
      const counts = stats.invocations.get(o.functionName) ?? { ok: 0, failed: 0, totalMs: 0 };
      counts.totalMs += o.durationMs;
      if (o.ok) counts.ok++;
      else {
        counts.failed++;
        stats.lastError = `${o.functionName}: ${o.error?.message}`;
      }
      stats.invocations.set(o.functionName, counts);
    } else if (o.type === 'discarded') stats.add(stats.discarded, o.functionName, o.records);
    else if (o.type === 'poll-error') {
      stats.pollErrors++;
      stats.lastError = `${o.functionName}: ${o.error.name}: ${o.error.message}`;
      if (process.env.EVENTLINE_DEBUG) console.error(o.error);
    }
  };
}
