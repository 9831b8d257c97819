import type { Lesson, Step } from './schema.js';
import type { ClusterReader } from './reader.js';
import { evaluate, type MatchResult } from './matchers/index.js';

export interface StepReport {
  done: boolean;
  results: MatchResult[];
}

/** Evaluates a step's expectations against the cluster; never looks at the commands that were typed. */
export function checkStep(step: Step, reader: ClusterReader, namespace = 'default'): StepReport {
  const results = step.expect.map((e) => evaluate(e, { reader, namespace }));
  return { done: results.every((r) => r.ok), results };
}

/** The first step not yet done, from `from` on (steps stay done once the learner moved past them). */
export function firstOpenStep(lesson: Lesson, reader: ClusterReader, from = 0): number {
  for (let i = from; i < lesson.steps.length; i++) if (!checkStep(lesson.steps[i], reader, lesson.namespace).done) return i;
  return lesson.steps.length;
}

/** What `check` prints: each expectation ticked or crossed, with what is off in the learner's terms. */
export function formatReport(report: StepReport): string {
  const lines = report.results.map((r) => (r.ok ? `  [x] ${r.says}` : `  [ ] ${r.says}\n      ${r.problem}`));
  return `${lines.join('\n')}\n`;
}
