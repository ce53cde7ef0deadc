import type { DecodeOptions, EncodeOptions, Serde } from '../../functions/lib/serde/index.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import type { BenchSchema } from '../fixtures/schemas.js';
import { deleteSubject, registerSchema, registryReachable } from '../harness/confluent-rest.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { atMost, exactly, type Goal, noGoal } from '../harness/goals.js';
import { countHttpRequests } from '../harness/http-counter.js';
import { confluentClient } from '../harness/registry-client.js';
import { comparisonRow, figureRow, type Row, unavailableRow } from '../harness/row.js';
import { compare } from '../harness/runner.js';
import { loadCreateSerde } from '../harness/serde-module.js';
import type { RawCodec } from './raw-codecs.js';

export interface CodecBenchSpec {
  readonly id: string;
  /** Row id suffix and topic word: avro, protobuf, json. */
  readonly format: string;
  readonly title: string;
  readonly schema: () => BenchSchema;
  readonly records: (count: number) => unknown[];
  readonly raw: (schema: BenchSchema) => RawCodec;
  /** JSON Schema decodes are compared validating on both sides. */
  readonly validateOnDecode?: boolean;
}

/** Goals of issue 3 (serde), applied to every schema type as issue 9 asks. */
const goals = {
  encode: atMost(1.3),
  decode: atMost(1.15),
  readerDecode: atMost(1.5),
  warmRegistryCalls: exactly(0),
} as const;

/** B1–B3 for one schema type, plus B8's "registry calls during a warm batch" for it. */
export function codecBenchmark(spec: CodecBenchSpec): Benchmark {
  const rows = {
    encode: {
      id: `B1.${spec.format}`,
      name: `${spec.title} encode, warm: createSerde vs raw`,
      goal: goals.encode,
    },
    decode: {
      id: `B2.${spec.format}`,
      name: `${spec.title} decode, warm: createSerde vs raw`,
      goal: goals.decode,
    },
    readerDecode: {
      id: `B3.${spec.format}`,
      name: `${spec.title} decode into a newer reader schema vs raw plain decode`,
      goal: goals.readerDecode,
    },
    calls: {
      id: `B8.${spec.format}`,
      name: `${spec.title}: registry HTTP calls during a warm encode+decode batch`,
      goal: goals.warmRegistryCalls,
    },
  } as const;
  const unavailable = (reason: string): Row[] => [
    unavailableRow(rows.encode.id, rows.encode.name, rows.encode.goal, '×', reason),
    unavailableRow(rows.decode.id, rows.decode.name, rows.decode.goal, '×', reason),
    unavailableRow(rows.readerDecode.id, rows.readerDecode.name, rows.readerDecode.goal, '×', reason),
    unavailableRow(rows.calls.id, rows.calls.name, rows.calls.goal, 'calls', reason),
  ];

  return {
    id: spec.id,
    title: `${spec.title} codecs (B1–B3, B8 warm calls)`,
    async run(context: BenchContext): Promise<Row[]> {
      const { profile, endpoints } = context;
      const schema = spec.schema();
      const raw = spec.raw(schema);
      const records = spec.records(profile.records);
      const payloads = records.map((record) => raw.encode(record));
      const reference = spec.format === 'avro' ? await jsonReferenceRow(context, records, raw) : [];

      const loaded = await loadCreateSerde();
      if ('unavailable' in loaded) return [...reference, ...unavailable(loaded.unavailable)];
      if (!(await registryReachable(endpoints.apicurio))) {
        return [...reference, ...unavailable(`not available: Apicurio at ${endpoints.apicurio} unreachable`)];
      }

      const topic = uniqueName(`bench.${spec.format}`);
      const subject = `${topic}-value`;
      await registerSchema(endpoints.apicurio, subject, schema);
      try {
        const registry = confluentClient(endpoints.apicurio);
        const client = registry.client;
        const serde = loaded.createSerde({
          registry: { kind: 'confluent', url: endpoints.apicurio },
          client,
        });
        const encodeOptions: EncodeOptions = {
          topic,
          schema: { type: schema.type, definition: schema.definition },
          ...(schema.message ? { message: schema.message } : {}),
        };
        const decodeOptions: DecodeOptions = spec.validateOnDecode ? { validate: true } : {};
        const framed: Buffer[] = [];
        for (const record of records) framed.push(await serde.encode(record, encodeOptions));
        const rounds = { warmupRounds: profile.warmupRounds, rounds: profile.rounds };
        const opsPerRun = records.length;
        const rawLabel = raw.library;

        const encode = await compare({
          ...rounds,
          profile: context.cpuProfile(rows.encode.id),
          variant: { label: 'createSerde', opsPerRun, run: () => encodeAll(serde, records, encodeOptions) },
          baseline: { label: rawLabel, opsPerRun, run: () => records.forEach(raw.encode) },
        });
        const decode = await compare({
          ...rounds,
          profile: context.cpuProfile(rows.decode.id),
          variant: { label: 'createSerde', opsPerRun, run: () => decodeAll(serde, framed, decodeOptions) },
          baseline: { label: rawLabel, opsPerRun, run: () => payloads.forEach(raw.decode) },
        });
        const readerOptions: DecodeOptions = { ...decodeOptions, readerSchema: schema.readerDefinition };
        const readerProblem = await firstDecodeProblem(serde, framed, readerOptions);
        const readerRow = readerProblem
          ? unavailableRow(
              rows.readerDecode.id,
              rows.readerDecode.name,
              rows.readerDecode.goal,
              '×',
              `not available: serde decode with readerSchema failed for ${schema.type}: ${readerProblem}`,
            )
          : comparisonRow(
              rows.readerDecode,
              await compare({
                ...rounds,
                profile: context.cpuProfile(rows.readerDecode.id),
                variant: {
                  label: 'createSerde reader',
                  opsPerRun,
                  run: () => decodeAll(serde, framed, readerOptions),
                },
                baseline: { label: `${rawLabel} plain`, opsPerRun, run: () => payloads.forEach(raw.decode) },
              }),
            );

        const counter = countHttpRequests();
        await encodeAll(serde, records, encodeOptions);
        await decodeAll(serde, framed, decodeOptions);
        counter.stop();

        return [
          ...reference,
          comparisonRow(rows.encode, encode),
          comparisonRow(rows.decode, decode),
          readerRow,
          figureRow({
            ...rows.calls,
            figure: counter.count(),
            unit: 'calls',
            note: `${records.length} encodes + ${records.length} decodes after warm-up; ${registry.label}`,
          }),
        ];
      } finally {
        await deleteSubject(endpoints.apicurio, subject);
      }
    },
  };
}

/** The reference line of B1: what plain JSON costs next to Avro's binary encoding. */
async function jsonReferenceRow(context: BenchContext, records: unknown[], raw: RawCodec): Promise<Row[]> {
  const goal: Goal = noGoal;
  const comparison = await compare({
    warmupRounds: context.profile.warmupRounds,
    rounds: context.profile.rounds,
    variant: {
      label: 'JSON.stringify',
      opsPerRun: records.length,
      run: () => {
        for (const record of records) Buffer.from(JSON.stringify(record));
      },
    },
    baseline: { label: raw.library, opsPerRun: records.length, run: () => records.forEach(raw.encode) },
  });
  return [
    comparisonRow(
      { id: 'B1.avro.ref', name: 'reference: JSON.stringify vs avsc toBuffer', goal, note: 'for scale only' },
      comparison,
    ),
  ];
}

/** The warm loop the relay runs: synchronous once the writer schema is resolved, awaiting only a miss. */
async function encodeAll(serde: Serde, records: readonly unknown[], options: EncodeOptions): Promise<void> {
  for (const record of records)
    serde.encodeCached?.(record, options) ?? (await serde.encode(record, options));
}

/** The warm loop the Serde documents: synchronous for cached schemas, awaiting only a miss. */
async function decodeAll(serde: Serde, framed: readonly Buffer[], options: DecodeOptions): Promise<void> {
  for (const bytes of framed) serde.decodeCached?.(bytes, options) ?? (await serde.decode(bytes, options));
}

async function firstDecodeProblem(
  serde: Serde,
  framed: readonly Buffer[],
  options: DecodeOptions,
): Promise<string | null> {
  try {
    if (framed[0]) await serde.decode(framed[0], options);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
