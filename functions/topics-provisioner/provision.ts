import type { Admin } from 'kafkajs';
import { applyPlan, readTopics } from './cluster.js';
import { RefusedTopicChangeError } from './errors.js';
import { planTopics } from './plan.js';
import type { TopicPlan, TopicSpec } from './types.js';

export interface ProvisionOptions {
  readonly admin: Admin;
  readonly wanted: readonly TopicSpec[];
  /** Topics that may go: one missing from `wanted` is removed if it holds no records. */
  readonly managed?: readonly string[];
  /** Topics that left the spec without a recorded deletion: each one that still exists is refused. */
  readonly orphaned?: readonly string[];
}

/**
 * Brings the cluster's topics to the spec, or changes nothing and throws
 * RefusedTopicChangeError when any change would lose data.
 */
export async function provisionTopics(options: ProvisionOptions): Promise<TopicPlan> {
  const managed = options.managed ?? [];
  const orphaned = options.orphaned ?? [];
  const names = [...new Set([...options.wanted.map((topic) => topic.name), ...managed, ...orphaned])];
  const plan = planTopics(options.wanted, await readTopics(options.admin, names), managed, orphaned);
  if (plan.refusals.length > 0) throw new RefusedTopicChangeError(plan.refusals);
  await applyPlan(options.admin, plan);
  return plan;
}
