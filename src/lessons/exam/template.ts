import type { ParamSpec, ParamValues } from '../examSchema.js';

/**
 * Variants: a deterministic generator seeded per (exam seed, task id), so the same seed reproduces an
 * attempt exactly whatever else the exam drew, and templating of every string in a parsed task.
 */

/** mulberry32: small, fast, and good enough to pick names and numbers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** FNV-1a over a string, to mix a task id into the seed. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Draws every parameter, in the order the task declares them. */
export function drawValues(params: Record<string, ParamSpec> | undefined, seed: number, salt: string): ParamValues {
  const rand = prng(hashString(`${seed}:${salt}`));
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(params ?? {})) {
    if (Array.isArray(spec)) out[name] = spec[Math.floor(rand() * spec.length)];
    else {
      const [min, max] = spec.int;
      out[name] = min + Math.floor(rand() * (max - min + 1));
    }
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][\w-]*)\s*\}\}$/;

/** The parameter names a value's strings (and keys) refer to. */
export function placeholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) found.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => placeholders(v, found));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      placeholders(k, found);
      placeholders(v, found);
    }
  return found;
}

/** Fills every `{{p}}`; a string that is exactly `{{p}}` becomes the value itself, with its type. */
export function fill<T>(value: T, values: ParamValues): T {
  const one = (s: string): unknown => {
    const whole = WHOLE.exec(s);
    if (whole && whole[1] in values) return values[whole[1]];
    return s.replace(PLACEHOLDER, (m, p: string) => (p in values ? String(values[p]) : m));
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return one(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [String(one(k)), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
