import { CommandError } from '../util/errors.js';
import { formatFloat, marshal } from './json.js';

/**
 * `-o go-template=...`: the part of Go's text/template kubectl users write. Actions `{{.a.b}}`, `{{.}}`,
 * `{{$}}`, variables (`{{$x := .a}}`, `{{range $i, $e := .items}}`), `if`/`else if`/`else`, `range`
 * (with `else`), `with`, pipelines (`{{.a | printf "%q"}}`), parentheses, `{{-`/`-}}` trimming,
 * comments, and the functions and, or, not, len, index, print, printf, println, eq, ne, lt, le, gt, ge,
 * plus kubectl's own exists and base64decode.
 *
 * kubectl hands the template the unstructured object: whole numbers are int64 and the rest float64, so
 * `eq .spec.replicas 3` works while `eq .spec.replicas 3.0` fails with Go's "incompatible types".
 */

/** An integer computed in the template (a literal, len, a range index): Go's int. */
class GoInt {
  constructor(readonly v: number) {}
}

/** A float literal written in the template (1.0): Go's float64 even when its value is whole. */
class GoFloat {
  constructor(readonly v: number) {}
}

/** A missing value (Go's invalid reflect.Value): prints `<no value>`. */
const NO_VALUE = Symbol('no value');

type Value = unknown;

class ExecError extends Error {}
class ParseError extends Error {}

// ---- lexing and parsing ----

type Node =
  | { t: 'text'; v: string }
  | { t: 'action'; pipe: Pipe; pos: Pos }
  | { t: 'if' | 'with'; pipe: Pipe; list: Node[]; elseList?: Node[]; pos: Pos }
  | { t: 'range'; pipe: Pipe; list: Node[]; elseList?: Node[]; pos: Pos };

interface Pos {
  line: number;
  col: number;
  text: string;
}

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Operand[][];
}

type Operand = (
  | { t: 'field'; path: string[] }
  | { t: 'var'; name: string; path: string[] }
  | { t: 'ident'; name: string }
  | { t: 'lit'; v: Value }
  | { t: 'pipe'; pipe: Pipe; path: string[] }
) & { at: Where };

/** Where a node stands, for Go's `template: output:LINE:COL: executing "output" at <TEXT>: ...`. */
interface Where {
  line: number;
  col: number;
  text: string;
}

/** An error carrying the node it happened at. */
class NodeError extends Error {
  constructor(
    readonly at: Where,
    message: string,
  ) {
    super(message);
  }
}

interface Action {
  body: string;
  pos: Pos;
  /** offset of body in its line */
  col: number;
}

/** Splits the source into text and actions, applying the `{{-` and `-}}` trim markers. */
function split(src: string): (string | Action)[] {
  const parts: (string | Action)[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      parts.push(src.slice(i));
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start) || src.startsWith('-\t', start) || src.startsWith('-\n', start)) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start++;
    }
    if (text) parts.push(text);
    // find the closing braces outside quotes
    let j = start;
    let quote = '';
    for (; j < src.length; j++) {
      const c = src[j];
      if (quote) {
        if (c === '\\' && quote !== '`') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (src.startsWith('}}', j)) break;
    }
    const before = src.slice(0, open);
    const line = before.split('\n').length;
    const col = open - before.lastIndexOf('\n') - 1;
    if (j >= src.length) throw new ParseError(`template: output:${line}: unclosed action`);
    let body = src.slice(start, j);
    let next = j + 2;
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^[ \t\r\n]*/.exec(src.slice(next))!;
      next += m[0].length;
    }
    parts.push({ body, pos: { line, col, text: src.slice(open, j + 2) }, col: col + (start - open) });
    i = next;
  }
  return parts;
}

interface Tok {
  s: string;
  off: number;
}

function tokenize(s: string, pos: Pos, base: number): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const push = (text: string, at: number) => toks.push({ s: text, off: base + at });
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
      if (j >= s.length) throw new ParseError(`template: output:${pos.line}: unterminated quoted string`);
      push(s.slice(i, j + 1), i);
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) throw new ParseError(`template: output:${pos.line}: unterminated raw quoted string`);
      push(s.slice(i, j + 1), i);
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      push(c, i);
      i++;
      continue;
    }
    if (s.startsWith(':=', i)) {
      push(':=', i);
      i += 2;
      continue;
    }
    if (c === '=') {
      push('=', i);
      i++;
      continue;
    }
    const m = /^[^\s()|,=]+/.exec(s.slice(i))!;
    push(m[0], i);
    i += m[0].length;
  }
  return toks;
}

function goUnquote(tok: string): string {
  if (tok.startsWith('`')) return tok.slice(1, -1);
  return tok.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
  });
}

function splitPath(s: string): string[] {
  return s.split('.').filter((p) => p !== '');
}

class PipeParser {
  i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly pos: Pos,
  ) {}

  err(msg: string): ParseError {
    return new ParseError(`template: output:${this.pos.line}: ${msg}`);
  }

  private peek(): string | undefined {
    return this.toks[this.i]?.s;
  }

  pipeline(end?: string): Pipe {
    const decl: string[] = [];
    let assign = false;
    // `$x :=`, `$i, $e :=`, `$x =`
    const save = this.i;
    while (this.peek()?.startsWith('$')) {
      decl.push(this.toks[this.i++].s);
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      break;
    }
    if (decl.length && (this.peek() === ':=' || this.peek() === '=')) {
      assign = this.peek() === '=';
      this.i++;
    } else {
      decl.length = 0;
      this.i = save;
    }
    const cmds: Operand[][] = [];
    let cmd: Operand[] = [];
    while (this.i < this.toks.length && this.peek() !== end) {
      if (this.peek() === '|') {
        if (!cmd.length) throw this.err('missing command');
        cmds.push(cmd);
        cmd = [];
        this.i++;
        continue;
      }
      cmd.push(this.operand());
    }
    if (cmd.length) cmds.push(cmd);
    else if (cmds.length) throw this.err('missing command');
    if (!cmds.length) throw this.err('missing value for command');
    return { decl, assign, cmds };
  }

  operand(): Operand {
    const t = this.toks[this.i++];
    const tok = t.s;
    const at: Where = { line: this.pos.line, col: t.off, text: tok };
    if (tok === '(') {
      const pipe = this.pipeline(')');
      if (this.peek() !== ')') throw this.err('unclosed left paren');
      this.i++;
      const next = this.peek();
      let path: string[] = [];
      if (next?.startsWith('.') && next.length > 1) {
        path = splitPath(next);
        this.i++;
      }
      return { t: 'pipe', pipe, path, at };
    }
    if (tok === ')') throw this.err('unexpected right paren');
    if (tok.startsWith('"') || tok.startsWith('`')) return { t: 'lit', v: goUnquote(tok), at };
    if (tok.startsWith("'")) return { t: 'lit', v: new GoInt(goUnquote(tok).codePointAt(0) ?? 0), at };
    if (tok === 'true' || tok === 'false') return { t: 'lit', v: tok === 'true', at };
    if (tok === 'nil') return { t: 'lit', v: null, at };
    if (/^[-+]?\d/.test(tok)) {
      if (/^[-+]?(0x[0-9a-fA-F]+|\d+)$/.test(tok)) return { t: 'lit', v: new GoInt(Number(tok)), at };
      const n = Number(tok);
      if (Number.isNaN(n)) throw this.err(`bad number syntax: "${tok}"`);
      return { t: 'lit', v: new GoFloat(n), at };
    }
    // Go positions a field chain at its second field
    const chainAt = (path: string, offset: number): Where => {
      const second = path.indexOf('.', 1);
      return second > 0 ? { ...at, col: at.col + offset + second } : at;
    };
    if (tok === '.') return { t: 'field', path: [], at };
    if (tok.startsWith('.')) return { t: 'field', path: splitPath(tok), at: chainAt(tok, 0) };
    if (tok.startsWith('$')) {
      const dot = tok.indexOf('.');
      return dot < 0 ? { t: 'var', name: tok, path: [], at } : { t: 'var', name: tok.slice(0, dot), path: splitPath(tok.slice(dot)), at };
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(tok)) {
      if (!(tok in FUNCS)) throw this.err(`function "${tok}" not defined`);
      return { t: 'ident', name: tok, at };
    }
    throw this.err(`unexpected "${tok}" in operand`);
  }
}

/** A command as Go's CommandNode prints itself: its words joined by spaces. */
function commandText(cmd: Operand[]): string {
  return cmd.map((o) => o.at.text + (o.t === 'pipe' ? '' : '')).join(' ');
}

function parse(src: string): Node[] {
  const parts = split(src);
  let k = 0;
  const parseList = (terminators: string[]): { list: Node[]; term?: string; rest?: Tok[]; pos?: Pos } => {
    const list: Node[] = [];
    while (k < parts.length) {
      const p = parts[k++];
      if (typeof p === 'string') {
        list.push({ t: 'text', v: p });
        continue;
      }
      const body = p.body.trim();
      if (body.startsWith('/*')) {
        if (!body.endsWith('*/')) throw new ParseError(`template: output:${p.pos.line}: unclosed comment`);
        continue;
      }
      const lead = p.body.length - p.body.trimStart().length;
      const toks = tokenize(body, p.pos, p.col + lead);
      if (!toks.length) throw new ParseError(`template: output:${p.pos.line}: missing value for command`);
      const word = toks[0].s;
      if (word === 'end' || word === 'else') {
        if (!terminators.includes(word)) throw new ParseError(`template: output:${p.pos.line}: unexpected {{${word}}}`);
        return { list, term: word, rest: toks.slice(1), pos: p.pos };
      }
      if (word === 'if' || word === 'with' || word === 'range') {
        list.push(parseControl(word, toks.slice(1), p.pos));
        continue;
      }
      if (word === 'define' || word === 'template' || word === 'block' || word === 'break' || word === 'continue')
        throw new ParseError(`template: output:${p.pos.line}: unexpected <${word}> in command`);
      const pp = new PipeParser(toks, p.pos);
      list.push({ t: 'action', pipe: pp.pipeline(), pos: p.pos });
    }
    if (terminators.length) throw new ParseError(`template: output:${parts.length}: unexpected EOF`);
    return { list };
  };
  const parseControl = (word: 'if' | 'with' | 'range', toks: Tok[], pos: Pos): Node => {
    if (!toks.length) throw new ParseError(`template: output:${pos.line}: missing value for ${word}`);
    const pipe = new PipeParser(toks, pos).pipeline();
    const body = parseList(['end', 'else']);
    let elseList: Node[] | undefined;
    if (body.term === 'else') {
      const w = body.rest![0]?.s;
      if (w === 'if' || w === 'with') {
        // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer end
        elseList = [parseControl(w, body.rest!.slice(1), body.pos!)];
      } else {
        const e = parseList(['end']);
        elseList = e.list;
      }
    }
    return { t: word, pipe, list: body.list, elseList, pos };
  };
  return parseList([]).list;
}

// ---- values and formatting ----

function isMap(v: Value): v is Record<string, Value> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoFloat);
}

/** A whole number from the object is an int64, any other a float64. */
function isIntValue(v: Value): boolean {
  return v instanceof GoInt || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63);
}

/** fmt's %v. */
function show(v: Value, top = true): string {
  if (v === NO_VALUE || v === null || v === undefined) return top ? '<no value>' : '<nil>';
  if (v instanceof GoInt) return String(v.v);
  if (v instanceof GoFloat) return formatFloat(v.v);
  if (typeof v === 'number') return isIntValue(v) ? String(v) : formatFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => show(x, false)).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${show(v[k], false)}`)
      .join(' ')}]`;
  return String(v);
}

function truth(v: Value): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === '' || v === 0) return false;
  if (v instanceof GoInt || v instanceof GoFloat) return v.v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

function typeName(v: Value): string {
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return isIntValue(v) ? 'int64' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return '<nil>';
}

function basicKind(v: Value): string {
  if (isIntValue(v)) return 'int';
  if (v instanceof GoFloat || typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

function num(v: Value): number {
  return v instanceof GoInt || v instanceof GoFloat ? v.v : (v as number);
}

function compareValues(name: string, a: Value, b: Value): number {
  if (a === NO_VALUE || b === NO_VALUE || a === null || b === null) {
    if (name === 'eq' || name === 'ne') {
      if ((a === null || a === NO_VALUE) && (b === null || b === NO_VALUE)) return 0;
      throw new ExecError('incompatible types for comparison');
    }
    throw new ExecError('invalid type for comparison');
  }
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'other' || kb === 'other') {
    if (name === 'eq' || name === 'ne') throw new ExecError(`non-comparable type ${show(ka === 'other' ? a : b)}: ${typeName(ka === 'other' ? a : b)}`);
    throw new ExecError('invalid type for comparison');
  }
  if (ka !== kb) throw new ExecError('incompatible types for comparison');
  if (ka === 'bool') {
    if (name !== 'eq' && name !== 'ne') throw new ExecError('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  const x = ka === 'string' ? (a as string) : num(a);
  const y = kb === 'string' ? (b as string) : num(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Go's fmt.Sprintf for the verbs templates use: %s %v %d %f %g %e %q %t %x %X %o %c %%, with flags and width. */
export function sprintf(format: string, args: Value[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, widthS, precS, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    const prec = precS === undefined ? undefined : Number(precS);
    let s: string;
    const isNum = a instanceof GoInt || a instanceof GoFloat || typeof a === 'number';
    const isInt = isIntValue(a);
    switch (verb) {
      case 'v':
        s = show(a, false);
        if (a === NO_VALUE) s = '<nil>';
        break;
      case 's':
        s = typeof a === 'string' ? a : a === NO_VALUE || a === null ? '%!s(<nil>)' : isNum ? `%!s(${typeName(a)}=${show(a)})` : show(a, false);
        if (prec !== undefined && typeof a === 'string') s = [...s].slice(0, prec).join('');
        break;
      case 'q':
        s = typeof a === 'string' ? JSON.stringify(a) : `%!q(${typeName(a)}=${show(a)})`;
        break;
      case 'd':
        s = isInt ? String(num(a)) : `%!d(${typeName(a)}=${show(a)})`;
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'g':
        if (!isNum || isInt) s = `%!${verb}(${typeName(a)}=${show(a)})`;
        else if (verb === 'g') s = prec === undefined ? formatFloat(num(a)) : num(a).toPrecision(prec);
        else if (verb === 'e') s = num(a).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        else s = num(a).toFixed(prec ?? 6);
        if (flags.includes('+') && isNum && num(a) >= 0) s = `+${s}`;
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : `%!t(${typeName(a)}=${show(a)})`;
        break;
      case 'x':
      case 'X':
        s = isInt ? num(a).toString(16) : typeof a === 'string' ? Buffer.from(a).toString('hex') : `%!${verb}(${typeName(a)}=${show(a)})`;
        if (verb === 'X') s = s.toUpperCase();
        break;
      case 'o':
        s = isInt ? num(a).toString(8) : `%!o(${typeName(a)}=${show(a)})`;
        break;
      case 'c':
        s = isInt ? String.fromCodePoint(num(a)) : `%!c(${typeName(a)}=${show(a)})`;
        break;
      default:
        s = `%!${verb}(${typeName(a)}=${show(a)})`;
    }
    const width = widthS === undefined ? 0 : Number(widthS);
    const len = [...s].length;
    if (len < width) {
      if (flags.includes('-')) s += ' '.repeat(width - len);
      else if (flags.includes('0') && isNum) s = (s.startsWith('-') ? '-' : '') + '0'.repeat(width - len) + s.replace(/^-/, '');
      else s = ' '.repeat(width - len) + s;
    }
    out += s;
  }
  out += format.slice(last);
  if (argi < args.length) out += `%!(EXTRA ${args.slice(argi).map((a) => `${typeName(a)}=${show(a)}`).join(', ')})`;
  return out;
}

type Func = (args: Value[], evalArg: (i: number) => Value) => Value;

const FUNCS: Record<string, Func> = {
  and: (_a, ev) => {
    let v: Value = ev(0);
    for (let i = 0; truth(v) && i < _a.length - 1; i++) v = ev(i + 1);
    return v;
  },
  or: (_a, ev) => {
    let v: Value = ev(0);
    for (let i = 0; !truth(v) && i < _a.length - 1; i++) v = ev(i + 1);
    return v;
  },
  not: (a) => !truth(a[0]),
  len: (a) => {
    const v = a[0];
    if (typeof v === 'string') return new GoInt(Buffer.byteLength(v));
    if (Array.isArray(v)) return new GoInt(v.length);
    if (isMap(v)) return new GoInt(Object.keys(v).length);
    throw new ExecError(`len of type ${typeName(v)}`);
  },
  index: (a) => {
    let v = a[0];
    for (const k of a.slice(1)) {
      if (Array.isArray(v)) {
        const i = isIntValue(k) ? num(k) : NaN;
        if (!Number.isInteger(i)) throw new ExecError(`cannot index slice/array with type ${typeName(k)}`);
        if (i < 0 || i >= v.length) throw new ExecError(`index out of range: ${i}`);
        v = v[i];
      } else if (isMap(v)) {
        if (typeof k !== 'string') throw new ExecError(`value has type ${typeName(k)}; should be string`);
        v = k in v ? v[k] : NO_VALUE;
      } else if (v === NO_VALUE || v === null) {
        throw new ExecError('index of untyped nil');
      } else throw new ExecError(`can't index item of type ${typeName(v)}`);
    }
    return v;
  },
  print: (a) => a.map((x, i) => (i > 0 && typeof x !== 'string' && typeof a[i - 1] !== 'string' ? ' ' : '') + show(x, false)).join(''),
  println: (a) => `${a.map((x) => show(x, false)).join(' ')}\n`,
  printf: (a) => sprintf(String(a[0]), a.slice(1)),
  eq: (a) => a.slice(1).some((b) => compareValues('eq', a[0], b) === 0),
  ne: (a) => compareValues('ne', a[0], a[1]) !== 0,
  lt: (a) => compareValues('lt', a[0], a[1]) < 0,
  le: (a) => compareValues('le', a[0], a[1]) <= 0,
  gt: (a) => compareValues('gt', a[0], a[1]) > 0,
  ge: (a) => compareValues('ge', a[0], a[1]) >= 0,
  exists: (a) => {
    let v = a[0];
    for (const k of a.slice(1)) {
      if (isMap(v) && typeof k === 'string' && k in v) v = v[k];
      else if (Array.isArray(v) && isIntValue(k) && num(k) >= 0 && num(k) < v.length) v = v[num(k)];
      else return false;
    }
    return true;
  },
  base64decode: (a) => {
    const s = String(a[0]);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new ExecError(`base64 decode failed: illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`);
    return Buffer.from(s, 'base64').toString('latin1');
  },
};

// ---- execution ----

class State {
  out = '';
  vars: { name: string; v: Value }[][] = [];

  constructor(readonly root: Value) {}

  lookup(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const f = this.vars[i].find((x) => x.name === name);
      if (f) return f.v;
    }
    if (name === '$') return this.root;
    throw new ExecError(`undefined variable: ${name}`);
  }

  field(v: Value, path: string[], shown: string): Value {
    for (const name of path) {
      if (v === NO_VALUE) return NO_VALUE;
      if (v === null || v === undefined) throw new ExecError(`nil pointer evaluating interface {}.${name}`);
      if (!isMap(v)) throw new ExecError(`can't evaluate field ${name} in type ${v instanceof GoInt ? 'int' : 'interface {}'}`);
      v = name in v ? v[name] : NO_VALUE;
    }
    void shown;
    return v;
  }

  operand(o: Operand, dot: Value, final: Value | undefined): Value {
    try {
      return this.operandValue(o, dot, final);
    } catch (e) {
      if (e instanceof ExecError) throw new NodeError(o.at, e.message);
      throw e;
    }
  }

  operandValue(o: Operand, dot: Value, final: Value | undefined): Value {
    switch (o.t) {
      case 'field':
        return this.field(dot, o.path, '');
      case 'var':
        return this.field(this.lookup(o.name), o.path, '');
      case 'lit':
        return o.v;
      case 'pipe':
        return this.field(this.pipe(o.pipe, dot), o.path, '');
      case 'ident':
        return this.call(o.name, [], dot, final, o.at);
    }
  }

  call(name: string, args: Operand[], dot: Value, final: Value | undefined, at: Where): Value {
    const vals: (Value | undefined)[] = args.map(() => undefined);
    const all = final === undefined ? args.length : args.length + 1;
    const ev = (i: number): Value => {
      if (i < args.length) return (vals[i] ??= this.operand(args[i], dot, undefined));
      return final;
    };
    const fixed: Record<string, number> = { not: 1, len: 1, ne: 2, lt: 2, le: 2, gt: 2, ge: 2, base64decode: 1 };
    if (fixed[name] !== undefined && all !== fixed[name]) throw new NodeError(at, `wrong number of args for ${name}: want ${fixed[name]} got ${all}`);
    if ((name === 'and' || name === 'or' || name === 'index' || name === 'eq' || name === 'printf' || name === 'exists') && all < 1)
      throw new NodeError(at, `wrong number of args for ${name}: want at least 1 got 0`);
    try {
      if (name === 'and' || name === 'or') return FUNCS[name](Array(all).fill(0), ev);
      const list: Value[] = [];
      for (let i = 0; i < all; i++) list.push(ev(i));
      return FUNCS[name](list, ev);
    } catch (e) {
      if (e instanceof ExecError) throw new NodeError(at, `error calling ${name}: ${e.message}`);
      throw e;
    }
  }

  command(cmd: Operand[], dot: Value, final: Value | undefined): Value {
    const [head, ...rest] = cmd;
    if (head.t === 'ident') return this.call(head.name, rest, dot, final, { ...head.at, text: commandText(cmd) });
    if (rest.length || final !== undefined) throw new ExecError(`can't give argument to non-function ${head.t === 'field' ? `.${head.path.join('.')}` : 'value'}`);
    return this.operand(head, dot, undefined);
  }

  pipe(p: Pipe, dot: Value): Value {
    let v: Value | undefined;
    for (const cmd of p.cmds) v = this.command(cmd, dot, v);
    if (p.decl.length) {
      const frame = this.vars[this.vars.length - 1];
      if (p.assign) {
        for (let i = this.vars.length - 1; i >= 0; i--) {
          const f = this.vars[i].find((x) => x.name === p.decl[0]);
          if (f) {
            f.v = v;
            return v;
          }
        }
        throw new ExecError(`undefined variable: ${p.decl[0]}`);
      }
      frame.push({ name: p.decl[0], v });
    }
    return v;
  }

  list(nodes: Node[], dot: Value): void {
    this.vars.push([]);
    try {
      for (const n of nodes) this.node(n, dot);
    } finally {
      this.vars.pop();
    }
  }

  node(n: Node, dot: Value): void {
    try {
      switch (n.t) {
        case 'text':
          this.out += n.v;
          return;
        case 'action': {
          const v = this.pipe(n.pipe, dot);
          if (!n.pipe.decl.length) this.out += show(v);
          return;
        }
        case 'if':
        case 'with': {
          this.vars.push([]);
          let v: Value;
          try {
            v = this.pipe(n.pipe, dot);
            if (truth(v)) this.list(n.list, n.t === 'with' ? v : dot);
            else if (n.elseList) this.list(n.elseList, dot);
          } finally {
            this.vars.pop();
          }
          return;
        }
        case 'range': {
          const decl = n.pipe.decl;
          const v = this.pipe({ ...n.pipe, decl: [] }, dot);
          const entries: [Value, Value][] = Array.isArray(v)
            ? v.map((x, i) => [new GoInt(i), x])
            : isMap(v)
              ? Object.keys(v)
                  .sort()
                  .map((k) => [k, v[k]])
              : v === NO_VALUE || v === null
                ? []
                : v instanceof GoInt
                  ? Array.from({ length: v.v }, (_x, i) => [new GoInt(i), new GoInt(i)])
                  : (() => {
                      throw new ExecError(`range can't iterate over ${show(v)}`);
                    })();
          if (!entries.length) {
            if (n.elseList) this.list(n.elseList, dot);
            return;
          }
          for (const [k, x] of entries) {
            const frame: { name: string; v: Value }[] = [];
            if (decl.length === 1) frame.push({ name: decl[0], v: x });
            if (decl.length === 2) frame.push({ name: decl[0], v: k }, { name: decl[1], v: x });
            this.vars.push(frame);
            try {
              this.list(n.list, x);
            } finally {
              this.vars.pop();
            }
          }
          return;
        }
      }
    } catch (e) {
      if (e instanceof NodeError) throw new ExecError(`template: output:${e.at.line}:${e.at.col}: executing "output" at <${e.at.text}>: ${e.message}`);
      if (e instanceof ExecError && !e.message.startsWith('template: ') && n.t !== 'text')
        throw new ExecError(`template: output:${n.pos.line}:${n.pos.col + 2}: executing "output" at <${n.pos.text.slice(2, -2).trim()}>: ${e.message}`);
      throw e;
    }
  }
}

/**
 * Runs a template against an object as kubectl's GoTemplatePrinter does. A template that does not
 * parse is kubectl's `error parsing template` error; one that fails while running prints what it had
 * written, kubectl's debugging lines, and then the error.
 */
export function printGoTemplate(template: string, data: unknown): { out: string; error?: string } {
  let nodes: Node[];
  try {
    nodes = parse(template);
  } catch (e) {
    if (e instanceof ParseError) throw new CommandError(`error: error parsing template ${template}, ${e.message}`);
    throw e;
  }
  const st = new State(data);
  try {
    st.list(nodes, data);
    return { out: st.out };
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    const raw = marshal(data);
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${raw}\n` +
      `\tobject given to template engine was:\n\t\t${show(data)}\n\n`;
    return { out: st.out + debug, error: `error: error executing template "${template}": ${e.message}` };
  }
}
