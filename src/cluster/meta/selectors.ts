/** Label selectors (`-l`, matchLabels/matchExpressions) and field selectors, as apimachinery parses them. */
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class SelectorParseError extends Error {}

/** Parses `k=v,k!=v,k in (a,b),k notin (a),k,!k`. An empty string selects everything. */
export function parseLabelSelector(s: string): Requirement[] {
  const reqs: Requirement[] = [];
  let i = 0;
  const src = s.trim();
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const readIdent = () => {
    skipWs();
    const start = i;
    while (i < src.length && !/[\s,=!()]/.test(src[i])) i++;
    return src.slice(start, i);
  };
  while (i < src.length) {
    skipWs();
    if (src[i] === '!') {
      i++;
      const key = readIdent();
      if (!key) throw new SelectorParseError(`unable to parse requirement: found '${src[i] ?? ''}', expected: identifier`);
      reqs.push({ key, operator: 'DoesNotExist', values: [] });
    } else {
      const key = readIdent();
      if (!key) throw new SelectorParseError(`unable to parse requirement: found '${src[i] ?? ''}', expected: identifier`);
      skipWs();
      if (i >= src.length || src[i] === ',') {
        reqs.push({ key, operator: 'Exists', values: [] });
      } else if (src.startsWith('==', i) || src[i] === '=') {
        i += src.startsWith('==', i) ? 2 : 1;
        reqs.push({ key, operator: 'Equals', values: [readIdent()] });
      } else if (src.startsWith('!=', i)) {
        i += 2;
        reqs.push({ key, operator: 'NotEquals', values: [readIdent()] });
      } else {
        const word = readIdent();
        if (word !== 'in' && word !== 'notin')
          throw new SelectorParseError(`unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
        skipWs();
        if (src[i] !== '(') throw new SelectorParseError(`unable to parse requirement: found '${src[i] ?? ''}', expected: '('`);
        i++;
        const close = src.indexOf(')', i);
        if (close < 0) throw new SelectorParseError(`unable to parse requirement: found '', expected: ')'`);
        const values = src
          .slice(i, close)
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        i = close + 1;
        reqs.push({ key, operator: word === 'in' ? 'In' : 'NotIn', values });
      }
    }
    skipWs();
    if (i < src.length) {
      if (src[i] !== ',') throw new SelectorParseError(`found '${/^(!=|==|[=!(),]|[^\s,=!()]+)/.exec(src.slice(i))![0]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return reqs;
}

export function matchesRequirements(labels: Record<string, string> | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case 'Equals':
      case 'In':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'NotEquals':
      case 'NotIn':
        if (has && r.values.includes(v)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector as objects carry it (matchLabels + matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorRequirements(sel: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, operator: 'In', values: [v] });
  for (const e of sel?.matchExpressions ?? [])
    reqs.push({ key: e.key, operator: e.operator as Operator, values: e.values ?? [] });
  return reqs;
}

/** Whether a LabelSelector selects these labels. An empty selector selects everything. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return matchesRequirements(labels, selectorRequirements(sel));
}

/** The selector as kubectl's SELECTOR columns print it: `app=web,tier in (a,b)`. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${vals.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${vals.join(',')})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  return parts.length ? parts.join(',') : '<none>';
}

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Parses `--field-selector` (`f=v`, `f==v`, `f!=v`, comma-joined). */
export function parseFieldSelector(s: string): FieldRequirement[] {
  if (!s.trim()) return [];
  return s.split(',').map((part) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) throw new SelectorParseError(`invalid selector: '${s}'; can't understand '${part}'`);
    return { field: m[1].trim(), operator: m[2] === '!=' ? '!=' : '=', value: m[3].trim() };
  });
}
