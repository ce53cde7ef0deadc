import { join } from 'node:path';
import { projectRoot } from '../stack/paths.js';
import { portConfigFileName, readPortConfigFile, resolvePorts } from '../stack/port-config.js';

// Imported first by main.ts, before any module reads the stack's ports at load time: a bad port
// setting then ends the CLI with one line, not with a stack trace from a module's top level.
try {
  resolvePorts(process.env, readPortConfigFile(join(projectRoot, portConfigFileName)));
} catch (error) {
  process.stderr.write(`eventline: ${(error as Error).message}\n`);
  process.exit(1);
}
