import type { CompatibilityLevel } from '../schema/index.js';

/** Glue's compatibility modes; DISABLED (no new versions at all) has no Confluent name. */
export type GlueCompatibility =
  | 'NONE'
  | 'DISABLED'
  | 'BACKWARD'
  | 'BACKWARD_ALL'
  | 'FORWARD'
  | 'FORWARD_ALL'
  | 'FULL'
  | 'FULL_ALL';

const toGlue = {
  NONE: 'NONE',
  BACKWARD: 'BACKWARD',
  BACKWARD_TRANSITIVE: 'BACKWARD_ALL',
  FORWARD: 'FORWARD',
  FORWARD_TRANSITIVE: 'FORWARD_ALL',
  FULL: 'FULL',
  FULL_TRANSITIVE: 'FULL_ALL',
} as const satisfies Record<CompatibilityLevel, GlueCompatibility>;

/** Confluent level → Glue mode (`BACKWARD_TRANSITIVE` → `BACKWARD_ALL`, ...). */
export function glueCompatibility(level: CompatibilityLevel): GlueCompatibility {
  return toGlue[level];
}

/** Glue mode → Confluent level; undefined for DISABLED, which Confluent cannot express. */
export function confluentCompatibility(mode: string | undefined): CompatibilityLevel | undefined {
  const found = Object.entries(toGlue).find(([, glue]) => glue === mode);
  return found?.[0] as CompatibilityLevel | undefined;
}
