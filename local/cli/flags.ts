import { CliError } from './run.js';

/** A flag that must be a positive integer when given. */
export function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new CliError(`${name} ${text}: expected a positive integer`);
  return value;
}

/** `--partitions 0,2` as numbers. */
export function partitionList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((p) => Number(p.trim()));
  if (list.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new CliError(`--partitions ${text}: expected partition numbers like 0,2`);
  }
  return list;
}

const durationUnits = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration like `90s`, `30m`, `12h` or `7d` in milliseconds; undefined when `text` is not one. */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  return match ? Number(match[1]) * durationUnits[match[2] as keyof typeof durationUnits] : undefined;
}
