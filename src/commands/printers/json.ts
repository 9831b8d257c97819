/**
 * JSON as kubectl prints it: 4-space indent. Objects from the server are unstructured maps, whose keys
 * Go's encoder sorts; objects a generator built client-side keep their struct field order (sort=false).
 */
export function toJSON(obj: unknown, sort = true): string {
  const replacer = sort
    ? (_k: string, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : v
    : undefined;
  return `${goEscapes(JSON.stringify(obj, replacer, 4))}\n`;
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
