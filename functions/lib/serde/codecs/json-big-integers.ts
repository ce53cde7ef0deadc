import { UnsafeIntegerError } from '../errors.js';
import type { BigIntegers } from '../types.js';

/** The reviver's third argument: the number's text as written (V8 12, so Node 22). */
interface ReviverContext {
  readonly source?: string;
}
type SourceReviver = (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown;

const integerLiteral = /^-?\d+$/;

/**
 * `parsed` (JSON.parse of `text`) with its integers beyond ±(2^53 − 1), which JSON.parse rounds
 * to the nearest double, refused or read again exactly as `bigint` or decimal strings. Only a
 * payload holding a number beyond that bound pays for the second parse, the one that sees each
 * number's source text; numbers written with a fraction or an exponent are doubles by their own
 * spelling and stay as parsed.
 */
export function exactIntegers(text: string, parsed: unknown, bigIntegers: BigIntegers): unknown {
  if (!holdsUnsafeMagnitude(parsed)) return parsed;
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

/**
 * Whether a parsed JSON value holds a number beyond ±(2^53 − 1). An integer literal within that
 * bound parses exactly, and one beyond it parses to at least 2^53, so a value without such a
 * number has nothing to read again. Walking the parsed value skips strings whole, where scanning
 * the text for digit runs cost a third of the parse. Nested values wait on a stack, not in
 * recursion, as JSON.parse accepts nesting deeper than the call stack.
 */
function holdsUnsafeMagnitude(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return unsafeMagnitude(root);
  const pending: object[] = [];
  let node: object | undefined = root;
  while (node !== undefined) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        if (typeof value === 'object') {
          if (value !== null) pending.push(value);
        } else if (unsafeMagnitude(value)) return true;
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (typeof value === 'object') {
          if (value !== null) pending.push(value);
        } else if (unsafeMagnitude(value)) return true;
      }
    }
    node = pending.pop();
  }
  return false;
}

function unsafeMagnitude(value: unknown): boolean {
  return typeof value === 'number' && (value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER);
}
