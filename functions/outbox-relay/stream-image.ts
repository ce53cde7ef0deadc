import type { AttributeValue } from 'aws-lambda';
import { OutboxError } from '../lib/outbox/index.js';

/**
 * Reads a NewImage of Lambda's stream event (attribute-value JSON, binaries as base64)
 * straight into plain values, in one pass: the SDK route (to SDK attribute values, then
 * unmarshall, then Uint8Array to Buffer) cost most of the relay's CPU per record.
 * Binaries become Buffers (what avsc wants for bytes/fixed), sets become Sets.
 */
export function imageToObject(image: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in image) out[name] = toValue(image[name] as AttributeValue, name);
  return out;
}

function toValue(value: AttributeValue, path: string): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return toNumber(value.N, path);
  if (value.M !== undefined) return imageToObject(value.M);
  if (value.L !== undefined) {
    // Errors name the list, not the item: a path string per element would cost every record.
    const list = value.L;
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = toValue(list[i] as AttributeValue, path);
    return out;
  }
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B, 'base64');
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map((n) => toNumber(n, path)));
  if (value.BS !== undefined) return new Set(value.BS.map((b) => Buffer.from(b, 'base64')));
  throw new OutboxError(`attribute ${path} has no known attribute-value type`);
}

// Like unmarshall's default: a number JavaScript cannot hold exactly is an error, not a silent rounding.
function toNumber(text: string, path: string): number {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new OutboxError(`attribute ${path} = ${text} is beyond JavaScript's safe integers`);
  }
  return n;
}
