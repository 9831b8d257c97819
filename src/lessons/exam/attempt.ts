import fs from 'node:fs';
import path from 'node:path';
import type { DrawnTask, Track } from '../examSchema.js';
import type { TaskGrade } from './grader.js';

/**
 * An exam attempt, kept apart from cluster state under $KUBECADET_HOME/exam/: the running one in
 * current.json, finished ones (with their grades) in history/<id>.json.
 */
export interface AttemptTask {
  task: DrawnTask;
  flagged: boolean;
  /** marked done by the candidate (a note to self; grading looks only at the cluster) */
  done: boolean;
  /** time with this task open, ms */
  timeSpentMs: number;
}

export type AttemptStatus = 'running' | 'submitted' | 'expired' | 'abandoned';

export interface Attempt {
  id: string;
  track: Track;
  seed: number;
  minutes: number;
  startedAt: number;
  endsAt: number;
  status: AttemptStatus;
  endedAt?: number;
  tasks: AttemptTask[];
  /** the task open now, and since when */
  current: number;
  currentSince: number;
  grades?: TaskGrade[];
}

/** Wall time, or KUBECADET_EXAM_NOW (ms since the epoch, or an ISO date) so tests can move time. */
export function examNow(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.KUBECADET_EXAM_NOW;
  if (!v) return Date.now();
  return /^\d+$/.test(v) ? Number(v) : Date.parse(v);
}

export function examDirOf(home: string): string {
  return path.join(home, 'exam');
}

export function currentFile(home: string): string {
  return path.join(examDirOf(home), 'current.json');
}

function historyDir(home: string): string {
  return path.join(examDirOf(home), 'history');
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function readCurrent(home: string): Attempt | undefined {
  try {
    return JSON.parse(fs.readFileSync(currentFile(home), 'utf8')) as Attempt;
  } catch {
    return undefined;
  }
}

export function writeCurrent(home: string, a: Attempt): void {
  writeJson(currentFile(home), a);
}

/**
 * Takes the running attempt out of current.json so that only one process finishes it (two commands
 * noticing the time is up at once must not grade it twice). Undefined when another process got it.
 */
export function takeCurrent(home: string): Attempt | undefined {
  const claimed = `${currentFile(home)}.${process.pid}.ending`;
  try {
    fs.renameSync(currentFile(home), claimed);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(claimed, 'utf8')) as Attempt;
  } finally {
    fs.rmSync(claimed, { force: true });
  }
}

export function saveFinished(home: string, a: Attempt): void {
  writeJson(path.join(historyDir(home), `${a.id}.json`), a);
}

/** Finished attempts, oldest first. */
export function readHistory(home: string): Attempt[] {
  let files: string[];
  try {
    files = fs.readdirSync(historyDir(home)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((f) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(historyDir(home), f), 'utf8')) as Attempt;
      } catch {
        return undefined;
      }
    })
    .filter((a): a is Attempt => !!a)
    .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}

/** Books the time since the current task was opened to it, and opens another (or the same). */
export function switchTask(a: Attempt, index: number, now: number): void {
  const until = Math.min(now, a.endsAt);
  if (a.tasks[a.current]) a.tasks[a.current].timeSpentMs += Math.max(0, until - a.currentSince);
  a.current = index;
  a.currentSince = until;
}

export function remainingMs(a: Attempt, now: number): number {
  return Math.max(0, a.endsAt - now);
}

/** `1h 05m`, `12m 30s`, `45s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** The remaining time as a clock: `1:59:58`, `04:59`. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
