import type { Socket } from 'node:net';
import { TcpProxy } from '../../integration/outbox/support.js';

/** Kafka's Metadata request: its answer names the brokers a client connects to next. */
const METADATA_API_KEY = 3;

/**
 * A TCP proxy in front of the Kafka broker that keeps its clients behind it: each Metadata answer
 * is rewritten to advertise the proxy's port instead of the broker's, so a client that bootstraps
 * through it also produces through it, and closing the proxy cuts that process off the broker (a
 * plain TCP proxy would only carry the bootstrap). The faults come from outside the process: no
 * client option, no hook in the code under test. The broker other tests use is never touched.
 */
export class KafkaProxy extends TcpProxy {
  protected override relay(client: Socket, upstream: Socket): void {
    // Correlation id -> Metadata version, for the requests of this connection awaiting an answer.
    const metadata = new Map<number, number>();
    const requests = frames((frame) => {
      if (frame.readInt16BE(4) === METADATA_API_KEY) metadata.set(frame.readInt32BE(8), frame.readInt16BE(6));
    });
    client.on('data', (chunk: Buffer) => {
      requests(chunk);
      upstream.write(chunk);
    });
    upstream.on(
      'data',
      frames((frame) => {
        if (this.cutIfArmed()) return;
        const correlationId = frame.readInt32BE(4);
        const version = metadata.get(correlationId);
        if (version !== undefined) {
          metadata.delete(correlationId);
          advertise(frame, version, this.port);
        }
        client.write(frame);
      }),
    );
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
