import fs from 'node:fs';
import { clusterEntry, clusterFile, DEFAULT_USER, readKubeconfig, writeKubeconfig } from '../../cluster/home.js';
import { openCluster, type Engine, type OpenOptions } from '../../cluster/engine.js';
import { applyStartingState } from '../session.js';
import { clientReader } from '../reader.js';
import type { DrawnTask, Track } from '../examSchema.js';
import { loadExamTasks } from './loader.js';
import { drawExam } from './draw.js';
import { gradeTask } from './grader.js';
import { readCurrent, saveFinished, switchTask, takeCurrent, writeCurrent, type Attempt, type AttemptStatus } from './attempt.js';

export class ExamError extends Error {}

export interface StartOptions {
  track: Track;
  minutes: number;
  tasks?: number;
  seed: number;
  /** the content folder holding exam/<track>/ (default: the course's) */
  dir?: string;
  /** how the clusters are opened (tests: a manual clock) */
  open?: OpenOptions;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** The contexts an exam uses, in the order its tasks first name them. */
export function contextsOf(tasks: DrawnTask[]): string[] {
  return [...new Set(tasks.map((t) => t.context!))];
}

/**
 * Starts an exam: draws its tasks, builds one fresh cluster per context (as the real exam's contexts are
 * separate clusters), applies every task's starting state to its context's cluster, writes the contexts
 * into the kubeconfig, and starts the clock.
 */
export async function startExam(home: string, opts: StartOptions, now: number, progress: (line: string) => void = () => undefined): Promise<Attempt> {
  const running = readCurrent(home);
  if (running) throw new ExamError(`error: exam ${running.id} is running; see it with 'kubecadet exam status', or end it with 'kubecadet exam submit' or 'kubecadet exam abandon'`);
  const bank = await loadExamTasks(opts.track, opts.dir);
  if (!bank.length) throw new ExamError(`error: the task bank has no ${opts.track} tasks`);
  if (opts.tasks !== undefined && (!Number.isInteger(opts.tasks) || opts.tasks < 1)) throw new ExamError('error: --tasks must be a positive integer');
  if (!(opts.minutes > 0)) throw new ExamError('error: --minutes must be a positive number');
  const tasks = drawExam(bank, opts.track, opts.seed, opts.tasks);
  const cfg = readKubeconfig(home);
  for (const ctx of contextsOf(tasks)) {
    const mine = tasks.filter((t) => t.context === ctx);
    progress(`Preparing cluster ${ctx} for ${mine.length} task${mine.length === 1 ? '' : 's'}...\n`);
    fs.rmSync(clusterFile(home, ctx), { force: true });
    const engine = await openCluster(home, ctx, { ...opts.open, fixture: mine[0].cluster?.fixture ?? 'default' });
    for (const t of mine) {
      try {
        await applyStartingState(engine, t);
      } catch (e) {
        throw new ExamError(`error: task ${t.id} could not be set up on ${ctx}: ${(e as Error).message}`);
      }
    }
    cfg.clusters = [...cfg.clusters.filter((c) => c.name !== ctx), clusterEntry(ctx)];
    // the exam names its contexts as the real one does: `kubectl config use-context k8s-c1`
    cfg.contexts = [...cfg.contexts.filter((c) => c.name !== ctx), { name: ctx, context: { cluster: ctx, user: DEFAULT_USER } }];
  }
  if (!cfg.users.some((u) => u.name === DEFAULT_USER)) cfg.users.push({ name: DEFAULT_USER, user: {} });
  cfg['current-context'] = tasks[0].context!;
  writeKubeconfig(home, cfg);
  // the clock starts once the clusters are ready
  const startedAt = now;
  const attempt: Attempt = {
    id: `${opts.track}-${stamp(startedAt)}-${opts.seed}`,
    track: opts.track,
    seed: opts.seed,
    minutes: opts.minutes,
    startedAt,
    endsAt: startedAt + opts.minutes * 60_000,
    status: 'running',
    tasks: tasks.map((task) => ({ task, flagged: false, done: false, timeSpentMs: 0 })),
    current: 0,
    currentSince: startedAt,
  };
  writeCurrent(home, attempt);
  return attempt;
}

/** Grades every task on its context's cluster, as it stands now. */
export async function gradeAttempt(home: string, a: Attempt, open: OpenOptions = {}): Promise<void> {
  const engines = new Map<string, Engine>();
  a.grades = [];
  for (const { task } of a.tasks) {
    let engine = engines.get(task.context!);
    if (!engine) {
      engine = await openCluster(home, task.context!, open);
      await engine.sync();
      engines.set(task.context!, engine);
    }
    a.grades.push(gradeTask(task, clientReader(engine.client())));
  }
}

/** Ends the running exam: submitted or expired ones are graded; all go to the history. */
export async function endExam(home: string, status: Exclude<AttemptStatus, 'running'>, now: number): Promise<Attempt | undefined> {
  const a = takeCurrent(home);
  if (!a) return undefined;
  switchTask(a, a.current, now);
  a.status = status;
  a.endedAt = Math.min(now, a.endsAt);
  if (status !== 'abandoned') await gradeAttempt(home, a);
  saveFinished(home, a);
  return a;
}

/** Time running out submits: every kubecadet command (and the tutor) calls this first. */
export async function expireIfDue(home: string, now: number): Promise<Attempt | undefined> {
  const a = readCurrent(home);
  if (!a || now < a.endsAt) return undefined;
  return endExam(home, 'expired', now);
}
