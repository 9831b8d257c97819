import { useCallback, useReducer, useRef, type Dispatch, type RefObject } from 'react';
import type { Lesson } from '../lessons/schema.js';
import type { Progress } from '../lessons/progress.js';
import { initialState, reducer, type Action, type TutorState } from './state.js';

/**
 * The tutor's state: one reducer, so every change is an action a test can replay. `latest` is the state
 * after every action dispatched so far, rendered or not: keys arriving faster than frames (a paste, a
 * fast typist) must act on what the previous key did, not on the last frame.
 */
export function useTutor(lessons: Lesson[], progress: Progress, clusterName: string): [TutorState, Dispatch<Action>, RefObject<TutorState>] {
  const [state, dispatchReact] = useReducer(reducer, undefined, () => initialState(lessons, progress, clusterName));
  const latest = useRef(state);
  const dispatch = useCallback((a: Action) => {
    latest.current = reducer(latest.current, a);
    dispatchReact(a);
  }, []);
  return [state, dispatch, latest];
}
