import type { CommandContext } from './context.js';
import { str } from './context.js';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { groupVersionPath, openapiDocument, openapiPaths, type OpenAPIDocument, type OpenAPISchema } from '../cluster/api/openapi.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

/**
 * `kubectl explain TYPE[.field.path]`: kubectl v1.32 reads the server's OpenAPI v3 document of the
 * resource's group-version and renders it with its plaintext template (kubectl pkg/explain/v2,
 * templates/plaintext.tmpl). Each template below is a function of the same name with the same logic,
 * including Go templates' idea of what is empty and the word wrapping kubectl uses.
 */

const flags: FlagSpec[] = [
  { name: 'api-version', usage: 'Use given api-version (group/version) of the resource.', type: 'string' },
  { name: 'output', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', short: 'o', type: 'string', default: 'plaintext' },
  {
    name: 'recursive',
    usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
    type: 'bool',
  },
];

type Json = unknown;

/** Go templates' truth: false, 0, nil, and empty strings, slices and maps are false. */
function truthy(v: Json): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** A schema-valued additionalProperties (not the boolean form), when it says anything. */
function mapValues(s: OpenAPISchema): OpenAPISchema | undefined {
  const a = s.additionalProperties;
  return typeof a !== 'boolean' && truthy(a) ? (a as OpenAPISchema) : undefined;
}

/** Go's unicode.IsSpace. */
function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

/** github.com/mitchellh/go-wordwrap v1.0.1 WrapString: wraps at spaces, counting runes; a no-break space is part of a word. */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const c of s) {
    if (c === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          buf += space;
        }
      } else {
        current += spaceLen + wordLen;
        buf += space + word;
        word = '';
        wordLen = 0;
      }
      space = '';
      spaceLen = 0;
      buf += c;
      current = 0;
    } else if (isSpace(c) && c !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += c;
      spaceLen++;
    } else {
      word += c;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** The template's wrap: kubectl's word-wrap writer, which leaves text alone at limit 0. */
function wrap(lim: number, s: string): string {
  return lim === 0 ? s : wrapString(s, lim);
}

/** The template's indent: every line, including the one after a final newline. */
function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** A template's `throw`: what was already written stays written. */
class ExplainError extends Error {}

class Renderer {
  constructor(private readonly doc: OpenAPIDocument) {}

  /** resolveRef: a `#/a/b/c` reference followed through the document's objects. */
  resolveRef(ref: Json): OpenAPISchema | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    let cur: Json = this.doc;
    for (const k of decodeURIComponent(ref.slice(1)).split('/')) {
      if (!k) continue;
      const next: Json = (cur as Record<string, Json>)[k];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined;
      cur = next;
    }
    return cur as OpenAPISchema;
  }

  /** `or (resolveRef $ref) $schema` */
  resolved(s: OpenAPISchema): OpenAPISchema {
    const r = this.resolveRef(s.$ref);
    return truthy(r) ? r! : s;
  }

  typeGuess(s: OpenAPISchema): string {
    if (truthy(s.items)) return `[]${this.typeGuess(s.items!)}`;
    const values = mapValues(s);
    if (values) return `map[string]${this.typeGuess(values)}`;
    if (truthy(s.allOf) && !truthy(s.properties) && s.allOf!.length === 1) return this.typeGuess(s.allOf![0]);
    if (truthy(s.$ref)) {
      const ref = s.$ref!;
      const target = this.resolveRef(ref);
      if (!truthy(target) || !truthy(target!.type) || target!.type === 'object') {
        const name = ref.split('/').pop()!;
        return name.split('.').pop() || 'Object';
      }
      return target!.type!;
    }
    if (s.type === 'object') return 'Object';
    return s.type || 'Object';
  }

  extractEnum(s: OpenAPISchema, longView: boolean, limit: number, indentAmount = 0): string {
    if (!truthy(s.enum)) return '';
    let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
    const lim = limit || -1;
    for (const [i, e] of s.enum!.entries()) {
      if (lim > -1 && i >= lim) {
        out += ', ....';
        break;
      }
      if (i > 0 && !longView) out += ', ';
      else if (longView) out += '\n    ';
      out += e === '' ? '""' : goValue(e);
    }
    return out;
  }

  description(s: OpenAPISchema): string {
    const r = this.resolved(s);
    if (!truthy(r)) return '';
    let out = '';
    if (truthy(r.description)) out += `${r.description}\n`;
    for (const a of r.allOf ?? []) out += this.description(a);
    if (truthy(r.items)) out += this.description(r.items!);
    const values = mapValues(r);
    if (values) out += this.description(values);
    return out;
  }

  fieldDetail(name: string, s: OpenAPISchema, short: boolean, level: number): string {
    const indentAmount = level * 2;
    const field = s.properties![name];
    let out = `${indent(indentAmount, name)}\t<${this.typeGuess(field)}>`;
    if ((s.required ?? []).includes(name)) out += ' -required-';
    out += this.extractEnum(field, false, 4, indentAmount);
    out += '\n';
    if (!short) out += `${indent(indentAmount + 2, wrap(78 - indentAmount, field.description || '<no description>'))}\n\n`;
    return out;
  }

  fieldList(s: OpenAPISchema, level: number, recursive: boolean, history: Record<string, number> = {}): string {
    const ref = s.$ref || '';
    if (ref && history[ref]) return '';
    const next = { ...history, [ref]: 1 };
    const r = this.resolved(s);
    let out = '';
    for (const k of Object.keys(r.properties ?? {}).sort()) {
      out += this.fieldDetail(k, r, recursive, level);
      if (recursive) out += this.fieldList(r.properties![k], level + 1, recursive, next);
    }
    for (const a of r.allOf ?? []) out += this.fieldList(a, level, recursive, next);
    if (truthy(r.items)) out += this.fieldList(r.items!, level, recursive, next);
    const values = mapValues(r);
    if (values) out += this.fieldList(values, level, recursive, next);
    return out;
  }

  output(s: OpenAPISchema, path: string[], recursive: boolean, history: Record<string, number> = {}): string {
    const ref = s.$ref || '';
    const next = { ...history, [ref]: 1 };
    const r = this.resolved(s);
    if (!path.length) {
      let out = `DESCRIPTION:\n${indent(4, wrap(76, this.description(r) || '<empty>'))}\n`;
      const fields = this.fieldList(r, 1, recursive);
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (ref && history[ref]) return ''; // a cycle
    if (truthy(r.properties) && truthy(r.properties![path[0]])) {
      const sub = r.properties![path[0]];
      let out = '';
      if (path.length === 1) out += `FIELD: ${path[0]} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1)}\n\n`;
      return out + this.output(sub, path.slice(1), recursive, {});
    }
    if (truthy(r.items)) return this.output(r.items!, path, recursive, next);
    const values = mapValues(r);
    if (values) return this.output(values, path, recursive, next);
    for (const a of r.allOf ?? []) {
      const out = this.output(a, path, recursive, next);
      if (out) return out;
    }
    return '';
  }

  /** The template's main body: the kind from the resource's paths, then its schema. Calls write() as the template writes. */
  render(gvr: { group: string; version: string; resource: string }, path: string[], recursive: boolean, write: (s: string) => void): void {
    const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
    const base = `${prefix}/${gvr.version}`;
    const searchPaths = [`${base}/${gvr.resource}`, `${base}/${gvr.resource}/{name}`, `${base}/namespaces/{namespace}/${gvr.resource}`, `${base}/namespaces/{namespace}/${gvr.resource}/{name}`];
    let gvk: Json = undefined;
    for (const p of searchPaths) {
      const item = this.doc.paths[p];
      if (!truthy(item)) continue;
      for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[m];
        if (!truthy(op)) continue;
        gvk = op['x-kubernetes-group-version-kind'];
        if (truthy(gvk)) break;
      }
    }
    if (!truthy(gvk)) throw new ExplainError(`error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`);
    const g = gvk as { group: string; version: string; kind: string };
    if (g.group) write(`GROUP:      ${g.group}\n`);
    write(`KIND:       ${g.kind}\nVERSION:    ${g.version}\n\n`);
    let out = '';
    for (const name of Object.keys(this.doc.components.schemas).sort()) {
      const s = this.doc.components.schemas[name];
      const gvks = s['x-kubernetes-group-version-kind'] ?? [];
      if (!gvks.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind && Object.keys(x).length === Object.keys(g).length)) continue;
      out = this.output(s, path, recursive);
      if (!out) throw new ExplainError(`error: field "${path[path.length - 1]}" does not exist`);
      break;
    }
    if (!out) throw new ExplainError(`error: GVK map[group:${g.group} kind:${g.kind} version:${g.version}] not found in OpenAPI schema`);
    write(`${out}\n`);
  }
}

/** How Go's %v prints a JSON value. */
function goValue(v: Json): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const INVALID_JSONPATH = 'error: invalid jsonpath syntax, first node must be field node';

type PathNode = { field: string } | { recursive: true } | { other: true };

/** client-go's jsonpath isTerminator: where a field name ends. */
function isTerminator(c: string | undefined): boolean {
  return c === undefined || isSpace(c) || '.,[]$@{}'.includes(c);
}

/**
 * The nodes of the JSONPath `{.INPUT}` as kubectl's explain parses them (a trailing `.` dropped): fields,
 * `..` recursive descents and anything else (`[0]`, `*`), which explain refuses.
 */
function jsonPathNodes(input: string): PathNode[] {
  const s = `.${input.replace(/\.$/, '')}`;
  const nodes: PathNode[] = [];
  let i = 0;
  const field = () => {
    const start = i;
    while (!isTerminator(s[i])) i++;
    const name = s.slice(start, i);
    nodes.push(name === '*' ? { other: true } : { field: name.replaceAll('\\', '') });
  };
  while (i < s.length) {
    if (s[i] === '.' && s[i + 1] === '.') {
      if (nodes.length && 'recursive' in nodes[nodes.length - 1]) throw new CommandError('error: invalid multiple recursive descent');
      nodes.push({ recursive: true });
      i += 2;
      if (s[i] !== undefined && /[\p{L}\p{N}_]/u.test(s[i])) field();
    } else if (s[i] === '.') {
      i++;
      field();
    } else if (s[i] === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw new CommandError('error: unterminated array');
      nodes.push({ other: true });
      i = end + 1;
    } else {
      // any other character starts something that is not a field
      nodes.push({ other: true });
      while (i < s.length && s[i] !== '.') i++;
    }
  }
  return nodes;
}

/** The field names of nodes, refusing anything that is not a field. */
function fieldNames(nodes: PathNode[]): string[] {
  return nodes.map((n) => {
    if (!('field' in n)) throw new CommandError(INVALID_JSONPATH);
    return n.field;
  });
}

/**
 * explain.SplitAndParseResourceRequestWithMatchingPrefix: the resource is the first node; when the input
 * starts with `resource.group` the fields are the nodes of what follows it (after its first node),
 * otherwise the nodes after the first. With --api-version (SplitAndParseResourceRequest), always the
 * nodes after the first.
 */
function resourceRequest(kinds: { resolve(name: string): KindSpec | undefined }, input: string, matchGroup: boolean): { spec: KindSpec; path: string[] } {
  const nodes = jsonPathNodes(input);
  const first = nodes[0];
  if (!first || !('field' in first)) throw new CommandError(INVALID_JSONPATH);
  const spec = kinds.resolve(first.field);
  // cmdutil.CheckErr prints a NoResourceMatchError without the `error: ` prefix
  if (!spec) throw new CommandError(`the server doesn't have a resource type "${first.field}"`);
  const groupResource = spec.group ? `${spec.plural}.${spec.group}` : spec.plural;
  if (matchGroup && input.startsWith(groupResource)) {
    const rest = input.slice(groupResource.length);
    return { spec, path: rest ? fieldNames(jsonPathNodes(rest).slice(1)) : [] };
  }
  return { spec, path: fieldNames(nodes.slice(1)) };
}

async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0)
    throw new CommandError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (ctx.args.length > 1) throw new CommandError('error: We accept only this format: explain RESOURCE');
  const apiVersion = str(ctx.flags['api-version']);
  const output = str(ctx.flags.output);
  const client = await ctx.client();
  const kinds = client.kinds;
  const { spec, path } = resourceRequest(kinds, ctx.args[0], !apiVersion);
  let group = spec.group;
  let version = spec.version;
  // kubecadet's API server publishes OpenAPI v3 only; /openapi/v2 answers 404 as on a server without it
  if (output === 'plaintext-openapiv2') throw new CommandError('Error from server (NotFound): the server could not find the requested resource');
  if (output !== 'plaintext') throw new CommandError(`error: unrecognized format: ${output}`);
  if (apiVersion) {
    const parts = apiVersion.split('/');
    if (parts.length > 2) throw new CommandError(`error: unexpected GroupVersion string: ${apiVersion}`);
    [group, version] = parts.length === 2 ? parts : ['', parts[0]];
  }
  const all = kinds.all();
  const gvPath = groupVersionPath(group, version);
  const doc = openapiPaths(all).includes(gvPath) ? openapiDocument(all, gvPath) : undefined;
  if (!doc) throw new CommandError(`error: couldn't find resource for "${group}/${version}, Resource=${spec.plural}"`);
  try {
    new Renderer(doc).render({ group, version, resource: spec.plural }, path, ctx.flags.recursive === true, (s) => ctx.io.out(s));
  } catch (e) {
    if (e instanceof ExplainError) throw new CommandError(e.message);
    throw e;
  }
  return 0;
}

const help = `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'explain', flags, help, run };
