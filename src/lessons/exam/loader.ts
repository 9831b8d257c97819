import fs from 'node:fs';
import { contentDir, EXPECTATION_KEYS } from '../loader.js';
import { DEFAULT_CONTEXT, DOMAINS, TRACKS, type DrawnTask, type ExamTask, type Track } from '../examSchema.js';
import { drawValues, fill, placeholders } from './template.js';

/** content/exam/<track>/*.yaml, under KUBECADET_CONTENT_DIR when it is set (as lessons are). */
export function examDir(track: Track, dir = contentDir): string {
  return `${dir}exam/${track}/`;
}

export class ExamFormatError extends Error {}

function need(cond: unknown, file: string, what: string): asserts cond {
  if (!cond) throw new ExamFormatError(`${file}: ${what}`);
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Checks a parsed task against the format, with messages that name the file and the check. */
export function validateTask(task: ExamTask, file: string, track: Track): ExamTask {
  need(task && typeof task === 'object', file, 'not an exam task');
  for (const k of ['id', 'track', 'domain', 'title', 'statement'] as const) need(typeof task[k] === 'string' && task[k], file, `${k} is required`);
  need(ID.test(task.id) && task.id.startsWith(`${track}-`), file, `id must be kebab-case and start with "${track}-"`);
  need(task.track === track, file, `track is ${task.track}, but the file is in the ${track} folder`);
  need(task.domain in DOMAINS[track], file, `domain ${task.domain} is not one of ${Object.keys(DOMAINS[track]).join(', ')}`);
  need(Number.isInteger(task.weight) && task.weight > 0, file, 'weight must be a positive integer');
  for (const [name, spec] of Object.entries(task.params ?? {})) {
    const ok = Array.isArray(spec)
      ? spec.length > 0
      : !!spec && Array.isArray(spec.int) && spec.int.length === 2 && spec.int.every(Number.isInteger) && spec.int[0] <= spec.int[1];
    need(ok, file, `param ${name}: a non-empty list, or {int: [min, max]}`);
  }
  need(Array.isArray(task.checks) && task.checks.length > 0, file, 'checks are required');
  task.checks.forEach((c, i) => {
    const at = `check ${i + 1}`;
    need(Number.isInteger(c.points) && c.points > 0, file, `${at}: points must be a positive integer`);
    need(typeof c.says === 'string' && c.says, file, `${at}: says is required`);
    need(Array.isArray(c.expect) && c.expect.length > 0, file, `${at}: expect is required`);
    c.expect.forEach((e, j) => {
      const keys = Object.keys(e).filter((k) => EXPECTATION_KEYS.includes(k));
      need(keys.length === 1, file, `${at}, expectation ${j + 1}: exactly one of ${EXPECTATION_KEYS.join(', ')}`);
    });
    need(Array.isArray(c.nearMisses) && c.nearMisses.length > 0 && c.nearMisses.every((m) => Array.isArray(m) && m.length > 0), file, `${at}: at least one near miss (a list of commands)`);
  });
  need(Array.isArray(task.solution) && task.solution.length > 0, file, 'solution is required');
  const declared = new Set(Object.keys(task.params ?? {}));
  const { params: _params, ...rest } = task;
  const unknown = [...placeholders(rest)].filter((p) => !declared.has(p));
  need(unknown.length === 0, file, `unknown params: ${unknown.map((p) => `{{${p}}}`).join(', ')}`);
  return task;
}

/** Every task of a track (or of both), validated, in id order. */
export async function loadExamTasks(track?: Track, dir = contentDir): Promise<ExamTask[]> {
  const { parse } = await import('yaml');
  const out: ExamTask[] = [];
  const ids = new Set<string>();
  for (const t of track ? [track] : TRACKS) {
    let files: string[];
    try {
      files = fs.readdirSync(examDir(t, dir)).filter((f) => f.endsWith('.yaml')).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const file = `exam/${t}/${f}`;
      let parsed: ExamTask;
      try {
        parsed = parse(fs.readFileSync(`${examDir(t, dir)}${f}`, 'utf8')) as ExamTask;
      } catch (e) {
        throw new ExamFormatError(`${file}: ${(e as Error).message}`);
      }
      const task = validateTask(parsed, file, t);
      need(!ids.has(task.id), file, `task id ${task.id} is used twice`);
      need(f === `${task.id}.yaml`, file, `the file must be named after the task id (${task.id}.yaml)`);
      ids.add(task.id);
      out.push(task);
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The task with one variant drawn from the seed: same seed and task, same variant. */
export function drawTask(task: ExamTask, seed: number): DrawnTask {
  const values = drawValues(task.params, seed, task.id);
  const { params: _params, ...rest } = task;
  const drawn = fill(rest, values);
  return { ...drawn, context: drawn.context ?? DEFAULT_CONTEXT, seed, values };
}
