/**
 * JSON as kubectl prints it: 4-space indent. Objects from the server are unstructured maps, whose keys
 * Go's encoder sorts; objects a generator built client-side keep their struct field order (sort=false).
 */
export function toJSON(obj: unknown, sort = true): string {
  return `${marshal(obj, sort, '    ')}\n`;
}

/**
 * encoding/json's output for a decoded JSON value: map keys in byte order when `sort` (built by hand,
 * since a JS object puts integer-like keys first whatever order they were added in), indented by
 * `indent` (compact when empty), with Go's escapes.
 */
export function marshal(v: unknown, sort = true, indent = ''): string {
  const nl = indent ? '\n' : '';
  const colon = indent ? ': ' : ':';
  const walk = (x: unknown, depth: string): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return goEscapes(JSON.stringify(x));
    if (typeof (x as { toJSON?: unknown }).toJSON === 'function') return walk((x as { toJSON(): unknown }).toJSON(), depth);
    const inner = depth + indent;
    if (Array.isArray(x)) {
      if (!x.length) return '[]';
      return `[${nl}${x.map((e) => inner + walk(e === undefined ? null : e, inner)).join(`,${nl}`)}${nl}${depth}]`;
    }
    const o = x as Record<string, unknown>;
    let keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (sort) keys = keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    if (!keys.length) return '{}';
    return `{${nl}${keys.map((k) => `${inner}${goEscapes(JSON.stringify(k))}${colon}${walk(o[k], inner)}`).join(`,${nl}`)}${nl}${depth}}`;
  };
  return walk(v, '');
}

/** What encoding/json writes differently from JSON.stringify: <, > and & escaped (HTML safety), \b and \f as \u escapes. */
export function goEscapes(json: string): string {
  return json.replace(/\\.|[<>&\u2028\u2029]/g, (m) => {
    if (m === '\\b') return '\\u0008';
    if (m === '\\f') return '\\u000c';
    if (m.length === 2) return m;
    return `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** strconv.FormatFloat(f, 'g', -1, 64): what %v prints for a float64. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(n);
}

