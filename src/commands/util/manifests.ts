import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../cluster/api/types.js';
import type { KindRegistry } from '../../cluster/api/registry.js';
import type { KindSpec } from '../../cluster/api/resources/kindSpec.js';
import { CommandError } from './errors.js';
import type { IO } from './io.js';
import { encodeToJSON } from '../create/generator.js';

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

/**
 * go-yaml's words for the syntax errors people make most. go-yaml counts a parser error's line from 0
 * and a scanner error's from 1 (and names no line 0), so the line differs by kind of error.
 */
const GO_YAML_ERRORS: { test: RegExp; message: string; parser: boolean }[] = [
  { test: /^Flow sequence in block collection/, message: "did not find expected ',' or ']'", parser: true },
  { test: /^Flow map in block collection/, message: "did not find expected ',' or '}'", parser: true },
  { test: /^All mapping items must start at the same column/, message: 'did not find expected key', parser: true },
  { test: /^Nested mappings are not allowed in compact mappings/, message: 'mapping values are not allowed in this context', parser: false },
  { test: /^Missing closing "?quote/, message: 'found unexpected end of stream', parser: false },
];

function goYAMLError(e: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const text = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const pos = e.linePos?.[0]?.line ?? 1;
  const known = GO_YAML_ERRORS.find((k) => k.test.test(text));
  const line = known?.parser ? pos - 1 : pos - 1 === 0 ? 0 : pos;
  return `${line ? `line ${line}: ` : ''}${known?.message ?? text}`;
}

/** Options of the resource builder that change how files are read. */
export interface ReadOptions {
  /** -R: descend into subdirectories */
  recursive?: boolean;
  /**
   * --validate other than ignore/false: each document is checked for apiVersion and kind before it is
   * decoded, with the schema validator's message
   */
  validate?: boolean;
  /** -k DIR: the objects a kustomization builds, instead of files */
  kustomize?: string;
}

/** The schema validator's first check (kubectl's validation.ValidateBytes): apiVersion and kind are set. */
function validateDocument(obj: Record<string, unknown>, source: string): string | undefined {
  const missing: string[] = [];
  if (!obj.apiVersion) missing.push('apiVersion not set');
  if (!obj.kind) missing.push('kind not set');
  if (!missing.length) return undefined;
  const agg = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
  return `error: error validating ${JSON.stringify(source)}: error validating data: ${agg}; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/**
 * Splits a YAML or JSON stream into documents and decodes each, flattening `kind: List`. Decoding stops
 * at the first bad document, whose error follows the objects read before it (kubectl's StreamVisitor).
 */
async function decode(text: string, source: string, opts: ReadOptions): Promise<SourcedObject[]> {
  const { parseAllDocuments } = await import('yaml');
  const out: SourcedObject[] = [];
  const fail = (error: string) => {
    out.push({ source, error });
    return out;
  };
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) return fail(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${goYAMLError(doc.errors[0])}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
      return fail(`error: unable to decode ${JSON.stringify(source)}: json: cannot unmarshal ${what} into Go value of type unstructured.detector`);
    }
    const obj = value as KubeObject;
    if (opts.validate) {
      const invalid = validateDocument(obj, source);
      if (invalid) return fail(invalid);
    }
    if (!obj.kind) return fail(`error: unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${encodeToJSON(obj)}'`);
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

/**
 * Reads every -f argument (files, directories, `-` for stdin, URLs) into objects, in order. A path that
 * does not exist stops everything; a file that does not decode is reported in its place.
 */
export async function readManifests(io: IO, filenames: string[], opts: ReadOptions = {}): Promise<SourcedObject[]> {
  if (opts.kustomize) return readKustomization(io, opts.kustomize);
  const out: SourcedObject[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push(...(await decode(io.readStdin ? await io.readStdin() : '', 'STDIN', opts)));
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      out.push(...(await decode(await readURL(f), f, opts)));
      continue;
    }
    const files = expand(f, opts.recursive === true);
    for (const file of files) out.push(...(await decode(fs.readFileSync(file, 'utf8'), file, opts)));
  }
  return out;
}

/** -k DIR: kustomize builds the objects (its deprecation notes go to stderr); the directory is their source. */
async function readKustomization(io: IO, dir: string): Promise<SourcedObject[]> {
  const { kustomize, KustomizeError } = await import('../kustomize/build.js');
  try {
    const built = kustomize(dir);
    for (const w of built.warnings) io.err(`${w}\n`);
    return built.objects.map((object) => ({ source: dir, object }));
  } catch (e) {
    if (e instanceof KustomizeError) throw new CommandError(`error: ${e.message}`);
    throw e;
  }
}

/** An object from a manifest matched to its kind, in the namespace the request goes to. */
export interface MappedObject {
  source: string;
  spec: KindSpec;
  object: KubeObject;
  /** the request namespace; undefined for cluster-scoped kinds */
  namespace: string | undefined;
}

/**
 * The resource builder's mapping step: the object's kind from its apiVersion and kind (kubectl's
 * RESTMapper), and its namespace (the object's own, else -n or the context's). Returns kubectl's error
 * text when the kind is unknown or the object's namespace contradicts an explicit -n.
 */
export function mapManifest(
  kinds: KindRegistry,
  m: SourcedObject,
  ns: { namespace: string; explicit: boolean },
): MappedObject | { error: string } {
  if (!m.object) return { error: m.error ?? '' };
  const obj = structuredClone(m.object);
  obj.metadata ??= {};
  const own = obj.metadata.namespace;
  const spec = kinds.forObject(String(obj.apiVersion ?? ''), String(obj.kind));
  if (!spec)
    return {
      error: `error: resource mapping not found for name: "${obj.metadata.name ?? ''}" namespace: "${own ?? ''}" from "${m.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ''}"\nensure CRDs are installed first`,
    };
  if (!spec.namespaced) {
    delete obj.metadata.namespace;
    return { source: m.source, spec, object: obj, namespace: undefined };
  }
  if (ns.explicit && own && own !== ns.namespace)
    return {
      error: `error: the namespace from the provided object "${own}" does not match the namespace "${ns.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    };
  obj.metadata.namespace = own || ns.namespace;
  return { source: m.source, spec, object: obj, namespace: obj.metadata.namespace };
}

/**
 * kubectl's FilenameOptions check for commands that need their objects from files: one of -f or -k, not
 * both (`required`: apply, create, replace, diff), or at most one (get, describe).
 */
export function checkFilenameOptions(filenames: string[], kustomize: string, required = true): void {
  if (filenames.length && kustomize) throw new CommandError('error: only one of -f or -k can be specified');
  if (required && !filenames.length && !kustomize) throw new CommandError('error: must specify one of -f and -k');
}
