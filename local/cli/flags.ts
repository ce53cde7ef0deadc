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
