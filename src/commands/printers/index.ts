import fs from 'node:fs';
import type { KubeObject } from '../../cluster/api/types.js';
import { CommandError } from '../util/errors.js';
import { toJSON } from './json.js';
import { nameOf } from './name.js';
import { parseCustomColumns, parseCustomColumnsFile, printCustomColumns, type CustomColumn } from './customColumns.js';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJSON?: boolean }
  | { kind: 'custom-columns'; columns: CustomColumn[] }
  | { kind: 'go-template'; template: string };

const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const GENERIC_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/**
 * Parses `-o`. `get` accepts every format; mutating verbs only the generic ones (no wide, no
 * custom-columns), with kubectl's list of allowed formats in the error.
 */
export function parseOutput(o: string, forGet: boolean, readFile: (f: string) => string = defaultRead): OutputFormat {
  const allowed = forGet ? GET_FORMATS : GENERIC_FORMATS;
  const bad = () =>
    new CommandError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`);
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') {
    if (!forGet) throw bad();
    return { kind: 'table', wide: true };
  }
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  const head = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : '';
  switch (head) {
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new CommandError('error: template format specified but no template given');
      return { kind: 'jsonpath', template: arg, asJSON: head === 'jsonpath-as-json' };
    case 'jsonpath-file':
      return { kind: 'jsonpath', template: readTemplateFile(readFile, arg) };
    case 'custom-columns':
      if (!forGet) throw bad();
      return { kind: 'custom-columns', columns: parseCustomColumns(arg) };
    case 'custom-columns-file':
      if (!forGet) throw bad();
      return { kind: 'custom-columns', columns: parseCustomColumnsFile(readTemplateFile(readFile, arg)) };
    case 'go-template':
    case 'template':
      if (!arg) throw new CommandError('error: template format specified but no template given');
      return { kind: 'go-template', template: arg };
    case 'go-template-file':
    case 'templatefile':
      return { kind: 'go-template', template: readTemplateFile(readFile, arg) };
  }
  throw bad();
}

function readTemplateFile(read: (f: string) => string, f: string): string {
  try {
    return read(f);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CommandError(`error: error reading template ${f}, open ${f}: no such file or directory`);
    throw e;
  }
}

function defaultRead(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CommandError(`error: error reading --template ${f}, open ${f}: ${why}`);
  }
}

/** A template that failed while running: kubectl prints what it wrote (on stdout), then the error. */
export class TemplateError extends CommandError {
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}

/** The List wrapper kubectl prints for several objects under -o yaml|json. */
export function asList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } } as unknown as KubeObject;
}

/**
 * Prints objects in a non-table format. `single` prints the one object itself (a named get, a create);
 * otherwise a List. `sorted` is false for objects a generator built client-side (typed field order).
 */
export async function printObjects(format: OutputFormat, objs: KubeObject[], single: boolean, sorted = true): Promise<string> {
  const data = single && objs.length === 1 ? objs[0] : asList(objs);
  switch (format.kind) {
    case 'yaml': {
      // the yaml package costs tens of milliseconds to load: only -o yaml pays for it
      const { toYAML } = await import('./yaml.js');
      return toYAML(data);
    }
    case 'json':
      return toJSON(data, sorted);
    case 'name':
      return objs.map((o) => `${nameOf(o)}\n`).join('');
    case 'jsonpath': {
      const { printJSONPath } = await import('./jsonpath.js');
      return printJSONPath(format.template, data, format.asJSON);
    }
    case 'go-template': {
      const { printGoTemplate } = await import('./goTemplate.js');
      const r = printGoTemplate(format.template, JSON.parse(JSON.stringify(data)));
      if (r.error !== undefined) throw new TemplateError(r.error, r.out);
      return r.out;
    }
    case 'custom-columns':
      return printCustomColumns(format.columns, objs, false);
    default:
      throw new Error(`printObjects: ${format.kind} is a table format`);
  }
}
