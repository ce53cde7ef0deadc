import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { EventsError, JsonLineError } from './errors.js';

/** Payloads of a JSON-lines text, one per non-blank line, in order. */
export function parseJsonLines(input: string, source: string): unknown[] {
  const payloads: unknown[] = [];
  for (const [index, line] of input.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      payloads.push(JSON.parse(line));
    } catch (error) {
      throw new JsonLineError(source, index + 1, { cause: error });
    }
  }
  return payloads;
}

/** Payloads from a JSON-lines file, or from stdin when the file is `-`. */
export async function readJsonLines(
  file: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<unknown[]> {
  const source = file === '-' ? 'stdin' : file;
  let input: string;
  try {
    input = file === '-' ? await text(stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new EventsError(`cannot read ${source}: ${(error as Error).message}`, { cause: error });
  }
  const payloads = parseJsonLines(input, source);
  if (payloads.length === 0) throw new EventsError(`${source} holds no payload (one JSON value per line)`);
  return payloads;
}
