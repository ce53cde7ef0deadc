import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { Task } from './runner.js';

/**
 * Runs a task under V8's sampling profiler and writes a `.cpuprofile` (what `node --cpu-prof`
 * writes, but of these runs only), for `bench/profile-summary.ts` or Chrome DevTools.
 * Untimed `prepare` steps are profiled too; their frames are the task's own set-up code.
 */
export async function profileRuns(task: Task, runs: number, file: string): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let run = 0; run < runs; run++) {
      if (task.prepare) await task.prepare();
      await task.run();
    }
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
  } finally {
    session.disconnect();
  }
}
