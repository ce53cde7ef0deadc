import { type ChildProcess, spawn } from 'node:child_process';
import {
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAssembly, localTableOutputs } from '../../../local/assembly/index.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { eventlineAsync } from '../cli/support.js';

const cli = (args: string[]) =>
  spawn('node_modules/.bin/tsx', ['local/cli/main.ts', ...args], { stdio: 'pipe' });

/** Resolves with the child's output once `pattern` shows on stderr; rejects if it exits or the deadline passes. */
function waitForStderr(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${stderr.slice(-2000)}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (d) => {
      stderr += d;
      if (pattern.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${stderr.slice(-2000)}`));
    });
  });
}

const run = (args: string[]) => eventlineAsync(args);

/** The table names `npm start --prefix` gives the stack's table outputs, from the same synthesized template. */
async function localOutputs(prefix: string): Promise<Record<string, string>> {
  const { template } = await loadAssembly();
  return localTableOutputs(template, prefix);
}

describe('eventline smoke --local', () => {
  const prefix = uniqueName('eventline-smoke');
  const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
  let pipeline: ChildProcess | undefined;

  afterAll(async () => {
    if (pipeline && pipeline.exitCode === null) {
      const exited = new Promise((resolve) => pipeline?.once('exit', resolve));
      pipeline.kill('SIGINT');
      await exited;
    }
    const tables = (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
    for (const table of tables.filter((t) => t.startsWith(prefix))) {
      await dynamodb.send(new DeleteTableCommand({ TableName: table }));
    }
    dynamodb.destroy();
  });

  it('follows one order through the running pipeline to the projection and the fulfilment, timing each leg', async () => {
    pipeline = cli(['start', '--prefix', prefix, '--rate', '0.2', '--duration', '170']);
    await waitForStderr(pipeline, /orders placed/, 120_000);

    const result = await run(['smoke', '--local', '--prefix', prefix, '--json', '--timeout', '60']);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.trim()) as {
      ok: boolean;
      orderId: string;
      legs: { name: string; ms: number }[];
    };
    expect(report.ok).toBe(true);
    expect(report.legs.map((leg) => leg.name)).toEqual([
      'outbox.placed',
      'outbox.paid',
      'projection.placed',
      'projection.paid',
      'fulfilment',
    ]);
    for (const leg of report.legs) expect(leg.ms).toBeGreaterThanOrEqual(0);
    const request = await dynamodb.send(
      new GetItemCommand({
        TableName: (await localOutputs(prefix)).FulfilmentTableName,
        Key: { orderId: { S: report.orderId } },
      }),
    );
    expect(request.Item?.status?.S).toBe('REQUESTED');
  });

  it('says the pipeline is missing, and writes nothing, when no pipeline runs under that prefix', async () => {
    const nothing = uniqueName('eventline-nothing');
    const result = await run(['smoke', '--local', '--prefix', nothing, '--timeout', '2']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `table ${(await localOutputs(nothing)).OutboxTableName} does not exist; deploy the stack, or start the local pipeline`,
    );
  });

  it('refuses to run without a target', async () => {
    const result = await run(['smoke']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--stack');
  });
});
