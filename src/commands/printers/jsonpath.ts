import { CommandError } from '../util/errors.js';

/**
 * Kubernetes JSONPath (k8s.io/client-go/util/jsonpath): `{.a.b}`, `{.items[*].x}`, `{.a[0]}`,
 * `{.a[1:3]}`, `{..name}`, `{.a['k.with.dots']}`, filters `[?(@.x=="y")]`, `{range ...}...{end}`,
 * and literal text or quoted strings (`{"\n"}`). Results of one expression are joined by a space.
 */
type Node =
  | { t: 'text'; v: string }
  | { t: 'expr'; path: Step[] }
  | { t: 'range'; path: Step[]; body: Node[] };

type Step =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wildcard' }
  | { t: 'index'; start?: number; end?: number; single: boolean }
  | { t: 'filter'; left: Step[]; op?: string; right?: unknown }
  | { t: 'literal'; v: unknown };

export class JSONPathError extends Error {}

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
      if (!r) throw new JSONPathError('not in range, nothing to end');
      stack.pop();
      stack[stack.length - 1].push({ t: 'range', path: r.path, body: r.body });
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'[^']*'$/.test(inner)) {
      stack[stack.length - 1].push({ t: 'text', v: unquote(inner) });
    } else {
      stack[stack.length - 1].push({ t: 'expr', path: parsePath(inner) });
    }
  }
  if (rangeStack.length) throw new JSONPathError('unclosed range');
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

function parsePath(s: string): Step[] {
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
        const m = /^[^.[\]]*/.exec(s.slice(i))![0];
        steps.push({ t: 'recursive', name: m });
        i += m.length;
        continue;
      }
      i++;
      const m = /^[^.[\]]*/.exec(s.slice(i))![0];
      i += m.length;
      if (m === '*') steps.push({ t: 'wildcard' });
      else if (m !== '') steps.push({ t: 'field', name: m });
      continue;
    }
    if (c === '[') {
      const close = matchBracket(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ t: 'wildcard' });
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1)));
      else if (/^'.*'$/.test(inner) || /^".*"$/.test(inner)) steps.push({ t: 'field', name: unquote(inner) });
      else if (/^-?\d*(:-?\d*)?$/.test(inner)) {
        const [a, b] = inner.split(':');
        if (b === undefined) steps.push({ t: 'index', start: Number(a), single: true });
        else steps.push({ t: 'index', start: a === '' ? undefined : Number(a), end: b === '' ? undefined : Number(b), single: false });
      } else throw new JSONPathError(`invalid array index ${inner}`);
      continue;
    }
    const m = /^[^.[\]]+/.exec(s.slice(i));
    if (!m) throw new JSONPathError(`unrecognized character in action: ${c}`);
    steps.push({ t: 'field', name: m[0] });
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
          if (v && typeof v === 'object' && !Array.isArray(v) && step.name in (v as object))
            next.push((v as Record<string, unknown>)[step.name]);
          break;
        case 'wildcard':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object') next.push(...Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]));
          break;
        case 'index': {
          if (!Array.isArray(v)) break;
          const len = v.length;
          const norm = (n: number) => (n < 0 ? n + len : n);
          if (step.single) {
            const idx = norm(step.start!);
            if (idx < 0 || idx >= len) throw new JSONPathError(`array index out of bounds: index ${step.start}, length ${len}`);
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

/** How a value prints: strings as is, scalars plainly, maps and lists as compact JSON. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function execute(nodes: Node[], data: unknown, asJSON: boolean, jsonOut: unknown[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'expr') {
      const vals = walk([data], n.path);
      jsonOut.push(...vals);
      out += vals.map(show).join(' ');
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

/** Values a single path finds, for custom-columns and --sort-by. */
export function findValues(path: string, data: unknown): unknown[] {
  const p = path.trim().replace(/^\{/, '').replace(/\}$/, '');
  return walk([data], parsePath(p.startsWith('.') || p.startsWith('$') || p.startsWith('[') ? p : `.${p}`));
}

export function printJSONPath(template: string, data: unknown, asJSON = false): string {
  try {
    if (asJSON) {
      const vals: unknown[] = [];
      execute(parseTemplate(template), data, true, vals);
      return `${JSON.stringify(vals, null, 4)}\n`;
    }
    return evalJSONPath(template, data);
  } catch (e) {
    if (e instanceof JSONPathError) throw new CommandError(`error: error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}
