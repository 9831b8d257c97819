/**
 * The part of CEL that CRD validation rules (x-kubernetes-validations) use: literals, `self` and
 * `oldSelf`, field access, indexing, arithmetic, comparisons, `in`, `&&`/`||`/`!`, `? :`, `has()`,
 * `size()`, the string functions and the list macros (all, exists, exists_one, map, filter).
 * A rule that uses anything else is not evaluated (UnsupportedRule), rather than refused wrongly.
 */

type Node =
  | { t: 'lit'; v: unknown; double?: boolean }
  | { t: 'ident'; name: string }
  | { t: 'member'; obj: Node; name: string }
  | { t: 'index'; obj: Node; index: Node }
  | { t: 'call'; name: string; target?: Node; args: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'map'; entries: [Node, Node][] }
  | { t: 'unary'; op: string; arg: Node }
  | { t: 'binary'; op: string; left: Node; right: Node }
  | { t: 'cond'; test: Node; then: Node; else: Node };

/** A runtime error, worded as cel-go words it (`no such key: x`, `division by zero`). */
export class CelError extends Error {}
/** The rule uses CEL this evaluator does not know. */
export class UnsupportedRule extends Error {}

interface Token {
  t: 'num' | 'str' | 'id' | 'op' | 'end';
  v: string;
  value?: unknown;
  double?: boolean;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', '(', ')', '[', ']', '{', '}', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)(u?)/.exec(src.slice(i));
    if (num) {
      const text = num[1];
      const double = /[.eE]/.test(text) && !text.startsWith('0x');
      out.push({ t: 'num', v: num[0], value: Number(text), double });
      i += num[0].length;
      continue;
    }
    const raw = (c === 'r' || c === 'R') && (src[i + 1] === '"' || src[i + 1] === "'");
    if (c === '"' || c === "'" || raw) {
      const start = raw ? i + 1 : i;
      const q = src[start];
      const triple = src.slice(start, start + 3) === q.repeat(3);
      const close = triple ? q.repeat(3) : q;
      let j = start + close.length;
      let s = '';
      while (j < src.length && src.slice(j, j + close.length) !== close) {
        if (src[j] === '\\' && !raw) {
          const e = src[j + 1];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" } as Record<string, string>)[e] ?? e;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new UnsupportedRule('unterminated string');
      out.push({ t: 'str', v: s, value: s });
      i = j + close.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new UnsupportedRule(`unexpected ${c}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => toks[p].t === 'op' && toks[p].v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new UnsupportedRule(`expected ${v}`);
    p++;
  };
  const expr = (): Node => {
    const test = or();
    if (!isOp('?')) return test;
    p++;
    const then = expr();
    expect(':');
    return { t: 'cond', test, then, else: expr() };
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    for (;;) {
      const tok = peek();
      const op = tok.t === 'op' && ops.includes(tok.v) ? tok.v : tok.t === 'id' && tok.v === 'in' && ops.includes('in') ? 'in' : '';
      if (!op) return left;
      p++;
      left = { t: 'binary', op, left, right: next() };
    }
  };
  const unary = (): Node => {
    if (isOp('!') || isOp('-')) {
      const op = toks[p++].v;
      return { t: 'unary', op, arg: unary() };
    }
    return postfix();
  };
  const multiplicative = binary(unary, ['*', '/', '%']);
  const additive = binary(multiplicative, ['+', '-']);
  const relation = binary(additive, ['==', '!=', '<', '<=', '>', '>=', 'in']);
  const and = binary(relation, ['&&']);
  const or = binary(and, ['||']);
  const args = (): Node[] => {
    const list: Node[] = [];
    while (!isOp(')')) {
      list.push(expr());
      if (!isOp(')')) expect(',');
    }
    p++;
    return list;
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (isOp('.')) {
        p++;
        if (isOp('?')) throw new UnsupportedRule('optional field selection');
        const name = peek();
        if (name.t !== 'id') throw new UnsupportedRule('field name expected');
        p++;
        if (isOp('(')) {
          p++;
          node = { t: 'call', name: name.v, target: node, args: args() };
        } else node = { t: 'member', obj: node, name: name.v };
      } else if (isOp('[')) {
        p++;
        const index = expr();
        expect(']');
        node = { t: 'index', obj: node, index };
      } else return node;
    }
  };
  const primary = (): Node => {
    const tok = toks[p++];
    if (tok.t === 'num') return { t: 'lit', v: tok.value, double: tok.double };
    if (tok.t === 'str') return { t: 'lit', v: tok.value };
    if (tok.t === 'id') {
      if (tok.v === 'true' || tok.v === 'false') return { t: 'lit', v: tok.v === 'true' };
      if (tok.v === 'null') return { t: 'lit', v: null };
      if (isOp('(')) {
        p++;
        return { t: 'call', name: tok.v, args: args() };
      }
      return { t: 'ident', name: tok.v };
    }
    if (tok.t === 'op' && tok.v === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (tok.t === 'op' && tok.v === '[') {
      const items: Node[] = [];
      while (!isOp(']')) {
        items.push(expr());
        if (!isOp(']')) expect(',');
      }
      p++;
      return { t: 'list', items };
    }
    if (tok.t === 'op' && tok.v === '{') {
      const entries: [Node, Node][] = [];
      while (!isOp('}')) {
        const k = expr();
        expect(':');
        entries.push([k, expr()]);
        if (!isOp('}')) expect(',');
      }
      p++;
      return { t: 'map', entries };
    }
    throw new UnsupportedRule(`unexpected ${tok.v}`);
  };
  const root = expr();
  if (peek().t !== 'end') throw new UnsupportedRule('trailing input');
  return root;
}

type Scope = Record<string, unknown>;

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return a === b;
}

function noOverload(): never {
  throw new CelError('no such overload');
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return noOverload();
}

const MACROS = ['all', 'exists', 'exists_one', 'map', 'filter'];

function evaluate(n: Node, scope: Scope): unknown {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'ident':
      if (n.name in scope) return scope[n.name];
      throw new UnsupportedRule(`undeclared reference to '${n.name}'`);
    case 'member': {
      const obj = evaluate(n.obj, scope);
      if (!isMap(obj)) return noOverload();
      if (!(n.name in obj) || obj[n.name] === undefined) throw new CelError(`no such key: ${n.name}`);
      return obj[n.name];
    }
    case 'index': {
      const obj = evaluate(n.obj, scope);
      const idx = evaluate(n.index, scope);
      if (Array.isArray(obj)) {
        if (typeof idx !== 'number') return noOverload();
        if (idx < 0 || idx >= obj.length) throw new CelError(`index out of bounds: ${idx}`);
        return obj[idx];
      }
      if (isMap(obj)) {
        if (!(String(idx) in obj)) throw new CelError(`no such key: ${String(idx)}`);
        return obj[String(idx)];
      }
      return noOverload();
    }
    case 'list':
      return n.items.map((i) => evaluate(i, scope));
    case 'map':
      return Object.fromEntries(n.entries.map(([k, v]) => [String(evaluate(k, scope)), evaluate(v, scope)]));
    case 'unary': {
      const v = evaluate(n.arg, scope);
      if (n.op === '!') return typeof v === 'boolean' ? !v : noOverload();
      return typeof v === 'number' ? -v : noOverload();
    }
    case 'cond': {
      const test = evaluate(n.test, scope);
      if (typeof test !== 'boolean') return noOverload();
      return evaluate(test ? n.then : n.else, scope);
    }
    case 'binary':
      return binaryOp(n, scope);
    case 'call':
      return call(n, scope);
  }
}

function binaryOp(n: Extract<Node, { t: 'binary' }>, scope: Scope): unknown {
  if (n.op === '&&' || n.op === '||') {
    // CEL's logical operators are commutative over errors: a decisive side wins
    let left: unknown;
    let leftErr: unknown;
    try {
      left = evaluate(n.left, scope);
    } catch (e) {
      if (!(e instanceof CelError)) throw e;
      leftErr = e;
    }
    const decisive = n.op === '||';
    if (left === decisive) return decisive;
    const right = evaluate(n.right, scope);
    if (right === decisive) return decisive;
    if (leftErr) throw leftErr;
    if (typeof left !== 'boolean' || typeof right !== 'boolean') return noOverload();
    return !decisive;
  }
  const a = evaluate(n.left, scope);
  const b = evaluate(n.right, scope);
  switch (n.op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    case 'in':
      if (Array.isArray(b)) return b.some((x) => equal(x, a));
      if (isMap(b)) return String(a) in b;
      return noOverload();
    case '+':
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      return noOverload();
  }
  if (typeof a !== 'number' || typeof b !== 'number') return noOverload();
  const integers = Number.isInteger(a) && Number.isInteger(b) && !isDouble(n.left) && !isDouble(n.right);
  switch (n.op) {
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (integers && b === 0) throw new CelError('division by zero');
      return integers ? Math.trunc(a / b) : a / b;
    default:
      if (integers && b === 0) throw new CelError('modulus by zero');
      return a % b;
  }
}

function isDouble(n: Node): boolean {
  return n.t === 'lit' && !!n.double;
}

function call(n: Extract<Node, { t: 'call' }>, scope: Scope): unknown {
  if (!n.target && n.name === 'has') {
    const arg = n.args[0];
    if (n.args.length !== 1 || arg.t !== 'member') throw new UnsupportedRule('has() takes a field selection');
    const obj = evaluate(arg.obj, scope);
    if (!isMap(obj)) return noOverload();
    return arg.name in obj && obj[arg.name] !== undefined;
  }
  if (n.target && MACROS.includes(n.name)) return macro(n, scope);
  const target = n.target ? evaluate(n.target, scope) : undefined;
  const args = n.args.map((a) => evaluate(a, scope));
  const s = typeof target === 'string' ? target : undefined;
  const str = (i: number) => (typeof args[i] === 'string' ? (args[i] as string) : noOverload());
  switch (n.name) {
    case 'size': {
      const v = n.target ? target : args[0];
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      if (isMap(v)) return Object.keys(v).length;
      return noOverload();
    }
    case 'int':
      return n.target ? noOverload() : Math.trunc(Number(args[0]));
    case 'double':
      return n.target ? noOverload() : Number(args[0]);
    case 'string':
      return n.target ? noOverload() : String(args[0]);
    case 'startsWith':
      return s !== undefined ? s.startsWith(str(0)) : noOverload();
    case 'endsWith':
      return s !== undefined ? s.endsWith(str(0)) : noOverload();
    case 'contains':
      return s !== undefined ? s.includes(str(0)) : noOverload();
    case 'matches': {
      const [subject, re] = n.target ? [s, str(0)] : [args[0], args[1]];
      if (typeof subject !== 'string' || typeof re !== 'string') return noOverload();
      return new RegExp(re, 'u').test(subject);
    }
    case 'lowerAscii':
      return s !== undefined ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : noOverload();
    case 'upperAscii':
      return s !== undefined ? s.replace(/[a-z]/g, (c) => c.toUpperCase()) : noOverload();
    case 'trim':
      return s !== undefined ? s.trim() : noOverload();
    case 'indexOf':
      if (s !== undefined) return s.indexOf(str(0));
      return Array.isArray(target) ? target.findIndex((x) => equal(x, args[0])) : noOverload();
    case 'split':
      return s !== undefined ? s.split(str(0)) : noOverload();
    case 'join':
      return Array.isArray(target) ? target.join(args.length ? str(0) : '') : noOverload();
    case 'isSorted':
      return Array.isArray(target) ? target.every((x, i) => i === 0 || compare(target[i - 1], x) <= 0) : noOverload();
    case 'sum':
      return Array.isArray(target) ? target.reduce((a: number, b) => a + (typeof b === 'number' ? b : noOverload()), 0) : noOverload();
    case 'min':
    case 'max': {
      if (!Array.isArray(target) || !target.length) return noOverload();
      return target.reduce((a, b) => ((n.name === 'min' ? compare(b, a) < 0 : compare(b, a) > 0) ? b : a));
    }
    default:
      throw new UnsupportedRule(`unknown function ${n.name}`);
  }
}

function macro(n: Extract<Node, { t: 'call' }>, scope: Scope): unknown {
  const range = evaluate(n.target!, scope);
  const items = Array.isArray(range) ? range : isMap(range) ? Object.keys(range) : noOverload();
  const v = n.args[0];
  if (v?.t !== 'ident') throw new UnsupportedRule('macro variable expected');
  const withVar = (x: unknown, body: Node) => evaluate(body, { ...scope, [v.name]: x });
  const truth = (x: unknown, body: Node) => {
    const r = withVar(x, body);
    return typeof r === 'boolean' ? r : noOverload();
  };
  const body = n.args[n.args.length - 1];
  switch (n.name) {
    case 'all':
      return items.every((x) => truth(x, body));
    case 'exists':
      return items.some((x) => truth(x, body));
    case 'exists_one':
      return items.filter((x) => truth(x, body)).length === 1;
    case 'filter':
      return items.filter((x) => truth(x, body));
    default:
      return n.args.length === 3 ? items.filter((x) => truth(x, n.args[1])).map((x) => withVar(x, body)) : items.map((x) => withVar(x, body));
  }
}

const compiled = new Map<string, Node | UnsupportedRule>();

/** Evaluates a rule; throws CelError at run time, or UnsupportedRule when it is beyond this subset. */
export function evalRule(rule: string, self: unknown, oldSelf?: unknown): unknown {
  let ast = compiled.get(rule);
  if (!ast) {
    try {
      ast = parse(rule);
    } catch (e) {
      if (!(e instanceof UnsupportedRule)) throw e;
      ast = e;
    }
    compiled.set(rule, ast);
  }
  if (ast instanceof UnsupportedRule) throw ast;
  const scope: Scope = { self };
  if (oldSelf !== undefined) scope.oldSelf = oldSelf;
  return evaluate(ast, scope);
}

/** True when a rule refers to oldSelf (a transition rule, checked on update only). */
export function usesOldSelf(rule: string): boolean {
  return /\boldSelf\b/.test(rule);
}
