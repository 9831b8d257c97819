import { useInput, useApp } from 'ink';
import type { Dispatch, RefObject } from 'react';
import type { Action, TutorState } from './state.js';

export interface KeyActions {
  open(lesson: number): void;
  submit(line: string): void;
  complete(line: string): void;
  leave(): void;
  /** opens the exam screen (the entry after the last lesson) */
  exam(): void;
  /** stops the command running at the prompt (Ctrl-C while it runs) */
  interrupt(): void;
}

/**
 * The keyboard: on the home screen arrows or j/k move, Enter opens, q leaves; on the lesson screen keys
 * edit the prompt (up/down browse history, Tab completes, PgUp/PgDn scroll the output, Ctrl-T switches the
 * stream between control loops and API requests, Esc goes home).
 * Ctrl-C stops a command still running at the prompt (a watch, a wait, a command in a container), as at a
 * terminal; otherwise it leaves from anywhere (Ink unmounts and restores the terminal).
 */
export function useTutorKeys(latest: RefObject<TutorState>, dispatch: Dispatch<Action>, actions: KeyActions, pane: { page: number; rows: number }): void {
  const { exit } = useApp();
  useInput((input, key) => {
    const s = latest.current;
    if (key.ctrl && input === 'c') return s.screen === 'lesson' && s.busy ? actions.interrupt() : exit();
    // the exam screen reads its own keys
    if (s.screen === 'exam') return;
    const open = (i: number) => (i === latest.current.lessons.length ? actions.exam() : actions.open(i));
    if (s.screen === 'home') {
      if (key.upArrow) return dispatch({ type: 'select', delta: -1 });
      if (key.downArrow) return dispatch({ type: 'select', delta: 1 });
      if (key.return) return open(s.selected);
      // keys typed while the app was loading arrive together: each still counts
      for (const c of input) {
        if (latest.current.screen !== 'home') return;
        if (c === 'k') dispatch({ type: 'select', delta: -1 });
        else if (c === 'j') dispatch({ type: 'select', delta: 1 });
        else if (c === '\r') open(latest.current.selected);
        else if (c === 'q') return exit();
      }
      return;
    }
    if (key.escape) return actions.leave();
    if (key.pageUp) return dispatch({ type: 'scroll', delta: pane.page - 1, ...pane });
    if (key.pageDown) return dispatch({ type: 'scroll', delta: -(pane.page - 1), ...pane });
    if (key.return) return s.busy ? undefined : actions.submit(s.input);
    if (key.upArrow) return dispatch({ type: 'history', delta: -1 });
    if (key.downArrow) return dispatch({ type: 'history', delta: 1 });
    if (key.tab) return actions.complete(s.input);
    if (key.backspace || key.delete) return dispatch({ type: 'backspace' });
    if (key.ctrl && input === 'u') return dispatch({ type: 'clearInput' });
    if (key.ctrl && input === 'l') return dispatch({ type: 'clearOutput' });
    if (key.ctrl && input === 't') return dispatch({ type: 'toggleStream' });
    if (key.ctrl || key.meta || key.leftArrow || key.rightArrow) return;
    // keys sent faster than the terminal is read arrive as one chunk: Tab and Enter inside it still act
    for (const part of input.split(/([\t\r\n])/)) {
      if (part === '\t') actions.complete(latest.current.input);
      else if (part === '\r' || part === '\n') {
        if (!latest.current.busy) actions.submit(latest.current.input);
      } else {
        const text = part.replace(/[\x00-\x1f\x7f]/g, '');
        if (text) dispatch({ type: 'type', text });
      }
    }
  });
}
