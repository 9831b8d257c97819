import { useCallback, useEffect, useRef, type Dispatch, type RefObject } from 'react';
import { readProgress, writeProgress, type Progress } from '../lessons/progress.js';
import type { SolutionCommand } from '../lessons/schema.js';
import { complete as completeLine } from './complete.js';
import { currentCluster } from './currentCluster.js';
import { toLines, type Action, type OutputLine, type TutorState } from './state.js';
import type { LessonRuntime, RuntimeOptions } from './runtime.js';

const tutor = (text: string): OutputLine[] => toLines(text, 'tutor');

const HELP =
  'Type kubectl commands (or k for short). Also: text, hint, solution, check, next, skip, reset, clear, home.\n' +
  'Tab completes, up/down recall history, PgUp/PgDn scroll, Ctrl-T swaps control loops for requests, Ctrl-C stops a running command (a watch), Esc goes back home, Ctrl-C quits.';

function solutionText(cmds: SolutionCommand[]): string {
  return cmds.map((c) => (typeof c === 'string' ? `  ${c}` : `  ${c.run}   (with this on its standard input)\n${c.stdin.replace(/^/gm, '    ')}`)).join('\n');
}

/**
 * The lesson screen's behaviour: opens a lesson's cluster (the runtime and the cluster code load only
 * now, so the home screen starts fast), runs what the learner types, checks the step whenever the cluster
 * changes, and keeps progress in $KUBECADET_HOME/progress.json.
 */
export function useLesson(state: RefObject<TutorState>, dispatch: Dispatch<Action>, home: string, opts: RuntimeOptions = {}) {
  const runtime = useRef<LessonRuntime | undefined>(undefined);
  const openedAt = useRef(0);

  const update = (fn: (p: Progress) => void): Progress => {
    const p = readProgress(home);
    fn(p);
    writeProgress(home, p);
    dispatch({ type: 'progress', progress: p });
    return p;
  };

  /** Checks the step shown; the first time it holds, the step is done for good. */
  const check = useCallback(() => {
    const rt = runtime.current;
    const st = state.current;
    if (!rt || st.open === undefined || st.screen !== 'lesson') return undefined;
    const lesson = st.lessons[st.open];
    const report = rt.check(st.step);
    dispatch({ type: 'results', results: report.results, done: report.done });
    const lp = readProgress(home).lessons[lesson.id];
    if (report.done && lp && lp.step <= st.step) {
      const last = st.step === lesson.steps.length - 1;
      update((p) => {
        const l = p.lessons[lesson.id];
        l.step = st.step + 1;
        l.hintsUsed = 0;
        if (last) {
          l.done = true;
          l.completedAt = Date.now();
        }
      });
      const next = st.lessons[st.open + 1];
      dispatch({
        type: 'print',
        lines: toLines(
          last
            ? `✓ Lesson complete: ${lesson.title}.${next ? ` Type next for "${next.title}".` : ' That was the last lesson.'}`
            : `✓ Step ${st.step + 1} done. Type next (or press Enter) for step ${st.step + 2}.`,
          'success',
        ),
      });
    }
    return report;
  }, [home]);

  const close = () => {
    const rt = runtime.current;
    runtime.current = undefined;
    rt?.close();
    const st = state.current;
    if (st.open !== undefined && openedAt.current) {
      const id = st.lessons[st.open].id;
      const spent = Date.now() - openedAt.current;
      openedAt.current = 0;
      const p = readProgress(home);
      if (p.lessons[id]) {
        p.lessons[id].timeSpentMs += spent;
        writeProgress(home, p);
      }
    }
  };

  useEffect(() => close, []);

  const open = useCallback(
    async (index: number) => {
      close();
      const lesson = state.current.lessons[index];
      const before = readProgress(home);
      const lp = before.lessons[lesson.id];
      const fresh = before.current !== lesson.id || !lp || lp.done;
      const step = fresh ? 0 : Math.min(lp.step, lesson.steps.length - 1);
      dispatch({ type: 'open', lesson: index, step });
      dispatch({ type: 'busy', what: fresh ? 'Preparing the cluster…' : 'Opening the cluster…' });
      if (fresh) {
        update((p) => {
          p.lessons[lesson.id] = { startedAt: Date.now(), step: 0, done: false, timeSpentMs: p.lessons[lesson.id]?.timeSpentMs ?? 0, hintsUsed: 0 };
          p.current = lesson.id;
        });
      }
      const { LessonRuntime } = await import('./runtime.js');
      const rt = new LessonRuntime(
        home,
        lesson,
        {
          cluster: (view) => dispatch({ type: 'cluster', view }),
          narrate: (items) => dispatch({ type: 'narrate', items }),
          requests: (items) => dispatch({ type: 'requests', items }),
          changed: () => {
            if (runtime.current === rt) check();
          },
        },
        opts,
      );
      try {
        await rt.start(fresh);
      } catch (e) {
        dispatch({ type: 'busy', what: '' });
        dispatch({ type: 'print', lines: toLines(`The lesson's cluster could not be prepared: ${(e as Error).message}`, 'error') });
        return;
      }
      runtime.current = rt;
      openedAt.current = Date.now();
      dispatch({ type: 'busy', what: '' });
      dispatch({ type: 'print', lines: tutor(HELP) });
      check();
    },
    [home],
  );

  const goTo = (step: number) => {
    dispatch({ type: 'step', step });
    check();
  };

  // the command running now, which Ctrl-C stops as it stops one at a terminal
  const running = useRef<AbortController | undefined>(undefined);
  const interrupt = () => running.current?.abort();

  const submit = useCallback(
    async (raw: string) => {
      const line = raw.trim();
      const st = state.current;
      const rt = runtime.current;
      if (!rt || st.open === undefined) return;
      const lesson = st.lessons[st.open];
      const step = lesson.steps[st.step];
      const lp = () => readProgress(home).lessons[lesson.id];
      const print = (lines: OutputLine[]) => dispatch({ type: 'print', lines });
      const passed = () => (lp()?.step ?? 0) > st.step;
      const word = line.split(/\s+/)[0];
      if (line === '' && !passed()) return;
      dispatch({ type: 'submit', line });
      if (word === 'kubectl' || word === 'k' || word === 'kubecadet') {
        dispatch({ type: 'busy', what: 'running… (Ctrl-C stops it)' });
        const ac = new AbortController();
        running.current = ac;
        // whole lines as they come, so a watch shows its changes live; what is left when it ends after them
        const partial = { out: '', err: '' };
        await rt.run(line, ac.signal, (text, stream) => {
          const buf = partial[stream] + text;
          const cut = buf.lastIndexOf('\n');
          partial[stream] = buf.slice(cut + 1);
          if (cut >= 0) print(toLines(buf.slice(0, cut + 1), stream === 'err' ? 'error' : undefined));
        });
        running.current = undefined;
        dispatch({ type: 'busy', what: '' });
        print([...toLines(partial.out), ...toLines(partial.err, 'error')]);
        check();
        return;
      }
      switch (word) {
        case 'help':
          return print(tutor(HELP));
        case 'clear':
          return dispatch({ type: 'clearOutput' });
        case 'home':
        case 'quit':
        case 'exit':
          return leave();
        case 'hint': {
          const hints = step.hints ?? [];
          const used = lp()?.hintsUsed ?? 0;
          if (used < hints.length) {
            update((p) => {
              p.lessons[lesson.id].hintsUsed = used + 1;
            });
            return print(tutor(`Hint ${used + 1}/${hints.length}: ${hints[used]}`));
          }
          return print(tutor(`No more hints. Type solution to see one.`));
        }
        case 'text':
          return print(toLines(`${step.title}\n\n${step.text.trim()}`));
        case 'solution':
          return print(tutor(`A solution:\n${solutionText(step.solution)}`));
        case 'check': {
          const report = check();
          if (!report) return;
          const { formatReport } = await import('../lessons/checker.js');
          return print([...toLines(formatReport(report)), ...tutor(report.done ? 'Done.' : "Not yet. Type hint for a hint.")]);
        }
        case '':
        case 'next': {
          if (!passed()) {
            const report = check();
            if (report?.done) return;
            return print(tutor("This step is not done yet: type check to see what is missing, or skip to move on."));
          }
          if (st.step + 1 < lesson.steps.length) return goTo(st.step + 1);
          const next = st.open + 1;
          return next < st.lessons.length ? void open(next) : leave();
        }
        case 'skip': {
          if (st.step + 1 >= lesson.steps.length) return print(tutor('This is the last step. Type home to go back to the course.'));
          update((p) => {
            const l = p.lessons[lesson.id];
            l.step = Math.max(l.step, st.step + 1);
            l.hintsUsed = 0;
          });
          return goTo(st.step + 1);
        }
        case 'reset': {
          dispatch({ type: 'busy', what: 'Restoring the starting cluster…' });
          await rt.reset();
          update((p) => {
            const l = p.lessons[lesson.id];
            l.step = 0;
            l.done = false;
            l.hintsUsed = 0;
          });
          dispatch({ type: 'busy', what: '' });
          print(tutor("The lesson's starting cluster is back. Step 1 again."));
          return goTo(0);
        }
        default:
          return print(toLines(`unknown command: ${word}. ${HELP.split('\n')[0]}`, 'error'));
      }
    },
    [home],
  );

  const leave = () => {
    close();
    dispatch({ type: 'home', progress: readProgress(home), clusterName: currentCluster(home) });
  };

  const complete = (line: string) => {
    const rt = runtime.current;
    if (!rt) return;
    const r = completeLine(line, rt.completions());
    if (r.line !== line) dispatch({ type: 'setInput', text: r.line });
    else if (r.candidates.length > 1) dispatch({ type: 'print', lines: tutor(r.candidates.join('  ')) });
  };

  return { open, submit, complete, leave, interrupt };
}
