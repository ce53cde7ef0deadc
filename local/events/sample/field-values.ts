/**
 * Readable, deterministic values picked from a field's name, shared by the three schema walkers:
 * `orderId` gets `order-0001`, `placedAt` a fixed instant, `amountCents` 2500. Sample `n` (from 1)
 * changes ids only, so a batch of samples spreads over keys and partitions while staying stable.
 */

/** The instant every timestamp field of a sample holds: 2026-01-01T12:00:00Z. */
export const SAMPLE_INSTANT = Date.UTC(2026, 0, 1, 12);

/** Words of a camelCase or snake_case name, lower case: `unitPriceCents` -> unit, price, cents. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

const pad = (n: number) => String(n).padStart(4, '0');

/** A string for a field called `name` in sample `n`. */
export function sampleString(name: string, n: number): string {
  const w = words(name);
  const last = w.at(-1);
  if (last === 'id' && w.length > 1) return `${w.slice(0, -1).join('-')}-${pad(n)}`;
  if (last === 'id') return `id-${pad(n)}`;
  if (w.includes('sku')) return `SKU-${pad(n)}`;
  if (w.includes('currency')) return 'EUR';
  if (w.includes('email')) return `user-${pad(n)}@example.com`;
  if (last === 'at' || w.includes('timestamp') || w.includes('time'))
    return new Date(SAMPLE_INSTANT).toISOString();
  if (w.includes('date')) return new Date(SAMPLE_INSTANT).toISOString().slice(0, 10);
  if (w.includes('url') || w.includes('uri')) return 'https://example.com/';
  return `sample ${w.join(' ') || 'text'}`;
}

/** An integer for a field called `name`: an instant in ms for `...At`, counts and amounts otherwise. */
export function sampleInteger(name: string): number {
  const w = words(name);
  const last = w.at(-1);
  if (last === 'at' || w.includes('timestamp') || w.includes('time')) return SAMPLE_INSTANT;
  if (w.includes('quantity') || w.includes('count')) return 1;
  if (w.includes('cents') || w.includes('amount') || w.includes('price') || w.includes('total')) return 2500;
  return 1;
}

/** A string in a JSON Schema `format`, or undefined for formats without a fixed sample. */
export function formattedString(format: string, name: string, n: number): string | undefined {
  const iso = new Date(SAMPLE_INSTANT).toISOString();
  switch (format) {
    case 'date-time':
      return iso;
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19);
    case 'email':
      return `user-${pad(n)}@example.com`;
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    case 'hostname':
      return 'example.com';
    case 'ipv4':
      return '192.0.2.1';
    default:
      return format === '' ? sampleString(name, n) : undefined;
  }
}
