import { formatOverview } from '../dlq/overview.js';
import type { StatsReport } from './collect.js';

/** The report for people: a lag line per group and topic, then the DLQ counts as `eventline dlq` prints them. */
export function formatStats(report: StatsReport): string {
  const lines = [`at ${report.at}`];
  for (const lag of report.lag) {
    const age = lag.seconds === null ? 'unknown' : `${lag.seconds} s`;
    lines.push(`lag  ${lag.group}  ${lag.topic}  records ${lag.records}  oldest unconsumed ${age}`);
  }
  if (report.lag.length === 0) lines.push('lag  no consumer group has committed offsets');
  return `${lines.join('\n')}\n${formatOverview(report.dlq)}`;
}
