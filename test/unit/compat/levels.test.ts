import { describe, expect, it } from 'vitest';
import { checkCompatibility, type PreviousSchema } from '../../../functions/lib/compat/index.js';
import type { CompatibilityLevel } from '../../../functions/lib/schema/index.js';

const json = (properties: Record<string, unknown>) =>
  JSON.stringify({ type: 'object', properties, additionalProperties: false });

// v1 has `a` as a string, v2 drops it (closed model: data with `a` no longer readable), the candidate brings `a` back as an integer.
const v1: PreviousSchema = {
  version: 1,
  type: 'JSON',
  definition: json({ a: { type: 'string' }, b: { type: 'string' } }),
};
const v2: PreviousSchema = { version: 2, type: 'JSON', definition: json({ b: { type: 'string' } }) };
const candidate = {
  type: 'JSON' as const,
  definition: json({ a: { type: 'integer' }, b: { type: 'string' } }),
};

const verdict = (level: CompatibilityLevel, previous: readonly PreviousSchema[] = [v1, v2]) =>
  checkCompatibility({ level, candidate, previous });

describe('checkCompatibility levels', () => {
  it('checks only the latest version under BACKWARD', () => {
    expect(verdict('BACKWARD').compatible).toBe(true);
  });

  it('checks every version under BACKWARD_TRANSITIVE and names the one that breaks', () => {
    const result = verdict('BACKWARD_TRANSITIVE');
    expect(result.compatible).toBe(false);
    expect(result.messages).toEqual([
      'BACKWARD_TRANSITIVE: the new schema cannot read data written with version 1: TYPE_CHANGED at #/properties/a',
    ]);
  });

  it('checks only the version given when the list holds one, even at a transitive level', () => {
    expect(verdict('BACKWARD_TRANSITIVE', [v2]).compatible).toBe(true);
    expect(verdict('BACKWARD_TRANSITIVE', [v1]).compatible).toBe(false);
  });

  it('checks the reverse direction under FORWARD and both under FULL', () => {
    // Forward: v2 (closed, no `a`) cannot read the candidate's data, which may carry `a`.
    const forward = verdict('FORWARD');
    expect(forward.messages).toEqual([
      'FORWARD: data written with the new schema cannot be read by version 2: PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL at #/properties/a',
    ]);
    expect(verdict('FULL').messages).toEqual(forward.messages.map((m) => m.replace('FORWARD', 'FULL')));
    expect(verdict('FULL_TRANSITIVE').messages).toHaveLength(3);
    expect(verdict('FORWARD_TRANSITIVE').messages).toHaveLength(2);
  });

  it('accepts anything under NONE and anything on an empty subject', () => {
    expect(verdict('NONE')).toEqual({ compatible: true, messages: [] });
    expect(verdict('FULL_TRANSITIVE', [])).toEqual({ compatible: true, messages: [] });
  });

  it('refuses a change of schema type', () => {
    const result = checkCompatibility({
      level: 'BACKWARD',
      candidate: { type: 'PROTOBUF', definition: 'syntax = "proto3"; message A { string a = 1; }' },
      previous: [v1],
    });
    expect(result.compatible).toBe(false);
    expect(result.messages[0]).toContain('different schema type');
  });
});
