import type { Command } from 'commander';
import { homeDir } from './cluster/home.js';
import { processIO } from './commands/util/io.js';

/** What every exam command needs, loaded on first use so plain kubectl commands never pay for it. */
async function exam() {
  const [attempt, session, report, loader, schema] = await Promise.all([
    import('./lessons/exam/attempt.js'),
    import('./lessons/exam/session.js'),
    import('./lessons/exam/report.js'),
    import('./lessons/exam/loader.js'),
    import('./lessons/examSchema.js'),
  ]);
  return { attempt, session, report, loader, schema, home: homeDir(), now: attempt.examNow() };
}

/** The course's lessons as coaching names them. */
async function lessonRefs() {
  const { loadLessons } = await import('./lessons/loader.js');
  try {
    return (await loadLessons()).map((l, i) => ({ number: i + 1, id: l.id, title: l.title }));
  } catch {
    return [];
  }
}

interface ExamOptions {
  track?: string;
  minutes?: string;
  tasks?: string;
  seed?: string;
  listTasks?: boolean;
}

const ACTIONS = ['status', 'task', 'flag', 'done', 'submit', 'abandon', 'history', 'report'];

/** A learner's mistake: one line on stderr, exit 1. */
class Mistake extends Error {}

/** `kubecadet exam ...`: a timed mock exam graded on the end state of the clusters. */
export function registerExamCommands(program: Command): void {
  const io = processIO();
  program
    .command('exam')
    .description(
      'a timed CKA or CKAD mock exam on simulated clusters; then: exam status | task N | flag N | done N | submit | abandon | history | report [ID]',
    )
    .argument('[action]', ACTIONS.join(' | '))
    .argument('[arg]', 'a task number (task, flag, done) or an exam id (report)')
    .option('--track <track>', 'cka or ckad (default: cka)')
    .option('--minutes <minutes>', 'time allowed', '120')
    .option('--tasks <n>', 'number of tasks (default: 15-20, as the real exam)')
    .option('--seed <seed>', 'the seed that draws the tasks and their variants: the same seed repeats an attempt')
    .option('--list-tasks', 'one line per task in the bank: id, track, domain, weight, title')
    .action(async (action: string | undefined, arg: string | undefined, opts: ExamOptions) => {
      try {
        await run(action, arg, opts);
      } catch (e) {
        const [{ ExamError }, { ExamFormatError }] = await Promise.all([import('./lessons/exam/session.js'), import('./lessons/exam/loader.js')]);
        if (!(e instanceof Mistake || e instanceof ExamError || e instanceof ExamFormatError)) throw e;
        io.err(`${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });

  async function run(action: string | undefined, arg: string | undefined, opts: ExamOptions): Promise<void> {
    const x = await exam();
    const { attempt: at, report } = x;
    if (opts.listTasks) {
      const track = opts.track ? trackOf(opts.track, x.schema.TRACKS) : undefined;
      const tasks = await x.loader.loadExamTasks(track);
      const { TabWriter } = await import('./commands/printers/tabwriter.js');
      io.out(new TabWriter().format([['ID', 'TRACK', 'DOMAIN', 'WEIGHT', 'TITLE'], ...tasks.map((t) => [t.id, t.track, t.domain, String(t.weight), t.title])]));
      return;
    }
    if (action !== undefined && !ACTIONS.includes(action)) throw new Mistake(`error: unknown exam action "${action}" (one of: ${ACTIONS.join(', ')})`);
    if (action === 'history') {
      const all = at.readHistory(x.home);
      if (!all.length) io.out("No exams yet. Start one with 'kubecadet exam --track cka' (or ckad).\n");
      else io.out(report.formatHistory(all));
      return;
    }
    if (action === 'report') {
      const all = at.readHistory(x.home);
      const a = arg ? all.find((h) => h.id === arg) : all[all.length - 1];
      if (!a) throw new Mistake(arg ? `error: no exam "${arg}" in the history (see 'kubecadet exam history')` : 'error: no finished exam yet');
      io.out(report.formatExamReport(a, await lessonRefs()));
      return;
    }
    if (action === undefined) {
      const track = trackOf(opts.track ?? 'cka', x.schema.TRACKS);
      const minutes = Number(opts.minutes ?? 120);
      const tasks = opts.tasks === undefined ? undefined : Number(opts.tasks);
      if (opts.seed !== undefined && !/^\d+$/.test(opts.seed)) throw new Mistake('error: --seed must be a whole number');
      const seed = opts.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(opts.seed);
      const a = await x.session.startExam(x.home, { track, minutes, tasks, seed }, x.now, (l) => io.out(l));
      const contexts = x.session.contextsOf(a.tasks.map((t) => t.task));
      io.out(
        `\nExam ${a.id} started: ${a.tasks.length} tasks, ${at.formatDuration(a.minutes * 60_000)}. ` +
          `The same tasks again: kubecadet exam --track ${track} --seed ${seed}${opts.tasks ? ` --tasks ${opts.tasks}` : ''}\n` +
          `Clusters: ${contexts.join(', ')} (switch with: kubectl config use-context NAME). No hints until you submit.\n\n` +
          `${report.formatStatus(a, x.now)}\n${report.formatTask(a, 0, x.now)}\n` +
          `Next: kubecadet exam task N (read task N) | done N | flag N | status | submit. Work in 'kubecadet shell' or any terminal.\n`,
      );
      return;
    }
    const a = at.readCurrent(x.home);
    if (!a) throw new Mistake("No exam is running. Start one with 'kubecadet exam --track cka' (or ckad); past exams: 'kubecadet exam history'.");
    const index = (): number => {
      const n = Number(arg ?? a.current + 1);
      if (!Number.isInteger(n) || n < 1 || n > a.tasks.length) throw new Mistake(`error: no task ${arg} (the exam has tasks 1-${a.tasks.length})`);
      return n - 1;
    };
    if (action === 'status') io.out(report.formatStatus(a, x.now));
    else if (action === 'task') {
      const i = index();
      at.switchTask(a, i, x.now);
      at.writeCurrent(x.home, a);
      io.out(report.formatTask(a, i, x.now));
    } else if (action === 'flag' || action === 'done') {
      const i = index();
      const t = a.tasks[i];
      if (action === 'flag') t.flagged = !t.flagged;
      else t.done = !t.done;
      at.writeCurrent(x.home, a);
      io.out(`Task ${i + 1} ${action === 'flag' ? (t.flagged ? 'flagged' : 'unflagged') : t.done ? 'marked done' : 'no longer marked done'}.\n`);
    } else if (action === 'submit' || action === 'abandon') {
      const ended = await x.session.endExam(x.home, action === 'submit' ? 'submitted' : 'abandoned', x.now);
      if (!ended) throw new Mistake('No exam is running.');
      io.out(report.formatExamReport(ended, await lessonRefs()));
    }
  }
}

function trackOf(v: string, tracks: string[]): 'cka' | 'ckad' {
  if (!tracks.includes(v)) throw new Mistake(`error: unknown track "${v}" (cka or ckad)`);
  return v as 'cka' | 'ckad';
}

/** Time running out submits: cli.ts calls this before any command while an exam runs; a line on stderr says so. */
export async function submitIfTimeIsUp(home: string): Promise<void> {
  const { examNow } = await import('./lessons/exam/attempt.js');
  const [{ expireIfDue }, { scoreOf }] = await Promise.all([import('./lessons/exam/session.js'), import('./lessons/exam/report.js')]);
  const a = await expireIfDue(home, examNow());
  if (a) process.stderr.write(`kubecadet: time is up: exam ${a.id} was submitted, score ${scoreOf(a).percent}%. Read the report: kubecadet exam report\n`);
}
