import type { Lesson } from '../lessons/schema.js';
import type { Progress } from '../lessons/progress.js';
import type { MatchResult } from '../lessons/matchers/index.js';
import type { ClusterView } from './clusterView.js';

/** One line of the control-loop stream: which component reacted, and how. */
export interface Narration {
  who: string;
  what: string;
}

/** A line of the output pane; `tone` colours it (the echoed command, an error, a message from the tutor). */
export interface OutputLine {
  text: string;
  tone?: 'command' | 'error' | 'tutor' | 'success';
}

export interface TutorState {
  screen: 'home' | 'lesson' | 'exam';
  lessons: Lesson[];
  progress: Progress;
  /** the lesson highlighted on the home screen; one past the last lesson is the Exam practice entry */
  selected: number;
  clusterName: string;
  /** the lesson open on the lesson screen */
  open?: number;
  /** the step shown */
  step: number;
  /** the shown step's expectations, as last checked */
  results: MatchResult[];
  stepDone: boolean;
  /** the cluster is being prepared or a command runs: the prompt waits */
  busy: string;
  input: string;
  history: string[];
  /** position in history while browsing with up/down; history.length = the line being typed */
  historyAt: number;
  /** what the line was before browsing history */
  draft: string;
  output: OutputLine[];
  /** lines scrolled back from the end of the output */
  scroll: number;
  cluster: ClusterView;
  stream: Narration[];
  /** the API server's latest requests, one line each */
  requests: Narration[];
  /** what the stream beside the cluster shows (Ctrl-T switches) */
  streamOf: 'loops' | 'requests';
}

export type Action =
  | { type: 'select'; delta: number }
  | { type: 'open'; lesson: number; step: number }
  | { type: 'exam' }
  | { type: 'home'; progress: Progress; clusterName: string }
  | { type: 'progress'; progress: Progress }
  | { type: 'busy'; what: string }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clearInput' }
  | { type: 'setInput'; text: string }
  | { type: 'history'; delta: number }
  | { type: 'submit'; line: string }
  | { type: 'print'; lines: OutputLine[] }
  | { type: 'clearOutput' }
  | { type: 'scroll'; delta: number; page: number; rows: number }
  | { type: 'cluster'; view: ClusterView }
  | { type: 'narrate'; items: Narration[] }
  | { type: 'requests'; items: Narration[] }
  | { type: 'toggleStream' }
  | { type: 'results'; results: MatchResult[]; done: boolean }
  | { type: 'step'; step: number };

/** How much output and narration the tutor keeps. */
export const OUTPUT_LIMIT = 2000;
export const STREAM_LIMIT = 200;

export function initialState(lessons: Lesson[], progress: Progress, clusterName = 'lesson'): TutorState {
  const current = lessons.findIndex((l) => l.id === progress.current);
  // continue where the learner was, else the first lesson not done
  const firstOpen = lessons.findIndex((l) => !progress.lessons[l.id]?.done);
  return {
    screen: 'home',
    lessons,
    progress,
    selected: current >= 0 && !progress.lessons[lessons[current].id]?.done ? current : Math.max(0, firstOpen),
    clusterName,
    step: 0,
    results: [],
    stepDone: false,
    busy: '',
    input: '',
    history: [],
    historyAt: 0,
    draft: '',
    output: [],
    scroll: 0,
    cluster: { nodes: [], pending: [], systemPods: 0 },
    stream: [],
    requests: [],
    streamOf: 'loops',
  };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Splits text into output lines, without the empty line a trailing newline would leave. */
export function toLines(text: string, tone?: OutputLine['tone']): OutputLine[] {
  const parts = text.replace(/\n$/, '').split('\n');
  return text === '' ? [] : parts.map((t) => ({ text: t, tone }));
}

export function reducer(s: TutorState, a: Action): TutorState {
  switch (a.type) {
    case 'select':
      return { ...s, selected: clamp(s.selected + a.delta, 0, s.lessons.length) };
    case 'exam':
      return { ...s, screen: 'exam', open: undefined, selected: s.lessons.length };
    case 'open':
      return { ...s, screen: 'lesson', open: a.lesson, selected: a.lesson, step: a.step, results: [], stepDone: false, output: [], scroll: 0, stream: [], requests: [], cluster: { nodes: [], pending: [], systemPods: 0 }, input: '' };
    case 'home':
      return { ...s, screen: 'home', open: undefined, progress: a.progress, clusterName: a.clusterName, busy: '', input: '' };
    case 'progress':
      return { ...s, progress: a.progress };
    case 'busy':
      return { ...s, busy: a.what };
    case 'type':
      return { ...s, input: s.input + a.text, historyAt: s.history.length };
    case 'backspace':
      return { ...s, input: [...s.input].slice(0, -1).join('') };
    case 'clearInput':
      return { ...s, input: '', historyAt: s.history.length };
    case 'setInput':
      return { ...s, input: a.text };
    case 'history': {
      if (!s.history.length) return s;
      const at = clamp(s.historyAt + a.delta, 0, s.history.length);
      if (at === s.historyAt) return s;
      const draft = s.historyAt === s.history.length ? s.input : s.draft;
      return { ...s, historyAt: at, draft, input: at === s.history.length ? draft : s.history[at] };
    }
    case 'submit': {
      const line = a.line.trim();
      const history = line && s.history[s.history.length - 1] !== line ? [...s.history, line] : s.history;
      const output = [...s.output, { text: `$ ${line}`, tone: 'command' as const }].slice(-OUTPUT_LIMIT);
      return { ...s, input: '', draft: '', history, historyAt: history.length, output, scroll: 0 };
    }
    case 'print':
      return { ...s, output: [...s.output, ...a.lines].slice(-OUTPUT_LIMIT), scroll: 0 };
    case 'clearOutput':
      return { ...s, output: [], scroll: 0 };
    case 'scroll':
      return { ...s, scroll: clamp(s.scroll + a.delta, 0, Math.max(0, a.rows - a.page)) };
    case 'cluster':
      return { ...s, cluster: a.view };
    case 'narrate':
      return a.items.length ? { ...s, stream: [...s.stream, ...a.items].slice(-STREAM_LIMIT) } : s;
    case 'requests':
      return a.items.length ? { ...s, requests: [...s.requests, ...a.items].slice(-STREAM_LIMIT) } : s;
    case 'toggleStream':
      return { ...s, streamOf: s.streamOf === 'loops' ? 'requests' : 'loops' };
    case 'results':
      return { ...s, results: a.results, stepDone: a.done };
    case 'step':
      return { ...s, step: a.step, results: [], stepDone: false };
  }
}
