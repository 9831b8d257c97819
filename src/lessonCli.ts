import type { Command } from 'commander';
import { homeDir } from './cluster/home.js';
import { processIO } from './commands/util/io.js';

/** Loads what every lesson command needs: the course, the learner's progress, the lesson cluster. */
async function course() {
  const [{ loadLessons }, progress, session, checker, reader] = await Promise.all([
    import('./lessons/loader.js'),
    import('./lessons/progress.js'),
    import('./lessons/session.js'),
    import('./lessons/checker.js'),
    import('./lessons/reader.js'),
  ]);
  return { lessons: await loadLessons(), progress, session, checker, reader, home: homeDir() };
}

/** The lesson in progress with the course and progress, or (said on stderr, exit 1) none. */
async function inProgress(io: ReturnType<typeof processIO>) {
  const c = await course();
  const p = c.progress.readProgress(c.home);
  const lesson = c.lessons.find((l) => l.id === p.current);
  if (!lesson) {
    io.err("No lesson in progress. Start one with 'kubecadet lesson 1'.\n");
    process.exitCode = 1;
    return undefined;
  }
  return { c, p, lesson };
}

/** `kubecadet lesson [ID] | --list`, `kubecadet check`, `kubecadet hint`: the tutor's loop from any shell. */
export function registerLessonCommands(program: Command): void {
  const io = processIO();
  program
    .command('lesson')
    .description('start a lesson (by number or id), or show the one in progress; --list shows them all')
    .argument('[lesson]', 'number or id')
    .option('--list', 'one line per lesson: number, id, title, your status')
    .option('--reset', "restore the lesson's starting cluster")
    .action(async (which: string | undefined, opts: { list?: boolean; reset?: boolean }) => {
      const c = await course();
      const p = c.progress.readProgress(c.home);
      if (opts.list) {
        const { TabWriter } = await import('./commands/printers/tabwriter.js');
        const rows = c.lessons.map((l, i) => [String(i + 1), l.id, l.title, c.progress.statusOf(p, l.id, l.steps.length)]);
        io.out(new TabWriter().format([['#', 'ID', 'TITLE', 'STATUS'], ...rows]));
        return;
      }
      const id = which ?? p.current;
      const lesson = id === undefined ? undefined : (c.lessons.find((l) => l.id === id) ?? c.lessons[Number(id) - 1]);
      if (!lesson) {
        io.err(id === undefined ? "No lesson in progress. Start one with 'kubecadet lesson 1' (see 'kubecadet lesson --list').\n" : `error: no lesson "${id}" (see 'kubecadet lesson --list')\n`);
        process.exitCode = 1;
        return;
      }
      const fresh = lesson.id !== p.current || opts.reset || !p.lessons[lesson.id];
      if (fresh) {
        io.out(`Preparing the cluster for "${lesson.title}"...\n`);
        await c.session.prepareLessonCluster(c.home, lesson);
        c.session.useCluster(c.home, c.session.LESSON_CLUSTER);
        const prev = p.lessons[lesson.id];
        p.lessons[lesson.id] = { startedAt: Date.now(), step: 0, done: false, timeSpentMs: prev?.timeSpentMs ?? 0, hintsUsed: 0 };
        p.current = lesson.id;
        c.progress.writeProgress(c.home, p);
      }
      const step = lesson.steps[Math.min(p.lessons[lesson.id].step, lesson.steps.length - 1)];
      const n = lesson.steps.indexOf(step) + 1;
      io.out(`\n${lesson.title} (${lesson.chapter})\n\nStep ${n}/${lesson.steps.length}: ${step.title}\n\n${step.text.trim()}\n\nWhen you are done, run: kubecadet check    (stuck? kubecadet hint)\n`);
    });
  program
    .command('check')
    .description('check the current lesson step against the cluster')
    .action(async () => {
      const current = await inProgress(io);
      if (!current) return;
      const { c, p, lesson } = current;
      const { openCluster } = await import('./cluster/engine.js');
      const engine = await openCluster(c.home, c.session.LESSON_CLUSTER);
      await engine.sync();
      const reader = c.reader.clientReader(engine.client());
      const lp = p.lessons[lesson.id];
      const step = lesson.steps[lp.step];
      const report = c.checker.checkStep(step, reader, lesson.namespace);
      io.out(`Step ${lp.step + 1}/${lesson.steps.length}: ${step.title}\n${c.checker.formatReport(report)}`);
      if (!report.done) {
        io.out("\nNot yet. 'kubecadet hint' gives a hint.\n");
        process.exitCode = 1;
        return;
      }
      lp.step++;
      if (lp.step >= lesson.steps.length) {
        lp.done = true;
        lp.completedAt = Date.now();
        const next = c.lessons[c.lessons.indexOf(lesson) + 1];
        io.out(`\nLesson complete: ${lesson.title}.${next ? ` Next: 'kubecadet lesson ${next.id}' (${next.title}).` : ' That was the last lesson.'}\n`);
      } else {
        const s = lesson.steps[lp.step];
        io.out(`\nDone. Step ${lp.step + 1}/${lesson.steps.length}: ${s.title}\n\n${s.text.trim()}\n`);
      }
      c.progress.writeProgress(c.home, p);
    });
  program
    .command('hint')
    .description('the next hint for the current lesson step')
    .action(async () => {
      const current = await inProgress(io);
      if (!current) return;
      const { c, p, lesson } = current;
      const lp = p.lessons[lesson.id];
      const step = lesson.steps[Math.min(lp.step, lesson.steps.length - 1)];
      const hints = step.hints ?? [];
      if (lp.hintsUsed < hints.length) {
        io.out(`Hint ${lp.hintsUsed + 1}/${hints.length}: ${hints[lp.hintsUsed]}\n`);
        lp.hintsUsed++;
      } else {
        const cmds = step.solution.map((s) => (typeof s === 'string' ? s : `${s.run}   (with the manifest below on stdin)\n${s.stdin}`));
        io.out(`No more hints. A solution:\n${cmds.map((x) => `  ${x}`).join('\n')}\n`);
      }
      c.progress.writeProgress(c.home, p);
    });
}
