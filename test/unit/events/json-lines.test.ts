import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventsError, JsonLineError, parseJsonLines, readJsonLines } from '../../../local/events/index.js';

describe('JSON lines', () => {
  it('reads one payload per line and skips blank lines', () => {
    expect(parseJsonLines('{"a":1}\n\n  \n{"a":2}\r\n[3]\n', 'in')).toEqual([{ a: 1 }, { a: 2 }, [3]]);
  });

  it('names the line that is not JSON', () => {
    const parse = () => parseJsonLines('{"a":1}\n\n{"a":\n', 'batch.jsonl');
    expect(parse).toThrow(JsonLineError);
    expect(parse).toThrow(/^batch\.jsonl line 3 is not JSON/);
  });

  it('reads stdin when the file is -, and refuses an input without payloads', async () => {
    await expect(readJsonLines('-', Readable.from(['{"x":', '1}\n{"x":2}\n']))).resolves.toEqual([
      { x: 1 },
      { x: 2 },
    ]);
    await expect(readJsonLines('-', Readable.from(['\n']))).rejects.toThrow(
      new EventsError('stdin holds no payload (one JSON value per line)'),
    );
    await expect(readJsonLines('/nonexistent/batch.jsonl')).rejects.toThrow(
      /cannot read \/nonexistent\/batch\.jsonl/,
    );
  });
});
