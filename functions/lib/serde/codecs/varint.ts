import { MalformedRecordError } from '../errors.js';

/** A varint read: its value and the offset after it. */
export interface VarintRead {
  value: number;
  next: number;
}

/** Unsigned LEB128 varint, up to 32 bits (message indexes never need more). */
export function readUvarint(bytes: Uint8Array, offset: number, end = bytes.length): VarintRead {
  let value = 0;
  let shift = 0;
  let pos = offset;
  while (pos < end) {
    const b = bytes[pos++] as number;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      if (value > 0xffffffff) break;
      return { value, next: pos };
    }
    shift += 7;
    if (shift > 35) break;
  }
  throw new MalformedRecordError(`bad varint at byte ${offset} (truncated or longer than 32 bits)`);
}

export function readZigzag(bytes: Uint8Array, offset: number, end = bytes.length): VarintRead {
  const read = readUvarint(bytes, offset, end);
  const u = read.value;
  read.value = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  return read;
}

/** Bytes of an unsigned varint. */
export function uvarintBytes(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

export function zigzagBytes(value: number): number[] {
  return uvarintBytes(value >= 0 ? value * 2 : -value * 2 - 1);
}
