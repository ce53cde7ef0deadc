import { UnsafeIntegerError } from '../errors.js';
import type { BigIntegers } from '../types.js';

/** The reviver's third argument: the number's text as written (V8 12, so Node 22). */
interface ReviverContext {
  readonly source?: string;
}
type SourceReviver = (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown;

/** A safe integer has at most 16 digits, so a payload without a run of 16 holds none beyond 2^53. */
const longDigitRun = /\d{16}/;
const integerLiteral = /^-?\d+$/;

/**
 * `parsed` (JSON.parse of `text`) with its integers beyond ±(2^53 − 1), which JSON.parse rounds
 * to the nearest double, refused or read again exactly as `bigint` or decimal strings. Only a
 * payload holding a run of 16 digits pays for the second parse, the one that sees each number's
 * source text; numbers written with a fraction or an exponent are doubles by their own spelling
 * and stay as parsed.
 */
export function exactIntegers(text: string, parsed: unknown, bigIntegers: BigIntegers): unknown {
  if (!longDigitRun.test(text)) return parsed;
  const parse = JSON.parse as (text: string, reviver: SourceReviver) => unknown;
  return parse(text, (_key, value, context) => {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
    const source = context?.source;
    // A runtime without source text (before Node 22) cannot tell: refuse rather than round.
    if (source === undefined) throw new UnsafeIntegerError(String(value));
    if (!integerLiteral.test(source)) return value;
    if (bigIntegers === 'bigint') return BigInt(source);
    if (bigIntegers === 'string') return source;
    throw new UnsafeIntegerError(source);
  });
}
