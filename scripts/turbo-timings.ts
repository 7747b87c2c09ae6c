/**
 * Where a turbo run's time went: reads the newest run summary (`turbo run … --summarize` writes
 * `.turbo/runs/<id>.json`) and prints each task's wall time, longest first, then the total per task name.
 * `.ci/run` prints it after `pnpm test`; CONTRIBUTING.md's time budget is read from it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './package-check/workspace';

interface Summary {
  execution: { startTime: number; endTime: number };
  tasks: {
    taskId: string;
    task: string;
    cache: { status: string };
    execution?: { startTime: number; endTime: number };
  }[];
}

const runs = join(repoRoot, '.turbo', 'runs');
const newest = readdirSync(runs)
  .filter((file) => file.endsWith('.json'))
  .map((file) => join(runs, file))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!newest) throw new Error(`no turbo run summary in ${runs}`);

const summary = JSON.parse(readFileSync(newest, 'utf8')) as Summary;
const seconds = (e?: { startTime: number; endTime: number }) => (e ? (e.endTime - e.startTime) / 1000 : 0);
const tasks = summary.tasks
  .map((t) => ({ id: t.taskId, task: t.task, cache: t.cache.status, seconds: seconds(t.execution) }))
  .sort((a, b) => b.seconds - a.seconds);

const width = Math.max(...tasks.map((t) => t.id.length));
console.log(`turbo: ${seconds(summary.execution).toFixed(1)} s wall for ${tasks.length} tasks`);
for (const t of tasks)
  console.log(`  ${t.id.padEnd(width)}  ${t.seconds.toFixed(1).padStart(6)} s  ${t.cache}`);
const byTask = new Map<string, number>();
for (const t of tasks) byTask.set(t.task, (byTask.get(t.task) ?? 0) + t.seconds);
console.log('per task name (summed wall time; tasks overlap, one per core):');
for (const [task, total] of [...byTask].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${task.padEnd(width)}  ${total.toFixed(1).padStart(6)} s`);
}
