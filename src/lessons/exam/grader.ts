import { evaluate, type MatchResult } from '../matchers/index.js';
import type { ClusterReader } from '../reader.js';
import type { DrawnTask, ExamCheck } from '../examSchema.js';

/** One check's verdict: its points, and for each expectation what was expected and what was found. */
export interface CheckGrade {
  says: string;
  points: number;
  earned: number;
  /** the checker's own messages: `says` is what was expected, `problem` what was found instead */
  results: MatchResult[];
}

export interface TaskGrade {
  id: string;
  earned: number;
  possible: number;
  checks: CheckGrade[];
}

/** A check earns its points when every one of its expectations holds: partial credit is per check. */
export function gradeCheck(check: ExamCheck, reader: ClusterReader, namespace: string): CheckGrade {
  const results = check.expect.map((e) => evaluate(e, { reader, namespace }));
  const ok = results.every((r) => r.ok);
  return { says: check.says, points: check.points, earned: ok ? check.points : 0, results };
}

/** Grades a task on the end state of its cluster, as the real exam does; it never sees the commands typed. */
export function gradeTask(task: DrawnTask, reader: ClusterReader): TaskGrade {
  const namespace = task.namespace ?? 'default';
  const checks = task.checks.map((c) => gradeCheck(c, reader, namespace));
  return {
    id: task.id,
    earned: checks.reduce((n, c) => n + c.earned, 0),
    possible: checks.reduce((n, c) => n + c.points, 0),
    checks,
  };
}

/** A grade as the report prints it: each check with its points, and what was found where it failed. */
export function formatTaskGrade(g: TaskGrade, indent = '  '): string {
  const lines: string[] = [];
  for (const c of g.checks) {
    lines.push(`${indent}[${c.earned ? 'x' : ' '}] ${c.earned}/${c.points}  ${c.says}`);
    if (!c.earned)
      for (const r of c.results) {
        lines.push(`${indent}      expected: ${r.says}`);
        lines.push(`${indent}      found:    ${r.ok ? 'as expected' : r.problem}`);
      }
  }
  return `${lines.join('\n')}\n`;
}
