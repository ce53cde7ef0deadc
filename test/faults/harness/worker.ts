/**
 * A relay or consumer in its own process, so a test can SIGKILL it mid-batch as Lambda loses a
 * sandbox: `tsx worker.ts <relay|consumer> <run JSON> <options JSON>`. Prints `ready` once polling.
 */
import type { PipelineConfig, Role, RoleOptions } from './config.js';
import { startConsumer } from './consumer-role.js';
import { type RunningRole, startRelay } from './relay-role.js';

const [role, runJson, optionsJson] = process.argv.slice(2) as [Role, string, string];
const run = JSON.parse(runJson) as PipelineConfig;
const options = JSON.parse(optionsJson) as RoleOptions;
const running: RunningRole = role === 'relay' ? startRelay(run, options) : await startConsumer(run, options);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void running.stop().finally(() => process.exit(0));
});
