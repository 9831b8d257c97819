import type { KubeObject } from '../../cluster/api/types.js';
import { CommandError } from '../util/errors.js';
import { findValues, goValue } from './jsonpath.js';
import { cleanCell, TabWriter } from './tabwriter.js';

/** One column of `-o custom-columns=HEADER:JSONPATH,...`. */
export interface CustomColumn {
  header: string;
  path: string;
}

/** kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
function relaxed(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new CommandError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `.${m[1] ?? m[2]}`;
}

/** Parses the spec as kubectl does: comma-separated `HEADER:PATH` pairs. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new CommandError('error: custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CommandError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxed(part.slice(colon + 1)) };
  });
}

/** `-o custom-columns-file=FILE`: a header line and a line of paths, separated by whitespace. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 2) throw new CommandError(`error: unexpected number of lines in template: ${lines.length}, expected 2`);
  const headers = lines[0].trim().split(/\s+/);
  const paths = lines[1].trim().split(/\s+/);
  if (headers.length !== paths.length)
    throw new CommandError(`error: expected ${headers.length} template (i.e. expressions), found ${paths.length}`);
  return headers.map((header, i) => ({ header, path: relaxed(paths[i]) }));
}

/** The cells of one object: every value a path finds, joined by `,`; `<none>` when it finds nothing. */
export function customColumnsRow(columns: CustomColumn[], obj: KubeObject): string[] {
  return columns.map((c) => {
    const vals = c.path === '' ? [] : findValues(c.path, obj);
    if (!vals.length) return '<none>';
    return cleanCell(vals.map(goValue).join(','));
  });
}

/** The whole table, laid out like every other kubectl table. */
export function printCustomColumns(columns: CustomColumn[], objs: KubeObject[], noHeaders: boolean, tw = new TabWriter()): string {
  const rows = objs.map((o) => customColumnsRow(columns, o));
  if (!noHeaders) rows.unshift(columns.map((c) => c.header));
  return tw.format(rows);
}
