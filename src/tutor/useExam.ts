import { useCallback, useEffect, useRef, useState } from 'react';
import { examNow, readCurrent, readHistory, switchTask, writeCurrent, type Attempt } from '../lessons/exam/attempt.js';
import { endExam, startExam } from '../lessons/exam/session.js';
import { formatExamReport, type LessonRef } from '../lessons/exam/report.js';
import type { Track } from '../lessons/examSchema.js';

export interface ExamOptions {
  /** the exam's clock (tests move it by hand) */
  now?: () => number;
  /** how often the clock on screen moves and the exam file is read again, ms */
  tickMs?: number;
  /** the content folder holding exam/<track>/ */
  contentDir?: string;
  /** the seed of an exam started here (default: a random one) */
  seed?: () => number;
  minutes?: number;
}

export interface ExamView {
  /** the running exam, as last read from $KUBECADET_HOME/exam/current.json */
  attempt?: Attempt;
  /** the report of the exam that just ended, one string per line */
  report?: string[];
  history: Attempt[];
  now: number;
  busy: string;
  error: string;
  /** waiting for y/n after `s` */
  confirm: boolean;
  /** the track highlighted when no exam runs */
  choice: number;
  scroll: number;
}

export const TRACK_CHOICES: Track[] = ['cka', 'ckad'];

/**
 * The exam seen from the tutor. The attempt lives on disk, as for the CLI: every change reads it again
 * first, so marks set with `kubecadet exam done N` in another terminal are kept, and the clock checks the
 * time on every tick, submitting the exam when it runs out.
 */
export function useExam(home: string, lessons: LessonRef[], opts: ExamOptions = {}) {
  const clock = opts.now ?? (() => examNow());
  const [v, setV] = useState<ExamView>(() => ({ attempt: readCurrent(home), history: readHistory(home), now: clock(), busy: '', error: '', confirm: false, choice: 0, scroll: 0 }));
  const latest = useRef(v);
  const set = useCallback((f: (x: ExamView) => ExamView) => {
    latest.current = f(latest.current);
    setV(latest.current);
  }, []);

  const finish = useCallback(
    async (status: 'submitted' | 'expired') => {
      set((x) => ({ ...x, busy: status === 'expired' ? 'Time is up: grading the exam...' : 'Grading the exam...', confirm: false }));
      const ended = await endExam(home, status, clock());
      set((x) => ({
        ...x,
        busy: '',
        attempt: undefined,
        report: ended ? formatExamReport(ended, lessons).replace(/\n$/, '').split('\n') : x.report,
        history: readHistory(home),
        scroll: 0,
      }));
    },
    [home],
  );

  // the clock: re-read the attempt, and submit it when the time is up
  useEffect(() => {
    const tick = () => {
      const now = clock();
      const attempt = readCurrent(home);
      set((x) => ({ ...x, now, attempt }));
      if (attempt && now >= attempt.endsAt && !latest.current.busy) void finish('expired');
    };
    tick();
    const timer = setInterval(tick, opts.tickMs ?? 1000);
    return () => clearInterval(timer);
  }, [home]);

  /** Changes the attempt on disk (read again first) and on screen. */
  const change = (f: (a: Attempt, now: number) => void) => {
    const a = readCurrent(home);
    if (!a) return;
    const now = clock();
    f(a, now);
    writeCurrent(home, a);
    set((x) => ({ ...x, attempt: a, now }));
  };

  return {
    view: v,
    latest,
    choose: (delta: number) => set((x) => ({ ...x, choice: Math.max(0, Math.min(TRACK_CHOICES.length - 1, x.choice + delta)) })),
    start: async () => {
      const track = TRACK_CHOICES[latest.current.choice];
      set((x) => ({ ...x, busy: `Preparing the ${track.toUpperCase()} exam's clusters...`, error: '', report: undefined }));
      try {
        const seed = opts.seed?.() ?? Math.floor(Math.random() * 1_000_000);
        const attempt = await startExam(home, { track, minutes: opts.minutes ?? 120, seed, dir: opts.contentDir }, clock());
        set((x) => ({ ...x, busy: '', attempt, now: clock() }));
      } catch (e) {
        set((x) => ({ ...x, busy: '', error: (e as Error).message }));
      }
    },
    /** opens another task: the time so far is booked to the one that was open */
    move: (delta: number) => change((a, now) => switchTask(a, Math.max(0, Math.min(a.tasks.length - 1, a.current + delta)), now)),
    flag: () => change((a) => void (a.tasks[a.current].flagged = !a.tasks[a.current].flagged)),
    done: () => change((a) => void (a.tasks[a.current].done = !a.tasks[a.current].done)),
    askSubmit: (yes: boolean) => set((x) => ({ ...x, confirm: yes })),
    submit: () => finish('submitted'),
    scroll: (delta: number, max: number) => set((x) => ({ ...x, scroll: Math.max(0, Math.min(max, x.scroll + delta)) })),
    closeReport: () => set((x) => ({ ...x, report: undefined, scroll: 0 })),
  };
}
