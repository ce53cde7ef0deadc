import { uniqueName } from '../../local/stack/unique-name.js';
import { orderPlacedSchema } from '../fixtures/schemas.js';
import { deleteSubject, registerSchema, registryReachable } from '../harness/confluent-rest.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { atMost, noGoal } from '../harness/goals.js';
import { registryService } from '../harness/registry-process.js';
import { comparisonRow, figureRow, type Row, round, unavailableRow } from '../harness/row.js';
import { compare } from '../harness/runner.js';

const rows = {
  latency: {
    id: 'B8.get-by-id',
    name: 'registry service warm GET /schemas/ids/{id} vs Apicurio, same client',
    goal: atMost(1),
  },
  throughput: { id: 'B8.rps', name: 'registry service GET /schemas/ids/{id}, requests/s', goal: noGoal },
  apicurioThroughput: {
    id: 'B8.rps.apicurio',
    name: 'Apicurio GET /schemas/ids/{id}, requests/s (reference)',
    goal: noGoal,
  },
} as const;

/** Concurrent requests in flight for the requests-per-second figure. */
const concurrency = 8;

/** B8, second part: our registry service against Apicurio on the call every consumer makes. */
export const registryServiceBenchmark: Benchmark = {
  id: 'B8',
  title: 'registry service vs Apicurio: warm GET /schemas/ids/{id}',
  async run(context: BenchContext): Promise<Row[]> {
    const { endpoints, profile } = context;
    const unavailable = (reason: string) => [
      unavailableRow(rows.latency.id, rows.latency.name, rows.latency.goal, '×', reason),
      unavailableRow(rows.throughput.id, rows.throughput.name, rows.throughput.goal, 'req/s', reason),
    ];
    if (!(await registryReachable(endpoints.apicurio))) {
      return unavailable(`not available: Apicurio at ${endpoints.apicurio} unreachable`);
    }
    const service = await registryService(endpoints);
    if (typeof service === 'string') return unavailable(service);

    const schema = orderPlacedSchema();
    const subject = `${uniqueName('bench.registry')}-value`;
    try {
      const ours = `${service.url}/schemas/ids/${await registerSchema(service.url, subject, schema)}`;
      const apicurio = `${endpoints.apicurio}/schemas/ids/${await registerSchema(endpoints.apicurio, subject, schema)}`;
      // The first GETs fill the service's cache; the warm-up rounds do the rest.
      const latency = await compare({
        profile: context.cpuProfile(rows.latency.id),
        warmupRounds: profile.warmupRounds,
        rounds: profile.latencyRounds,
        variant: { label: 'registry service', opsPerRun: 1, run: () => getSchema(ours) },
        baseline: { label: 'Apicurio', opsPerRun: 1, run: () => getSchema(apicurio) },
      });
      const requests = profile.latencyRounds * 10;
      const oursRps = await requestsPerSecond(ours, requests);
      const apicurioRps = await requestsPerSecond(apicurio, requests);
      const note = `fetch (undici, keep-alive), ${concurrency} in flight, ${requests} requests`;
      return [
        comparisonRow(
          {
            ...rows.latency,
            note: `one GET per timed run, fetch keep-alive; registry service ${service.origin}`,
          },
          latency,
          'ms',
        ),
        figureRow({ ...rows.throughput, figure: round(oursRps, 0), unit: 'req/s', note }),
        figureRow({ ...rows.apicurioThroughput, figure: round(apicurioRps, 0), unit: 'req/s', note }),
      ];
    } finally {
      await deleteSubject(service.url, subject);
      await deleteSubject(endpoints.apicurio, subject);
      await service.stop();
    }
  },
};

async function getSchema(url: string): Promise<void> {
  const response = await fetch(url);
  const body = (await response.json()) as { schema?: string };
  if (!response.ok || typeof body.schema !== 'string') throw new Error(`GET ${url}: ${response.status}`);
}

async function requestsPerSecond(url: string, requests: number): Promise<number> {
  let remaining = requests;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      await getSchema(url);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / (Number(process.hrtime.bigint() - start) / 1e9);
}
