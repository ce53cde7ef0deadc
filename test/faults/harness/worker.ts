/**
 * A relay or consumer in its own process, so a test can SIGKILL it mid-batch as Lambda loses a
 * sandbox, and so the staged bundle runs in a worker thread of a plain Node process (with tsx's
 * loader for the harness): `node --import tsx worker.ts <relay|consumer> <run JSON> <options JSON>`.
 * Prints `ready` once polling.
 */
import type { PipelineConfig, Role, RoleOptions } from './config.js';
import { runConsumer } from './consumer-role.js';
import { runRelay } from './relay-role.js';

const [role, runJson, optionsJson] = process.argv.slice(2) as [Role, string, string];
const run = JSON.parse(runJson) as PipelineConfig;
const options = JSON.parse(optionsJson) as RoleOptions;
const running = role === 'relay' ? await runRelay(run, options) : await runConsumer(run, options);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void running.stop().finally(() => process.exit(0));
});
