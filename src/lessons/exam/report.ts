import { TabWriter } from '../../commands/printers/tabwriter.js';
import { DOMAIN_TITLES, PASS_MARK } from '../examSchema.js';
import type { SolutionCommand } from '../schema.js';
import { formatClock, formatDuration, remainingMs, type Attempt } from './attempt.js';
import { formatTaskGrade } from './grader.js';

/** A lesson as coaching names it. */
export interface LessonRef {
  number: number;
  id: string;
  title: string;
}

export interface Score {
  points: number;
  possible: number;
  percent: number;
  passed: boolean;
}

/** A task scores its weight times the share of its checks' points earned (partial credit). */
export function taskScore(a: Attempt, i: number): number {
  const g = a.grades?.[i];
  const w = a.tasks[i].task.weight;
  return g && g.possible ? (w * g.earned) / g.possible : 0;
}

export function scoreOf(a: Attempt): Score {
  const possible = a.tasks.reduce((n, t) => n + t.task.weight, 0);
  const points = a.tasks.reduce((n, _t, i) => n + taskScore(a, i), 0);
  const percent = possible ? Math.floor((100 * points) / possible) : 0;
  return { points, possible, percent, passed: percent >= PASS_MARK };
}

/** Each domain's share of its points earned, weakest first. */
export function domainScores(a: Attempt): { domain: string; points: number; possible: number; percent: number }[] {
  const by = new Map<string, { points: number; possible: number }>();
  a.tasks.forEach((t, i) => {
    const d = by.get(t.task.domain) ?? { points: 0, possible: 0 };
    d.points += taskScore(a, i);
    d.possible += t.task.weight;
    by.set(t.task.domain, d);
  });
  return [...by.entries()]
    .map(([domain, d]) => ({ domain, ...d, percent: Math.floor((100 * d.points) / d.possible) }))
    .sort((x, y) => x.percent - y.percent || x.domain.localeCompare(y.domain));
}

/** Domains under the pass mark, weakest first. */
export function weakDomains(a: Attempt): string[] {
  return domainScores(a)
    .filter((d) => d.percent < PASS_MARK)
    .map((d) => d.domain);
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function commandText(c: SolutionCommand, indent: string): string {
  if (typeof c === 'string') return `${indent}${c}`;
  const body = c.stdin.replace(/\n$/, '').split('\n').map((l) => `${indent}${l}`).join('\n');
  return `${indent}${c.run} <<'EOF'\n${body}\n${indent}EOF`;
}

const ENDED: Record<string, string> = { submitted: 'submitted', expired: 'time ran out', abandoned: 'abandoned', running: 'running' };

/** The report after an exam: score and pass mark, each task's checks with expected and found, coaching. */
export function formatExamReport(a: Attempt, lessons: LessonRef[]): string {
  const out: string[] = [];
  const used = (a.endedAt ?? a.endsAt) - a.startedAt;
  out.push(`Exam ${a.id} (${a.track.toUpperCase()}, seed ${a.seed}): ${ENDED[a.status]}`);
  if (a.status === 'abandoned') {
    out.push(`Abandoned after ${formatDuration(used)} of ${formatDuration(a.minutes * 60_000)}; not graded.`);
    return `${out.join('\n')}\n`;
  }
  const s = scoreOf(a);
  out.push(`Score: ${s.percent}% (${num(s.points)} of ${s.possible} points). Pass mark ${PASS_MARK}%: ${s.passed ? 'PASSED' : 'NOT PASSED'}`);
  out.push(`Time used: ${formatDuration(used)} of ${formatDuration(a.minutes * 60_000)}`);
  a.tasks.forEach((t, i) => {
    const g = a.grades![i];
    out.push('');
    out.push(`Task ${i + 1}: ${t.task.title}  [${t.task.id}, ${t.task.domain}, context ${t.task.context}]`);
    out.push(`  ${num(taskScore(a, i))} of ${t.task.weight} points (checks ${g.earned}/${g.possible}), time spent ${formatDuration(t.timeSpentMs)}`);
    out.push(formatTaskGrade(g).replace(/\n$/, ''));
    out.push('  Reference solution:');
    for (const c of t.task.solution) out.push(commandText(c, '    '));
  });
  out.push('');
  out.push('Coaching');
  const perPoint = s.possible ? (a.minutes * 60_000) / s.possible : 0;
  out.push(`  Time: ${a.minutes} minutes for ${s.possible} points is ${formatDuration(perPoint)} per point.`);
  const slow = a.tasks.map((t, i) => ({ t, i, budget: t.task.weight * perPoint })).filter((x) => x.t.timeSpentMs > x.budget);
  if (slow.length)
    for (const x of slow)
      out.push(`    Task ${x.i + 1} took ${formatDuration(x.t.timeSpentMs)} for ${x.t.task.weight} points; at that pace it was worth ${formatDuration(x.budget)}.`);
  else out.push('    No task took longer than its points were worth.');
  const faster = a.tasks.map((t, i) => ({ t, i })).filter((x) => x.t.task.faster);
  if (faster.length) {
    out.push('  Faster imperative forms:');
    for (const x of faster) out.push(`    Task ${x.i + 1}: ${x.t.task.faster}`);
  }
  const weak = domainScores(a).filter((d) => d.percent < 100);
  if (weak.length) {
    out.push('  Practise next (weakest domains first):');
    for (const d of weak) {
      const ids = [...new Set(a.tasks.flatMap((t, i) => (t.task.domain === d.domain && taskScore(a, i) < t.task.weight ? (t.task.lessons ?? []) : [])))];
      const named = ids.map((id) => lessons.find((l) => l.id === id)).filter((l): l is LessonRef => !!l);
      const teach = named.length ? `; lessons: ${named.map((l) => `${l.number} ${l.title} (kubecadet lesson ${l.id})`).join(', ')}` : '';
      out.push(`    ${DOMAIN_TITLES[d.domain] ?? d.domain}: ${d.percent}% (${num(d.points)} of ${d.possible} points)${teach}`);
    }
  } else out.push('  Every domain scored full points.');
  return `${out.join('\n')}\n`;
}

/** `kubecadet exam status`: the clock and the task list with weights, flags and done marks. */
export function formatStatus(a: Attempt, now: number): string {
  const rows = a.tasks.map((t, i) => [
    `${i === a.current ? '>' : ' '}${i + 1}`,
    t.done ? 'done' : '',
    t.flagged ? 'flagged' : '',
    String(t.task.weight),
    t.task.context!,
    t.task.title,
  ]);
  const left = remainingMs(a, now);
  return (
    `Exam ${a.id} (${a.track.toUpperCase()}): ${formatClock(left)} left of ${formatDuration(a.minutes * 60_000)}, ${a.tasks.filter((t) => t.done).length}/${a.tasks.length} tasks marked done\n` +
    new TabWriter(1, 2).format([['#', 'DONE', 'FLAG', 'WEIGHT', 'CONTEXT', 'TASK'], ...rows])
  );
}

/** One task as the candidate reads it: number, weight, context, statement. */
export function formatTask(a: Attempt, i: number, now: number): string {
  const t = a.tasks[i];
  const marks = [t.done ? 'done' : '', t.flagged ? 'flagged' : ''].filter(Boolean).join(', ');
  return (
    `Task ${i + 1} of ${a.tasks.length}: ${t.task.title} (weight ${t.task.weight}${marks ? `; ${marks}` : ''})\n\n` +
    `${t.task.statement.trim()}\n\n` +
    `${formatClock(remainingMs(a, now))} left.\n`
  );
}

/** `kubecadet exam history`: one line per finished attempt. */
export function formatHistory(attempts: Attempt[]): string {
  const rows = [['EXAM', 'TRACK', 'TASKS', 'RESULT', 'SCORE', 'WEAK DOMAINS']];
  for (const a of attempts) {
    const s = a.status === 'abandoned' ? undefined : scoreOf(a);
    rows.push([
      a.id,
      a.track,
      String(a.tasks.length),
      !s ? 'abandoned' : s.passed ? 'passed' : 'not passed',
      s ? `${s.percent}%` : '-',
      s ? weakDomains(a).join(', ') || '-' : '-',
    ]);
  }
  return new TabWriter().format(rows);
}
