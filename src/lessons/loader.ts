import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Expectation, Lesson, Step } from './schema.js';

/**
 * src/lessons/content in the source tree; the build copies nothing, so read it from there.
 * KUBECADET_CONTENT_DIR points elsewhere (a course under test).
 */
export const contentDir = process.env.KUBECADET_CONTENT_DIR
  ? `${process.env.KUBECADET_CONTENT_DIR.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../../../src/lessons/content/', import.meta.url));

export class LessonFormatError extends Error {}

function need(cond: unknown, file: string, what: string): asserts cond {
  if (!cond) throw new LessonFormatError(`${file}: ${what}`);
}

/** The kinds of expectation, one matcher each (matchers/). */
export const EXPECTATION_KEYS = ['object', 'count', 'absent', 'event', 'check', 'connect'];

/** Checks a parsed lesson against the schema, with messages that name the file and the step. */
export function validateLesson(l: Lesson, file: string): Lesson {
  need(l && typeof l === 'object', file, 'not a lesson');
  for (const k of ['id', 'chapter', 'title', 'summary'] as const) need(typeof l[k] === 'string' && l[k], file, `${k} is required`);
  need(Array.isArray(l.steps) && l.steps.length > 0, file, 'steps are required');
  l.steps.forEach((s: Step, i: number) => {
    const at = `step ${i + 1}`;
    need(typeof s.title === 'string' && s.title, file, `${at}: title is required`);
    need(typeof s.text === 'string' && s.text, file, `${at}: text is required`);
    need(Array.isArray(s.solution) && s.solution.length > 0, file, `${at}: solution is required`);
    need(Array.isArray(s.expect) && s.expect.length > 0, file, `${at}: expect is required`);
    s.expect.forEach((e: Expectation, j: number) => {
      const keys = Object.keys(e).filter((k) => EXPECTATION_KEYS.includes(k));
      need(keys.length === 1, file, `${at}, expectation ${j + 1}: exactly one of ${EXPECTATION_KEYS.join(', ')}`);
    });
  });
  return l;
}

/** The course: lesson ids in order, from content/course.yaml. */
export async function courseOrder(dir = contentDir): Promise<string[]> {
  const { parse } = await import('yaml');
  const course = parse(fs.readFileSync(`${dir}course.yaml`, 'utf8')) as { lessons: string[] };
  return course.lessons;
}

/**
 * The course as the build compiled it, beside this module: the lessons as loadLessons returns them, with
 * the text of every file they came from. Loading and parsing YAML is most of what the tutor's home screen
 * costs before its first frame; a compiled course is used only while its files are exactly those texts,
 * so an edited course (or another one, KUBECADET_CONTENT_DIR) is read from its YAML as always.
 */
export const compiledCourseFile = fileURLToPath(new URL('./course.json', import.meta.url));

interface CompiledCourse {
  /** file name -> text, for course.yaml and every lesson file */
  sources: Record<string, string>;
  lessons: Lesson[];
}

function courseFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f === 'course.yaml' || /^\d\d-.*\.yaml$/.test(f))
    .sort();
}

function compiledLessons(dir: string, file: string): Lesson[] | undefined {
  let compiled: CompiledCourse;
  try {
    compiled = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledCourse;
  } catch {
    return undefined;
  }
  const names = courseFiles(dir);
  if (names.length !== Object.keys(compiled.sources).length) return undefined;
  for (const f of names) if (compiled.sources[f] !== fs.readFileSync(`${dir}${f}`, 'utf8')) return undefined;
  return compiled.lessons;
}

/**
 * Compiles the course in `dir` into `file` (the build does this for the shipped course). Writes nothing,
 * and removes a stale compiled course, when the course does not load or does not survive JSON unchanged.
 */
export async function compileCourse(dir = contentDir, file = compiledCourseFile): Promise<boolean> {
  fs.rmSync(file, { force: true });
  const sources = Object.fromEntries(courseFiles(dir).map((f) => [f, fs.readFileSync(`${dir}${f}`, 'utf8')]));
  let lessons: Lesson[];
  try {
    lessons = await loadLessons(dir, file);
  } catch {
    return false;
  }
  const compiled: CompiledCourse = { sources, lessons };
  const text = JSON.stringify(compiled);
  if (!isDeepStrictEqual(JSON.parse(text), compiled)) return false;
  fs.writeFileSync(file, text);
  return true;
}

/** Every lesson of the course, in order, validated. */
export async function loadLessons(dir = contentDir, compiled = compiledCourseFile): Promise<Lesson[]> {
  const fast = compiledLessons(dir, compiled);
  if (fast) return fast;
  const { parse } = await import('yaml');
  const order = await courseOrder(dir);
  const files = fs.readdirSync(dir).filter((f) => /^\d\d-.*\.yaml$/.test(f));
  const byId = new Map<string, Lesson>();
  for (const f of files) {
    const lesson = validateLesson(parse(fs.readFileSync(`${dir}${f}`, 'utf8')) as Lesson, f);
    if (byId.has(lesson.id)) throw new LessonFormatError(`${f}: lesson id ${lesson.id} is used twice`);
    byId.set(lesson.id, lesson);
  }
  return order.map((id) => {
    const l = byId.get(id);
    if (!l) throw new LessonFormatError(`course.yaml: no lesson file has id ${id}`);
    return l;
  });
}
