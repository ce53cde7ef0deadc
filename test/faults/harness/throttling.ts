import { createServer, request, type Server } from 'node:http';

/** DynamoDB's answer to a throttled call, as its JSON protocol writes it. */
const throttled = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'injected throttling',
});

/**
 * DynamoDB Local never throttles, so an HTTP proxy in front of it does: it answers a share of
 * calls with DynamoDB's ProvisionedThroughputExceededException and forwards the rest. A call is
 * picked once, by the SDK's invocation id (the same on each of its retries), and throttled on
 * every attempt, so the caller (idempotency store, ledger write) sees the exception as it would
 * in AWS after the SDK's retries ran out.
 */
export class ThrottlingProxy {
  private server?: Server;
  /** Invocation id -> whether that call is throttled. */
  private readonly picked = new Map<string, boolean>();
  port = 0;

  constructor(
    private readonly target: URL,
    private readonly rate: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((req, res) => {
      const invocation = req.headers['amz-sdk-invocation-id'];
      const id = typeof invocation === 'string' ? invocation : undefined;
      const known = id === undefined ? undefined : this.picked.get(id);
      const throttle = known ?? Math.random() < this.rate;
      if (id) this.picked.set(id, throttle);
      if (throttle) {
        req.resume();
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(throttled);
        return;
      }
      const upstream = request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
