import fs from 'node:fs';
import path from 'node:path';

/** What a learner has done, kept apart from cluster state in $KUBECADET_HOME/progress.json. */
export interface LessonProgress {
  startedAt: number;
  /** index of the step the learner is on (all before it are done) */
  step: number;
  done: boolean;
  completedAt?: number;
  /** wall time spent with the lesson open, ms */
  timeSpentMs: number;
  hintsUsed: number;
}

export interface Progress {
  current?: string;
  lessons: Record<string, LessonProgress>;
}

export function progressFile(home: string): string {
  return path.join(home, 'progress.json');
}

export function readProgress(home: string): Progress {
  try {
    return JSON.parse(fs.readFileSync(progressFile(home), 'utf8')) as Progress;
  } catch {
    return { lessons: {} };
  }
}

export function writeProgress(home: string, p: Progress): void {
  fs.mkdirSync(home, { recursive: true });
  const file = progressFile(home);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(p, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function statusOf(p: Progress, id: string, steps: number): string {
  const l = p.lessons[id];
  if (!l) return 'not started';
  if (l.done) return 'done';
  return `step ${Math.min(l.step + 1, steps)}/${steps}`;
}
