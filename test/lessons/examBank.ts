import fs from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { ManualClock } from '../../src/cluster/clock.js';
import { clusterFile } from '../../src/cluster/home.js';
import { openCluster, type Engine } from '../../src/cluster/engine.js';
import { prepareLessonCluster, runSolution } from '../../src/lessons/session.js';
import { clientReader } from '../../src/lessons/reader.js';
import { drawTask, loadExamTasks } from '../../src/lessons/exam/loader.js';
import { formatTaskGrade, gradeTask } from '../../src/lessons/exam/grader.js';
import type { DrawnTask, ExamTask } from '../../src/lessons/examSchema.js';
import type { SolutionCommand } from '../../src/lessons/schema.js';
import { seededRandom, settle, tempHome } from '../helpers/cluster.js';

// The task bank's own check, for every task and several seeds: the untouched starting state scores zero,
// the reference solution scores full points, and each near miss fails the check it belongs to. The bank
// is checked in shards (examBank<k>.test.ts), so that each test file stays within the runner's timeout.

export const SEEDS = [1, 2, 3];

/** How many test files share the bank. */
export const SHARDS = 6;

// commands such as `kubectl config use-context` write the kubeconfig of KUBECADET_HOME: keep it temporary
process.env.KUBECADET_HOME = tempHome();

/**
 * A task's starting state is built once per seed and copied for each run from it: building from the
 * fixture is the slow part, and every run must start from exactly the same state anyway.
 */
interface Start {
  file: string;
  now: number;
}

async function buildStart(task: DrawnTask): Promise<Start> {
  const home = tempHome();
  const clock = new ManualClock();
  await prepareLessonCluster(home, task, { clock, random: seededRandom() }, task.context);
  return { file: clusterFile(home, task.context!), now: clock.now() };
}

async function fromStart(start: Start, task: DrawnTask): Promise<{ engine: Engine; clock: ManualClock }> {
  const home = tempHome();
  fs.mkdirSync(path.join(home, 'clusters'), { recursive: true });
  fs.copyFileSync(start.file, clusterFile(home, task.context!));
  const clock = new ManualClock(start.now);
  const engine = await openCluster(home, task.context!, { clock, random: seededRandom(7) });
  return { engine, clock };
}

export function show(cmd: SolutionCommand): string {
  return typeof cmd === 'string' ? cmd : cmd.run;
}

/** The tasks of shard k of SHARDS: every SHARDS-th task in id order, so each file gets a mix of tracks and domains. */
export async function bankShard(k: number): Promise<ExamTask[]> {
  return (await loadExamTasks()).filter((_, i) => i % SHARDS === k);
}

/** One task, for every seed: untouched scores 0, its solution full points, each near miss fails its check. */
export async function checkTask(t: Test, task: ExamTask): Promise<void> {
  for (const seed of SEEDS) {
    const drawn = drawTask(task, seed);
    const at = `seed ${seed} (${JSON.stringify(drawn.values)})`;
    const start = await buildStart(drawn);
    const { engine, clock } = await fromStart(start, drawn);
    const untouched = gradeTask(drawn, clientReader(engine.client()));
    untouched.checks.forEach((c, i) => t.equal(c.earned, 0, `${at}: check ${i + 1} (${c.says}) fails on the untouched starting state`));
    for (const cmd of drawn.solution) {
      const r = await runSolution(engine, cmd);
      t.equal(r.code, 0, `${at}: solution: ${show(cmd)} exits 0${r.code ? ` (${r.stderr.trim()})` : ''}`);
    }
    await settle(engine, clock, drawn.settle);
    const solved = gradeTask(drawn, clientReader(engine.client()));
    t.equal(solved.earned, solved.possible, `${at}: the solution scores ${solved.possible}/${solved.possible}${solved.earned === solved.possible ? '' : `:\n${formatTaskGrade(solved)}`}`);
    for (const [i, check] of drawn.checks.entries()) {
      for (const [j, miss] of check.nearMisses.entries()) {
        const run = await fromStart(start, drawn);
        for (const cmd of miss) await runSolution(run.engine, cmd);
        await settle(run.engine, run.clock, drawn.settle);
        const g = gradeTask(drawn, clientReader(run.engine.client()));
        t.equal(g.checks[i].earned, 0, `${at}: near miss ${j + 1} (${miss.map(show).join('; ')}) fails check ${i + 1} (${check.says})`);
      }
    }
  }
}

/** The body of an examBank<k>.test.ts file. */
export async function checkShard(t: Test, k: number): Promise<void> {
  const tasks = await bankShard(k);
  t.ok(tasks.length > 0, `shard ${k + 1} of ${SHARDS} has tasks`);
  for (const task of tasks) await t.test(task.id, (t) => checkTask(t, task));
}
