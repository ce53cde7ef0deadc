import { type CompatibilityLevel, CompatibilityLevels } from '../schema/index.js';

/** Which directions a level checks and whether against every earlier version or only the latest. */
export interface LevelRules {
  /** The new schema must read data written with earlier ones. */
  readonly backward: boolean;
  /** Earlier schemas must read data written with the new one. */
  readonly forward: boolean;
  readonly transitive: boolean;
}

export function isCompatibilityLevel(value: unknown): value is CompatibilityLevel {
  return typeof value === 'string' && (CompatibilityLevels as readonly string[]).includes(value);
}

export function levelRules(level: CompatibilityLevel): LevelRules {
  return {
    backward: level.startsWith('BACKWARD') || level.startsWith('FULL'),
    forward: level.startsWith('FORWARD') || level.startsWith('FULL'),
    transitive: level.endsWith('_TRANSITIVE'),
  };
}
