import type { IHeaders } from 'kafkajs';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A header value as text when it is valid UTF-8, else `{ hex }` (binary schema-id headers). */
function headerValue(value: Buffer | string | undefined): string | { hex: string } | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    return { hex: value.toString('hex') };
  }
}

/** Record headers as a JSON object; a header repeated on the record keeps its last value. */
export function headersJson(headers: IHeaders | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name] = Array.isArray(value) ? headerValue(value.at(-1)) : headerValue(value);
  }
  return out;
}

/** Headers as the serde's decode reads them (the Confluent header-id format looks there). */
export function serdeHeaders(headers: IHeaders | undefined): Record<string, Buffer | string | undefined> {
  const out: Record<string, Buffer | string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name] = Array.isArray(value) ? value.at(-1) : value;
  }
  return out;
}
