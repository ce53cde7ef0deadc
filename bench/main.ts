import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { benchmarks } from './benchmarks/index.js';
import { type BenchContext, localEndpoints, profiles, repoRoot } from './harness/context.js';
import { noGoal } from './harness/goals.js';
import { markdownTable, resultsFile, writeResults } from './harness/report.js';
import { errorRow, type Row } from './harness/row.js';
import { selectedBy, unmatched } from './harness/select.js';

const program = new Command('bench')
  .description('Eventline benchmarks: each figure a ratio to a baseline measured alternately in the same run')
  .option('--quick', 'small record sets and few rounds: a smoke run for CI (figures are indicative only)')
  .option(
    '--only <ids>',
    'comma-separated benchmarks to run: numbers (B1 is B1 to B3 rows of each format, not B10), B2.protobuf, or full ids',
  )
  .option('--out <dir>', 'folder for the results JSON', path.join(repoRoot, 'bench', 'results'))
  .option(
    '--cpu-prof <dir>',
    "also profile each row's variant (extra, untimed runs) into DIR/<row id>.cpuprofile",
  )
  .parse(process.argv);

const options = program.opts<{ quick?: boolean; only?: string; out: string; cpuProf?: string }>();
const profile = options.quick ? profiles.quick : profiles.full;
const only = options.only?.split(',').map((id) => id.trim());
const ids = benchmarks.map((benchmark) => benchmark.id);
const unknown = only ? unmatched(only, ids) : [];
if (unknown.length > 0) {
  program.error(`--only: no benchmark ${unknown.join(', ')}; the benchmarks are ${ids.join(', ')}`);
}
const selected = benchmarks.filter((benchmark) => !only || selectedBy(only, benchmark.id));

const context: BenchContext = {
  profile,
  endpoints: localEndpoints(),
  log: (message) => process.stderr.write(`${message}\n`),
  cpuProfile: (rowId) => {
    if (!options.cpuProf) return undefined;
    mkdirSync(options.cpuProf, { recursive: true });
    return {
      file: path.join(options.cpuProf, `${rowId}.cpuprofile`),
      runs: Math.max(20, 2 * profile.rounds),
    };
  },
};

const startedAt = new Date().toISOString();
const rows: Row[] = [];
for (const benchmark of selected) {
  context.log(`${benchmark.id} ${benchmark.title} (${profile.mode})`);
  try {
    const produced = await benchmark.run(context);
    for (const row of produced) context.log(`  ${row.id} ${row.name}: ${row.status} ${row.figure ?? ''}`);
    rows.push(...produced);
  } catch (error) {
    context.log(
      `  ${benchmark.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    rows.push(errorRow(benchmark.id, benchmark.title, noGoal, '', error));
  }
}

const results = resultsFile(
  { mode: profile.mode, startedAt, finishedAt: new Date().toISOString(), gitCommit: gitCommit() },
  rows,
);
const file = await writeResults(options.out, results);
process.stdout.write(`\n${markdownTable(rows)}\n\nresults: ${path.relative(process.cwd(), file)}\n`);
// Clients of the benchmarked modules may keep sockets alive; the run is over either way.
process.exit(rows.some((row) => row.status === 'error') ? 1 : 0);

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
