import {
  type ClaimItem,
  type ConsumerOutcome,
  ConsumerOutcomes,
  type ConsumerSummary,
  type Hop,
  HopKinds,
} from './types.js';

/** Each group's outcome from its hops and its idempotency claim; groups in name order. */
export function consumerSummaries(hops: readonly Hop[], claims: readonly ClaimItem[]): ConsumerSummary[] {
  const groups = new Set<string>(claims.map((c) => c.consumerGroup));
  for (const hop of hops) if (hop.consumerGroup) groups.add(hop.consumerGroup);
  return [...groups].sort().map((consumerGroup) => {
    const ofGroup = hops.filter((h) => h.consumerGroup === consumerGroup);
    const attempts = ofGroup.filter((h) => h.kind === HopKinds.consumerProcess);
    const claim = claims.find((c) => c.consumerGroup === consumerGroup);
    const last = attempts[attempts.length - 1];
    let outcome: ConsumerOutcome;
    if (claim?.status === 'COMPLETED' || ofGroup.some((h) => h.kind === HopKinds.consumerCompleted)) {
      outcome = ConsumerOutcomes.completed;
    } else if (ofGroup.some((h) => h.kind === HopKinds.deadLettered)) {
      outcome = ConsumerOutcomes.deadLettered;
    } else if (last?.failed) {
      outcome = ConsumerOutcomes.pendingRetry;
    } else if (claim) {
      outcome = ConsumerOutcomes.inProgress;
    } else {
      outcome = ConsumerOutcomes.processed;
    }
    return { consumerGroup, outcome, attempts: attempts.length };
  });
}
