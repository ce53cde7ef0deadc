import { randomUUID } from 'node:crypto';
import { parse, stringify } from 'uuid';
import { uuidFromBytes, uuidToBytes } from '../../functions/lib/serde/index.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { noGoal } from '../harness/goals.js';
import { comparisonRow, type Row } from '../harness/row.js';
import { compare, type Task } from '../harness/runner.js';

/** A Glue frame head (magic, compression) before the 16 id bytes, as the decoder reads them. */
const HEAD = Buffer.from([0x03, 0x00]);
const frame = (uuid: string) => Buffer.concat([HEAD, Buffer.from(uuid.replaceAll('-', ''), 'hex')]);

/**
 * B9 (info): the `uuid` package against the serde's hand-written wire/uuid, on the id of every
 * Glue and Confluent v1 record. It is why wire/uuid stays: see the comment at its top.
 */
export const uuidBenchmark: Benchmark = {
  id: 'B9',
  title: 'UUID bytes <-> string: uuid package vs wire/uuid',
  async run(context: BenchContext): Promise<Row[]> {
    const n = context.profile.records;
    const rounds = { warmupRounds: context.profile.warmupRounds, rounds: context.profile.rounds };
    const warm = frame(randomUUID());
    const oneId = Array.from({ length: n }, () => warm);
    const newIds = Array.from({ length: n }, () => frame(randomUUID()));
    const strings = Array.from({ length: n }, () => randomUUID());
    const task = (label: string, run: () => void): Task => ({ label, opsPerRun: n, run });
    const decodeWith = (frames: Buffer[]) => ({
      variant: task('uuid stringify', () => {
        for (const f of frames) stringify(f, HEAD.length);
      }),
      baseline: task('wire/uuid', () => {
        for (const f of frames) uuidFromBytes(f, HEAD.length);
      }),
    });

    return [
      comparisonRow(
        { id: 'B9.decode.new', name: 'id to string, a new id every record', goal: noGoal },
        await compare({ ...rounds, ...decodeWith(newIds) }),
      ),
      comparisonRow(
        {
          id: 'B9.decode.warm',
          name: 'id to string, one id per batch',
          goal: noGoal,
          note: 'wire/uuid remembers the last id; uuid has no such cache',
        },
        await compare({ ...rounds, ...decodeWith(oneId) }),
      ),
      comparisonRow(
        { id: 'B9.encode', name: 'string to id bytes', goal: noGoal },
        await compare({
          ...rounds,
          variant: task('uuid parse', () => {
            for (const s of strings) Buffer.from(parse(s));
          }),
          baseline: task('wire/uuid', () => {
            for (const s of strings) uuidToBytes(s);
          }),
        }),
      ),
    ];
  },
};
