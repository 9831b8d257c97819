import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../cluster/api/types.js';
import { CommandError } from '../util/errors.js';
import type { IO } from '../util/io.js';
import { goJSON } from './generator.js';

/** One object read from -f, with the source kubectl names in its messages, or why it could not be read. */
export interface SourcedObject {
  source: string;
  object?: KubeObject;
  /** a decode error: kubectl reports it with the other errors and goes on with the next file */
  error?: string;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The files a -f argument stands for: a file, or a directory's manifests in lexical order (-R: recursive). */
function expand(p: string, recursive: boolean): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new CommandError(`error: the path "${p}" does not exist`);
  }
  if (!st.isDirectory()) return [p];
  const out: string[] = [];
  const entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = path.join(p, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...expand(child, recursive));
    } else if (EXTENSIONS.includes(path.extname(e.name))) out.push(child);
  }
  return out;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortDeep(x)]),
    );
  return v;
}

/** Splits a YAML or JSON stream into documents and decodes each, flattening `kind: List`. */
async function decode(text: string, source: string): Promise<SourcedObject[]> {
  const { parseAllDocuments } = await import('yaml');
  const out: SourcedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line ?? 1;
      throw new CommandError(`error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
      throw new CommandError(`error: unable to decode ${JSON.stringify(source)}: json: cannot unmarshal ${what} into Go value of type unstructured.detector`);
    }
    const obj = value as KubeObject;
    if (!obj.kind) throw new CommandError(`error: unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${goJSON(sortDeep(obj))}'`);
    if (obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))) {
      for (const item of (obj.items as KubeObject[]) ?? []) out.push({ source, object: item });
    } else out.push({ source, object: obj });
  }
  return out;
}

/** `-f https://...`: fetched like kubectl does, with its message for a bad status. */
async function readURL(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new CommandError(`error: ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new CommandError(`error: unable to read URL "${url}", server reported ${res.status} ${res.statusText}, status code=${res.status}`);
  return res.text();
}

/** A file's objects, or the objects before its first decode error followed by that error. */
async function decodeOrReport(text: string, source: string): Promise<SourcedObject[]> {
  try {
    return await decode(text, source);
  } catch (e) {
    if (e instanceof CommandError) return [{ source, error: e.message }];
    throw e;
  }
}

/**
 * Reads every -f argument (files, directories, `-` for stdin, URLs) into objects, in order. A path that
 * does not exist stops everything; a file that does not decode is reported in its place.
 */
export async function readManifests(io: IO, filenames: string[], recursive: boolean): Promise<SourcedObject[]> {
  const out: SourcedObject[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push(...(await decodeOrReport(io.readStdin ? await io.readStdin() : '', 'STDIN')));
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      out.push(...(await decodeOrReport(await readURL(f), f)));
      continue;
    }
    const files = expand(f, recursive);
    for (const file of files) out.push(...(await decodeOrReport(fs.readFileSync(file, 'utf8'), file)));
  }
  return out;
}
