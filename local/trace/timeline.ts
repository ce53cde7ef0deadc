import type { Hop, Journey } from './types.js';

/** A journey as lines for people: one line per hop, follow-up events indented under their cause. */
export function renderTimeline(journey: Journey, indent = ''): string {
  const lines: string[] = [];
  const what = [journey.eventType, journey.topic, journey.aggregateId && `key ${journey.aggregateId}`]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${indent}event ${journey.eventId}${what ? ` (${what})` : ''}`);
  if (journey.traceId) lines.push(`${indent}  trace ${journey.traceId}`);
  const start = journey.hops[0] ? Date.parse(journey.hops[0].at) : undefined;
  for (const hop of journey.hops) {
    const offset = start === undefined ? '' : `+${(Date.parse(hop.at) - start).toFixed(0)}ms`;
    lines.push(`${indent}  ${hop.at}  ${offset.padStart(9)}  ${describe(hop)}`);
  }
  for (const consumer of journey.consumers) {
    lines.push(
      `${indent}  consumer ${consumer.consumerGroup}: ${consumer.outcome} (${consumer.attempts} attempt(s) traced)`,
    );
  }
  if (journey.consumers.length === 0) lines.push(`${indent}  no consumer has processed it yet`);
  for (const note of journey.notes ?? []) lines.push(`${indent}  note: ${note}`);
  for (const followUp of journey.followUps) {
    lines.push(`${indent}  caused:`);
    lines.push(renderTimeline(followUp, `${indent}    `).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

function describe(hop: Hop): string {
  const parts: string[] = [hop.kind];
  if (hop.consumerGroup) parts.push(`group ${hop.consumerGroup}`);
  if (hop.topic) parts.push(hop.topic);
  if (hop.partition !== undefined) parts.push(`partition ${hop.partition}`);
  if (hop.offset !== undefined) parts.push(`offset ${hop.offset}`);
  if (hop.durationMs !== undefined) parts.push(`${hop.durationMs}ms`);
  if (hop.failed) parts.push('FAILED');
  if (hop.reason) parts.push(`reason ${hop.reason}`);
  if (hop.message) parts.push(`"${hop.message}"`);
  return parts.join('  ');
}
