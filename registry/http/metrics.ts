import type { FastifyInstance } from 'fastify';

interface Series {
  count: number;
  seconds: number;
}

/**
 * Request counts and durations per route and status, served at /metrics in Prometheus text
 * format, and one JSON access-log line per request.
 */
export function registerMetrics(app: FastifyInstance): void {
  const series = new Map<string, Series>();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `method="${request.method}",route="${route}",status="${reply.statusCode}"`;
    const entry = series.get(key) ?? { count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += reply.elapsedTime / 1000;
    series.set(key, entry);
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const lines = [
      '# TYPE registry_requests_total counter',
      ...[...series].map(([labels, s]) => `registry_requests_total{${labels}} ${s.count}`),
      '# TYPE registry_request_seconds_sum counter',
      ...[...series].map(([labels, s]) => `registry_request_seconds_sum{${labels}} ${s.seconds}`),
    ];
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}
