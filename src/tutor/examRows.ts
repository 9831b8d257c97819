import { formatClock, formatDuration, remainingMs, type Attempt } from '../lessons/exam/attempt.js';
import { PASS_MARK } from '../lessons/examSchema.js';
import { scoreOf } from '../lessons/exam/report.js';
import type { Cell } from './homeRows.js';
import { fit, wrapWords } from './text.js';
import { TRACK_CHOICES, type ExamView } from './useExam.js';

/** The clock's warnings, as the real exam's proctor gives them. */
export const WARNINGS = [
  { ms: 5 * 60_000, text: 'Less than 5 minutes left: save what you have.', color: 'red' },
  { ms: 15 * 60_000, text: 'Less than 15 minutes left.', color: 'yellow' },
];

/** Wraps a statement line by line, keeping its blank lines and indentation. */
function wrapStatement(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.trimEnd().split('\n')) {
    const indent = /^\s*/.exec(line)![0];
    if (!line.trim()) out.push('');
    else out.push(...wrapWords(line, width - indent.length).map((l) => indent + l));
  }
  return out;
}

function header(left: string, right: string, width: number, color?: string): Cell[] {
  const r = fit(right, Math.max(0, width - 2));
  const l = fit(left, Math.max(0, width - r.length - 2));
  return [{ text: ` ${l}${' '.repeat(Math.max(1, width - l.length - r.length - 2))}`, inverse: true, bold: true }, { text: `${r} `, inverse: true, bold: true, color }];
}

/**
 * The exam screen as rows of styled text: the clock always on the first row, the task list with weights,
 * flags and done marks beside the open task's statement. No hints: the statement is all there is.
 */
export function examRows(v: ExamView, width: number, height: number): Cell[][] {
  const rows: Cell[][] = [];
  const footer = (keys: string) => {
    while (rows.length < height - 1) rows.push([]);
    rows.length = height - 1;
    rows.push([{ text: fit(keys, width), dim: true }]);
    return rows;
  };
  const a = v.attempt;
  if (v.report) {
    rows.push(header('Exam report', '', width));
    const page = height - 2;
    const start = Math.max(0, Math.min(v.scroll, v.report.length - page));
    for (const l of v.report.slice(start, start + page)) rows.push([{ text: fit(l, width), bold: /^(Exam|Score|Task \d|Coaching)/.test(l), color: /^ {2}\[ \]/.test(l) ? 'red' : /^ {2}\[x\]/.test(l) ? 'green' : undefined }]);
    return footer('↑/↓ PgUp/PgDn scroll · Esc home');
  }
  if (!a) {
    rows.push(header('Exam practice', '', width));
    rows.push([]);
    for (const l of wrapWords('Timed mock exams graded on the end state of the clusters, with partial credit, as the real ones are. 120 minutes, 15-20 tasks drawn by the curriculum\'s weights; several clusters as contexts. No hints until you submit.', width - 2)) rows.push([{ text: ` ${l}`, dim: true }]);
    rows.push([]);
    TRACK_CHOICES.forEach((track, i) => {
      const on = i === v.choice;
      rows.push([{ text: fit(`${on ? '▸' : ' '} Start a ${track.toUpperCase()} mock exam`, width), inverse: on }]);
    });
    rows.push([]);
    if (v.busy) rows.push([{ text: fit(v.busy, width), color: 'yellow' }]);
    if (v.error) for (const l of wrapWords(v.error, width)) rows.push([{ text: l, color: 'red' }]);
    if (v.history.length) {
      rows.push([{ text: 'Past exams', bold: true }]);
      for (const h of v.history.slice(-Math.max(1, height - rows.length - 2)).reverse()) {
        const s = h.status === 'abandoned' ? 'abandoned' : `${scoreOf(h).percent}% ${scoreOf(h).passed ? 'passed' : `not passed (pass mark ${PASS_MARK}%)`}`;
        rows.push([{ text: fit(`  ${h.id}  ${s}`, width), dim: true }]);
      }
    }
    return footer('↑/↓ choose · Enter start · Esc home · Ctrl-C quit');
  }
  const left = remainingMs(a, v.now);
  const warning = WARNINGS.find((w) => left <= w.ms);
  rows.push(header(`Exam ${a.track.toUpperCase()} · task ${a.current + 1}/${a.tasks.length}`, `${formatClock(left)} left`, width, warning?.color));
  if (warning) rows.push([{ text: fit(warning.text, width), color: warning.color, bold: true }]);
  const side = Math.min(34, Math.max(22, Math.floor(width * 0.36)));
  const main = width - side - 1;
  const body = height - rows.length - 2;
  const list: Cell[][] = a.tasks.map((t, i) => {
    const on = i === a.current;
    const marks = `${t.done ? '✓' : ' '}${t.flagged ? '⚑' : ' '}`;
    const head = `${on ? '▸' : ' '}${String(i + 1).padStart(2)} ${marks} ${String(t.task.weight).padStart(2)}pt `;
    return [
      { text: head, inverse: on, color: t.done ? 'green' : undefined },
      { text: fit(t.task.title, side - head.length).padEnd(side - head.length), inverse: on, dim: !on && t.done },
    ];
  });
  const first = Math.max(0, Math.min(a.current - Math.floor(body / 2), a.tasks.length - body));
  const shown = list.slice(first, first + body);
  const t = a.tasks[a.current];
  const text: Cell[][] = [
    [{ text: fit(`Task ${a.current + 1}: ${t.task.title}`, main), bold: true }],
    [{ text: fit(`weight ${t.task.weight} points · context ${t.task.context}${t.flagged ? ' · flagged' : ''}${t.done ? ' · done' : ''}`, main), dim: true }],
    [],
    ...wrapStatement(t.task.statement, main).map((l): Cell[] => [{ text: l }]),
  ];
  for (let i = 0; i < body; i++) rows.push([...(shown[i] ?? [{ text: ' '.repeat(side) }]), { text: ' ' }, ...(text[i] ?? [])]);
  rows.push([{ text: fit(v.confirm ? `Submit the exam now (${formatDuration(left)} left)? y/n` : v.busy || `Work in your own terminal: kubecadet shell · ${a.tasks.filter((x) => x.done).length}/${a.tasks.length} done`, width), color: v.confirm || v.busy ? 'yellow' : undefined, dim: !v.confirm && !v.busy }]);
  return footer('↑/↓ task · f flag · d done · s submit · Esc home (the clock runs on)');
}
