import { readFileSync } from 'node:fs';
import { RegistryImageError } from './errors.js';

/** The parts of a Dockerfile that say what a build context must hold and how the image starts. */
export interface DockerfileFacts {
  /** Sources of every COPY without --from, relative to the build context. */
  readonly copySources: readonly string[];
  /** The exec-form CMD: program and arguments. */
  readonly command: readonly string[];
}

/** Reads COPY sources and the exec-form CMD; the image and the local stack start the same command. */
export function readDockerfile(path: string): DockerfileFacts {
  // Continuation lines join the instruction they continue; comments are not instructions.
  const instructions = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const copySources: string[] = [];
  let command: string[] | undefined;
  for (const line of instructions) {
    const [keyword = '', ...words] = line.split(/\s+/);
    if (/^(COPY|ADD)$/i.test(keyword) && !words.some((w) => w.startsWith('--from'))) {
      copySources.push(...words.filter((w) => !w.startsWith('--')).slice(0, -1));
    }
    if (/^CMD$/i.test(keyword)) command = parseExecForm(line.slice(keyword.length).trim(), path);
  }
  if (!command) throw new RegistryImageError(`${path} has no CMD: the image would not start the service`);
  return { copySources, command };
}

function parseExecForm(text: string, path: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((p) => typeof p === 'string'))
      return parsed;
  } catch {
    // reported below with the fix
  }
  throw new RegistryImageError(`${path}: CMD must be the exec form, a JSON array of strings (found ${text})`);
}
