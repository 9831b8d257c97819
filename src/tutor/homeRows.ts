import type { Lesson } from '../lessons/schema.js';
import { statusOf, type Progress } from '../lessons/progress.js';
import { fit, wrapWords } from './text.js';

/** A styled run of a home-screen row. */
export interface Cell {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export interface HomeProps {
  lessons: Lesson[];
  progress: Progress;
  selected: number;
  clusterName: string;
  width: number;
  height: number;
  /** the Exam practice entry's status: a running exam's time left, else undefined */
  exam?: string;
}

type Entry = { chapter: string } | { lesson: Lesson; index: number } | { exam: true; index: number };

const EXAM_SUMMARY = 'Timed CKA and CKAD mock exams on several clusters, graded on their end state with partial credit.';

/**
 * The home screen as rows of styled text: the course by chapter with each lesson's status, the highlighted
 * lesson's summary, the keys. A pure layout, so the screen can be painted before Ink has loaded (the first
 * frame) and then by Ink, identically.
 */
export function homeRows({ lessons, progress, selected, clusterName, width, height, exam }: HomeProps): Cell[][] {
  const entries: Entry[] = [];
  lessons.forEach((lesson, index) => {
    if (index === 0 || lessons[index - 1].chapter !== lesson.chapter) entries.push({ chapter: lesson.chapter });
    entries.push({ lesson, index });
  });
  entries.push({ chapter: 'Exam practice' }, { exam: true, index: lessons.length });
  const summary = wrapWords(lessons[selected]?.summary ?? (selected === lessons.length ? EXAM_SUMMARY : ''), width - 2).slice(0, 3);
  const listRows = Math.max(3, height - 5 - summary.length);
  const at = entries.findIndex((r) => 'index' in r && r.index === selected);
  // keep the highlighted lesson in view
  const start = Math.max(0, Math.min(at - Math.floor(listRows / 2), entries.length - listRows));
  const titleWidth = Math.max(10, width - 22);
  const cluster = fit(`cluster: ${clusterName}`, Math.max(0, width - 12));
  const rows: Cell[][] = [[{ text: 'kubecadet', bold: true, color: 'cyan' }, { text: ' '.repeat(Math.max(1, width - 9 - cluster.length)) }, { text: cluster, dim: true }], []];
  for (const e of entries.slice(start, start + listRows)) {
    if ('chapter' in e) {
      rows.push([{ text: fit(e.chapter, width), bold: true }]);
      continue;
    }
    if ('exam' in e) {
      const on = e.index === selected;
      rows.push([
        { text: `${on ? '▸' : ' '} `, inverse: on },
        { text: exam ? '●' : '◆', inverse: on, color: exam ? 'yellow' : 'cyan' },
        { text: `     ${fit('CKA and CKAD mock exams', titleWidth).padEnd(titleWidth)} `, inverse: on },
        { text: exam ?? 'timed', inverse: on, dim: !on },
      ]);
      continue;
    }
    const status = statusOf(progress, e.lesson.id, e.lesson.steps.length);
    const mark = status === 'done' ? '✓' : status === 'not started' ? '○' : '●';
    const on = e.index === selected;
    rows.push([
      { text: `${on ? '▸' : ' '} `, inverse: on },
      { text: mark, inverse: on, color: status === 'done' ? 'green' : status === 'not started' ? undefined : 'yellow' },
      { text: ` ${String(e.index + 1).padStart(2)}  ${fit(e.lesson.title, titleWidth).padEnd(titleWidth)} `, inverse: on },
      { text: status, inverse: on, dim: !on },
    ]);
  }
  rows.push([]);
  for (const l of summary) rows.push([{ text: l, dim: true }]);
  while (rows.length < height - 1) rows.push([]);
  rows.push([{ text: fit('↑/↓ or j/k choose · Enter open · q quit', width), dim: true }]);
  return rows;
}
