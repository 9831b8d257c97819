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
  return `${JSON.stringify(obj, replacer, 4)}\n`;
}
