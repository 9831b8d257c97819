import { CommandError } from '../util/errors.js';
import { formatFloat, marshal } from './json.js';

/**
 * Kubernetes JSONPath (k8s.io/client-go/util/jsonpath): `{.a.b}`, `{.items[*].x}`, `{.a[0]}`,
 * `{.a[1:3]}`, `{..name}`, `{.a['k.with.dots']}`, filters `[?(@.x=="y")]`, `{range ...}...{end}`,
 * and literal text or quoted strings (`{"\n"}`). Results of one expression are joined by a space.
 */
type Node =
  | { t: 'text'; v: string }
  | { t: 'expr'; path: Step[] }
  | { t: 'range'; path: Step[]; body: Node[] }
  | { t: 'error'; msg: string };

type Step =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wildcard' }
  | { t: 'index'; start?: number; end?: number; single: boolean }
  | { t: 'filter'; left: Step[]; op?: string; right?: unknown }
  | { t: 'literal'; v: unknown };

export class JSONPathError extends Error {}
/** An error while running the template (kubectl's "error executing jsonpath"). */
export class JSONPathExecError extends Error {}

function parseTemplate(src: string): Node[] {
  const nodes: Node[] = [];
  const stack: Node[][] = [nodes];
  const rangeStack: { path: Step[]; body: Node[] }[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ t: 'text', v: src.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ t: 'text', v: src.slice(i, open) });
    const close = findClose(src, open);
    if (close < 0) throw new JSONPathError(`unclosed action`);
    const inner = src.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ') || inner === 'range') {
      const r = { path: parsePath(inner.slice(5).trim()), body: [] as Node[] };
      rangeStack.push(r);
      stack.push(r.body);
    } else if (inner === 'end') {
      const r = rangeStack.pop();
      if (!r) {
        stack[stack.length - 1].push({ t: 'error', msg: 'not in range, nothing to end' });
        continue;
      }
      stack.pop();
      stack[stack.length - 1].push({ t: 'range', path: r.path, body: r.body });
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'[^']*'$/.test(inner)) {
      stack[stack.length - 1].push({ t: 'text', v: unquote(inner) });
    } else {
      stack[stack.length - 1].push({ t: 'expr', path: parsePath(inner) });
    }
  }
  // a range left open runs to the end of the template, as client-go's parser lets it
  while (rangeStack.length) {
    const r = rangeStack.pop()!;
    stack.pop();
    stack[stack.length - 1].push({ t: 'range', path: r.path, body: r.body });
  }
  return nodes;
}

function findClose(src: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  return -1;
}

function unquote(s: string): string {
  if (s.startsWith("'")) return s.slice(1, -1);
  return s
    .slice(1, -1)
    .replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' })[c] ?? c);
}

/** A field name runs to the next unescaped `.` or bracket; `\.` is a dot inside it (`kubernetes\.io/hostname`), as client-go's parser reads it. */
const FIELD = /^(?:\\.|[^.[\]\\])*/;
const unescapeField = (m: string) => m.replace(/\\(.)/g, '$1');

/** `a\.b.c` as the fields `a.b` and `c`. */
function fieldsOf(path: string): Step[] {
  const out: Step[] = [];
  for (let rest = path; ; ) {
    const m = FIELD.exec(rest)![0];
    if (m) out.push({ t: 'field', name: unescapeField(m) });
    if (m.length >= rest.length) return out;
    rest = rest.slice(m.length + 1);
  }
}

/** `literalKeys`: `['a.b']` is the one key `a.b` (the lesson checker's paths), not client-go's `.a.b`. */
function parsePath(s: string, literalKeys = false): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (s.startsWith('$')) i = 1;
  if (s.startsWith('@')) i = 1;
  if (/^"/.test(s) || /^-?\d/.test(s)) return [{ t: 'literal', v: s.startsWith('"') ? unquote(s) : Number(s) }];
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        const m = FIELD.exec(s.slice(i))![0];
        steps.push({ t: 'recursive', name: unescapeField(m) });
        i += m.length;
        continue;
      }
      i++;
      const m = FIELD.exec(s.slice(i))![0];
      i += m.length;
      if (m === '*') steps.push({ t: 'wildcard' });
      else if (m !== '') steps.push({ t: 'field', name: unescapeField(m) });
      continue;
    }
    if (c === '[') {
      const close = matchBracket(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ t: 'wildcard' });
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1)));
      // ['key'] reads as .key: a dot in it separates fields unless escaped (['a\.b']), as in client-go
      else if (/^'.*'$/.test(inner)) steps.push(...(literalKeys ? [{ t: 'field', name: inner.slice(1, -1) } as Step] : fieldsOf(inner.slice(1, -1))));
      else if (/^-?\d*(:-?\d*)?$/.test(inner)) {
        const [a, b] = inner.split(':');
        if (b === undefined) steps.push({ t: 'index', start: Number(a), single: true });
        else steps.push({ t: 'index', start: a === '' ? undefined : Number(a), end: b === '' ? undefined : Number(b), single: false });
      } else throw new JSONPathError(`invalid array index ${inner}`);
      continue;
    }
    const m = FIELD.exec(s.slice(i));
    if (!m || !m[0]) throw new JSONPathError(`unrecognized character in action: ${c}`);
    steps.push({ t: 'field', name: unescapeField(m[0]) });
    i += m[0].length;
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new JSONPathError('unterminated array');
}

function parseFilter(expr: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(expr);
  if (!m) return { t: 'filter', left: parsePath(expr.trim()) };
  const rhs = m[3].trim();
  const right = /^['"]/.test(rhs) ? unquote(rhs) : rhs === 'true' ? true : rhs === 'false' ? false : Number(rhs);
  return { t: 'filter', left: parsePath(m[1].trim()), op: m[2], right };
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (step.t) {
        case 'literal':
          next.push(step.v);
          break;
        case 'field':
          // a field holding null gives no result, as client-go's evalField skips nil values
          if (v && typeof v === 'object' && !Array.isArray(v) && step.name in (v as object) && (v as Record<string, unknown>)[step.name] !== null)
            next.push((v as Record<string, unknown>)[step.name]);
          break;
        case 'wildcard':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object') next.push(...Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]));
          break;
        case 'index': {
          if (!Array.isArray(v)) {
            if (v && typeof v === 'object') throw new JSONPathExecError('map[string]interface {} is not array or slice');
            break;
          }
          const len = v.length;
          const norm = (n: number) => (n < 0 ? n + len : n);
          if (step.single) {
            const idx = norm(step.start!);
            if (idx < 0 || idx >= len) throw new JSONPathExecError(`array index out of bounds: index ${step.start}, length ${len}`);
            next.push(v[idx]);
          } else {
            const a = Math.max(0, norm(step.start ?? 0));
            const b = Math.min(len, norm(step.end ?? len));
            next.push(...v.slice(a, b));
          }
          break;
        }
        case 'recursive': {
          const visit = (x: unknown) => {
            if (Array.isArray(x)) x.forEach(visit);
            else if (x && typeof x === 'object') {
              const o = x as Record<string, unknown>;
              if (step.name in o) next.push(o[step.name]);
              for (const k of Object.keys(o).sort()) visit(o[k]);
            }
          };
          visit(v);
          break;
        }
        case 'filter': {
          const items = Array.isArray(v) ? v : [v];
          for (const item of items) {
            const left = walk([item], step.left);
            if (step.op === undefined) {
              if (left.length) next.push(item);
              continue;
            }
            if (left.some((l) => compare(l, step.op!, step.right))) next.push(item);
          }
          break;
        }
      }
    }
    cur = next;
  }
  return cur;
}

function compare(l: unknown, op: string, r: unknown): boolean {
  switch (op) {
    case '==':
      return l === r || String(l) === String(r);
    case '!=':
      return String(l) !== String(r);
    case '<':
      return Number(l) < Number(r);
    case '>':
      return Number(l) > Number(r);
    case '<=':
      return Number(l) <= Number(r);
    case '>=':
      return Number(l) >= Number(r);
  }
  return false;
}

/** How a value prints: strings as is, scalars as Go's %v, maps and lists as compact JSON (json.Marshal). */
function show(v: unknown, whole: boolean): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return whole ? '<no value>' : 'null';
  if (typeof v === 'object') return marshal(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v);
  return String(v);
}

/** Go's %#v of a decoded JSON value, which kubectl prints when a template fails. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object')
    return `map[string]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax((v as Record<string, unknown>)[k])}`)
      .join(', ')}}`;
  return String(v);
}

function execute(nodes: Node[], data: unknown, asJSON: boolean, jsonOut: unknown[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'error') throw new JSONPathExecError(n.msg);
    else if (n.t === 'expr') {
      const vals = walk([data], n.path);
      jsonOut.push(...vals);
      out += vals.map((v) => show(v, n.path.length === 0)).join(' ');
    } else {
      for (const item of walk([data], n.path)) out += execute(n.body, item, asJSON, jsonOut);
    }
  }
  return out;
}

/** Evaluates a template against data and returns what kubectl prints (no newline added). */
export function evalJSONPath(template: string, data: unknown): string {
  return execute(parseTemplate(template), data, false, []);
}

/** Values a single path finds, for custom-columns, --sort-by, wait --for=jsonpath and the lesson checker. */
export function findValues(path: string, data: unknown, opts: { literalKeys?: boolean } = {}): unknown[] {
  const p = path.trim().replace(/^\{/, '').replace(/\}$/, '');
  return walk([data], parsePath(p.startsWith('.') || p.startsWith('$') || p.startsWith('[') ? p : `.${p}`, opts.literalKeys));
}

/**
 * `-o jsonpath=...` as kubectl prints it: no newline added; a template that does not parse or fails
 * while running is kubectl's error, with its debugging dump of the object.
 */
export function printJSONPath(template: string, data: unknown, asJSON = false): string {
  let nodes: Node[];
  try {
    nodes = parseTemplate(template);
  } catch (e) {
    if (e instanceof JSONPathError) throw new CommandError(`error: error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  try {
    if (asJSON) {
      const vals: unknown[] = [];
      execute(nodes, data, true, vals);
      return `${marshal(vals, true, '    ')}\n`;
    }
    return execute(nodes, data, false, []);
  } catch (e) {
    if (e instanceof JSONPathExecError || e instanceof JSONPathError)
      throw new CommandError(
        `error: error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
      );
    throw e;
  }
}

/** Go's %v of a decoded JSON value (custom-columns cells): `map[k:v]`, `[a b]`, `<nil>`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object')
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`)
      .join(' ')}]`;
  return String(v);
}
