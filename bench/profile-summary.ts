import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { repoRoot } from './harness/context.js';

/**
 * Where the time goes: self time per function and per source file of a V8 `.cpuprofile`
 * (from `node --cpu-prof`), newest file of a folder when given a folder.
 *
 * @example
 * node --cpu-prof --cpu-prof-dir=/tmp/eventline-prof --import tsx bench/main.ts --only B5
 * npx tsx bench/profile-summary.ts /tmp/eventline-prof --top 20
 */
interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const program = new Command('profile-summary')
  .argument('<path>', 'a .cpuprofile file, or a folder (its newest .cpuprofile is read)')
  .option('--top <n>', 'lines per table', '25')
  .parse(process.argv);

const file = newestProfile(program.args[0] as string);
const top = Number(program.opts<{ top: string }>().top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((nodeId, index) => {
  const node = nodes.get(nodeId);
  const delta = profile.timeDeltas[index] ?? 0;
  // The profiler's own stop call is not part of the profiled code.
  if (!node || node.callFrame.url === 'node:inspector') return;
  total += delta;
  const { functionName, url, lineNumber } = node.callFrame;
  const source = shortUrl(url);
  add(selfByFunction, `${functionName || '(anonymous)'} ${source}:${lineNumber + 1}`, delta);
  add(selfByFile, source, delta);
});

process.stdout.write(`profile: ${file}\nsampled: ${(total / 1000).toFixed(0)} ms\n\n`);
printTable('self time by function', selfByFunction);
printTable('self time by file', selfByFile);

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

function printTable(title: string, map: Map<string, number>) {
  const lines = [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, micros]) =>
        `| ${((100 * micros) / total).toFixed(1)}% | ${(micros / 1000).toFixed(0)} ms | ${key} |`,
    );
  process.stdout.write(`${title}\n\n| share | self | where |\n|---|---|---|\n${lines.join('\n')}\n\n`);
}

function shortUrl(url: string): string {
  if (!url) return '(native/V8)';
  const withoutScheme = url.replace(/^file:\/\//, '');
  const nodeModules = withoutScheme.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return withoutScheme.slice(nodeModules);
  return withoutScheme.startsWith(repoRoot) ? path.relative(repoRoot, withoutScheme) : withoutScheme;
}

function newestProfile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const profiles = readdirSync(target)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(target, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!profiles[0]) throw new Error(`no .cpuprofile in ${target}`);
  return profiles[0];
}
