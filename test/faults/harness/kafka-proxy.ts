import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/** Kafka's Metadata request: its answer names the brokers a client connects to next. */
const METADATA_API_KEY = 3;

/**
 * A TCP proxy in front of the Kafka broker that keeps its clients behind it: each Metadata answer
 * is rewritten to advertise the proxy's port instead of the broker's, so a client that bootstraps
 * through it also produces through it, and closing the proxy cuts that process off the broker (a
 * plain TCP proxy would only carry the bootstrap). The faults come from outside the process: no
 * client option, no hook in the code under test. The broker other tests use is never touched.
 */
export class KafkaProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private cutOnReply = false;
  private cutDone?: () => void;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => this.connection(client));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    this.cutOnReply = false;
  }

  /** Arms the cut: the next answer from the broker is dropped and the proxy closes. Resolves once it has happened. */
  armCutOnReply(): Promise<void> {
    this.cutOnReply = true;
    return new Promise((resolve) => {
      this.cutDone = resolve;
    });
  }

  /** Destroys every open connection and refuses new ones until `open`. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private connection(client: Socket): void {
    const upstream = tcpConnect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {});
    }
    // Correlation id -> Metadata version, for the requests of this connection awaiting an answer.
    const metadata = new Map<number, number>();
    const requests = frames((frame) => {
      if (frame.readInt16BE(4) === METADATA_API_KEY) metadata.set(frame.readInt32BE(8), frame.readInt16BE(6));
    });
    client.on('data', (chunk: Buffer) => {
      requests(chunk);
      upstream.write(chunk);
    });
    const answers = frames((frame) => {
      if (this.cutOnReply) {
        const done = this.cutDone;
        this.cutDone = undefined;
        this.cutOnReply = false;
        void this.close().then(done);
        return;
      }
      const correlationId = frame.readInt32BE(4);
      const version = metadata.get(correlationId);
      if (version !== undefined) {
        metadata.delete(correlationId);
        advertise(frame, version, this.port);
      }
      client.write(frame);
    });
    upstream.on('data', answers);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}

/** Cuts a byte stream into Kafka frames (int32 size, then that many bytes), whole frames only. */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const end = 4 + pending.readInt32BE(0);
      onFrame(pending.subarray(0, end));
      pending = pending.subarray(end);
    }
  };
}

/**
 * Rewrites, in place, the port of every broker in a Metadata answer (versions 0 to 8, the
 * non-flexible ones; kafkajs speaks 0 to 6). The host stays: the proxy listens on the broker's
 * loopback address, and an unchanged length keeps the frame's size right.
 */
function advertise(frame: Buffer, version: number, port: number): void {
  if (version > 8) return;
  let offset = 8 + (version >= 3 ? 4 : 0);
  const brokers = frame.readInt32BE(offset);
  offset += 4;
  for (let i = 0; i < brokers; i++) {
    offset += 4;
    offset += 2 + frame.readInt16BE(offset);
    frame.writeInt32BE(port, offset);
    offset += 4;
    if (version >= 1) offset += 2 + Math.max(0, frame.readInt16BE(offset));
  }
}
