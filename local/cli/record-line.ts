import type { KafkaMessage } from 'kafkajs';
import { type Serde, UnknownWireFormatError } from '../../functions/lib/serde/index.js';
import { headersJson, serdeHeaders } from '../kafka/record-json.js';
import { describeRecord, jsonValue } from './commands/decode.js';

/** The key as the registry decodes it when framed, else as the UTF-8 text Eventline keys are. */
async function keyJson(serde: Serde, message: KafkaMessage): Promise<unknown> {
  if (message.key === null) return null;
  try {
    return (await serde.decode(message.key, { isKey: true, headers: serdeHeaders(message.headers) })).value;
  } catch (error) {
    if (error instanceof UnknownWireFormatError) return message.key.toString('utf8');
    return { error: (error as Error).message, hex: message.key.toString('hex') };
  }
}

/** The value decoded with its framing facts (as `eventline decode` prints them), or its bytes as hex beside the decode error. */
async function valueJson(serde: Serde, message: KafkaMessage): Promise<Record<string, unknown>> {
  if (message.value === null) return { value: null };
  try {
    return describeRecord(await serde.decode(message.value, { headers: serdeHeaders(message.headers) }));
  } catch (error) {
    return { error: (error as Error).message, valueHex: message.value.toString('hex') };
  }
}

/**
 * One record as the JSON line `eventline consume` prints: its position, key, headers and decoded
 * value; without a serde (`--raw`) the key and value bytes as hex.
 */
export async function recordLine(
  topic: string,
  partition: number,
  message: KafkaMessage,
  serde: Serde | undefined,
): Promise<string> {
  const position = {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: new Date(Number(message.timestamp)).toISOString(),
  };
  const body = serde
    ? {
        key: await keyJson(serde, message),
        headers: headersJson(message.headers),
        ...(await valueJson(serde, message)),
      }
    : {
        keyHex: message.key?.toString('hex') ?? null,
        headers: headersJson(message.headers),
        valueHex: message.value?.toString('hex') ?? null,
      };
  return `${JSON.stringify({ ...position, ...body }, jsonValue)}\n`;
}
