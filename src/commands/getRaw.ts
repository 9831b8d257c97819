import type { CommandContext } from './context.js';
import { str } from './context.js';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import type { Attributes } from '../cluster/api/authz/attributes.js';
import { StatusError } from '../cluster/api/status.js';
import { forbiddenError } from '../cluster/api/authz/authorizer.js';
import { CommandError } from './util/errors.js';
import { groupVersionPath, openapiDocument, openapiIndex, type OpenAPISchema } from '../cluster/api/openapi.js';

/**
 * `kubectl get --raw URI`: one GET of that path, its body copied to stdout as the API server sent it
 * (rawhttp.RawGet). The answers are the API server's: objects and lists as its JSON serializer writes
 * them (compact, Go struct field order, a final newline), discovery, the OpenAPI v3 documents, /version
 * and the health checks; anything else is a 404. Requests are authorized as the API server does: a
 * resource request by the resource's RBAC rules, any other path as a non-resource URL.
 */

/** The 404 a path no handler serves gets; kubectl turns its text body into this message. */
const NOT_FOUND = () => new StatusError('NotFound', 404, 'the server could not find the requested resource');

/** Go's encoding/json escapes these inside strings; JSON.stringify does not. */
function goJSON(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A built-in object as its Go type encodes: struct fields in declaration order (the properties of the
 * kind's schema in fixtures/openapi are kept in that order), map keys sorted, following the schema down.
 */
function typedEncoder(kinds: KindSpec[], spec: KindSpec): (obj: KubeObject) => unknown {
  const doc = openapiDocument(kinds, groupVersionPath(spec.group, spec.version));
  const schemas = doc?.components.schemas ?? {};
  const kindSchema = Object.values(schemas).find((x) =>
    (x['x-kubernetes-group-version-kind'] ?? []).some((g) => g.group === spec.group && g.version === spec.version && g.kind === spec.kind),
  );
  const resolve = (x: OpenAPISchema | undefined): OpenAPISchema | undefined => {
    for (let i = 0; x && i < 8; i++) {
      if (x.$ref) x = schemas[x.$ref.slice(x.$ref.lastIndexOf('/') + 1)];
      else if (x.allOf?.length === 1 && !x.properties) x = x.allOf[0];
      else return x;
    }
    return x;
  };
  const encode = (v: unknown, schema: OpenAPISchema | undefined): unknown => {
    const x = resolve(schema);
    if (Array.isArray(v)) return v.map((item) => encode(item, x?.items));
    if (!v || typeof v !== 'object') return v;
    const obj = v as Record<string, unknown>;
    if (x?.properties && Object.keys(x.properties).length) {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(x.properties)) if (k in obj) out[k] = encode(obj[k], sub);
      for (const [k, val] of Object.entries(obj)) if (!(k in out)) out[k] = sortedKeys(val);
      return out;
    }
    // a Go map (labels, data, resources) or a free-form value: keys sorted
    const values = typeof x?.additionalProperties === 'object' ? x.additionalProperties : undefined;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, values ? encode(obj[k], values) : sortedKeys(obj[k])]),
    );
  };
  return (obj) => encode(obj, kindSchema);
}

/** An unstructured object (a custom resource) is a Go map: every level's keys sorted. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The API server's authorization step for a request the client's own calls do not authorize: a 403 unless allowed. */
function authorize(client: Client, attrs: Omit<Attributes, 'user'>): void {
  const verdict = client.canI(attrs);
  if (verdict.decision !== 'Allow') throw forbiddenError({ ...attrs, user: client.whoami() }, verdict.reason);
}

/** A resource path: `/api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]`, `/apis/GROUP/VERSION/...`. */
interface ResourcePath {
  spec: KindSpec;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function resourcePath(kinds: KindSpec[], parts: string[]): ResourcePath | undefined {
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    rest = parts.slice(3);
  } else return undefined;
  const version = parts[0] === 'api' ? 'v1' : parts[2];
  const served = kinds.filter((k) => k.group === group && k.version === version);
  const find = (plural: string) => served.find((k) => k.plural === plural);
  // /namespaces/NS/RESOURCE... names a namespaced resource; /namespaces/NS alone is the Namespace itself
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const spec = find(rest[2]);
    if (!spec || !spec.namespaced || rest.length > 5) return undefined;
    return { spec, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const spec = find(rest[0]);
  if (!spec || rest.length > 3) return undefined;
  return { spec, name: rest[1], subresource: rest[2] };
}

async function resourceRequest(ctx: CommandContext, r: ResourcePath, query: URLSearchParams): Promise<string> {
  const client = await ctx.client();
  const { spec } = r;
  if (!r.name) {
    if (r.subresource) throw NOT_FOUND();
    const list = client.list(spec, r.namespace, { labelSelector: query.get('labelSelector') ?? '', fieldSelector: query.get('fieldSelector') ?? '' });
    if (spec.custom) return goJSON(sortedKeys({ ...list, metadata: { continue: '', resourceVersion: list.metadata.resourceVersion } }));
    // a typed list's items carry no kind or apiVersion
    const encode = typedEncoder(client.kinds.all(), spec);
    const items = list.items.map((i) => {
      const { kind: _k, apiVersion: _v, ...rest } = i;
      return encode(rest as KubeObject);
    });
    return goJSON({ kind: list.kind, apiVersion: list.apiVersion, metadata: list.metadata, items });
  }
  if (spec.namespaced && r.namespace === undefined) {
    // /api/v1/pods/NAME: authorized, but no route serves a namespaced object outside its namespace
    authorize(client, { verb: 'get', apiGroup: spec.group, resource: spec.plural, subresource: r.subresource, name: r.name });
    throw NOT_FOUND();
  }
  let obj: KubeObject;
  if (!r.subresource) obj = client.get(spec, r.namespace, r.name);
  else if (r.subresource === 'scale' && spec.scale) obj = client.getScale(spec, r.namespace, r.name);
  else if (r.subresource === 'status' && spec.statusSubresource) {
    // authorized as the status subresource, then read as the object it is part of
    authorize(client, { verb: 'get', apiGroup: spec.group, resource: spec.plural, subresource: 'status', namespace: r.namespace, name: r.name });
    obj = (await ctx.engine()).api.get(spec, r.namespace, r.name);
  } else {
    // a subresource kubecadet does not serve (log, exec, proxy...): authorized, then not found
    authorize(client, { verb: 'get', apiGroup: spec.group, resource: spec.plural, subresource: r.subresource, namespace: r.namespace, name: r.name });
    throw NOT_FOUND();
  }
  if (r.subresource === 'scale') {
    // autoscaling/v1 Scale, in its struct's order
    const { kind, apiVersion, metadata, spec: scaleSpec, status } = obj;
    return goJSON({ kind, apiVersion, metadata, spec: scaleSpec, status });
  }
  return goJSON(spec.custom ? sortedKeys(obj) : typedEncoder(client.kinds.all(), spec)(obj));
}

/** `/api/v1/X...` and `/apis/G/V/X...`: what kube-apiserver's RequestInfo parses as a resource request. */
function looksLikeResource(parts: string[]): boolean {
  return (parts[0] === 'api' && parts.length >= 3) || (parts[0] === 'apis' && parts.length >= 4);
}

/** Paths served outside the resource tree: discovery, OpenAPI, version, health. */
async function nonResourceRequest(ctx: CommandContext, path: string): Promise<string> {
  const client = await ctx.client();
  authorize(client, { verb: 'get', path });
  const kinds = client.kinds.all();
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return 'ok';
  if (path === '/version') {
    const { serverBuild } = await import('./version.js');
    // the version handler writes indented JSON (responsewriters.WriteRawJSON)
    return JSON.stringify(serverBuild(), null, 2);
  }
  if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) {
    if (path === '/openapi/v3') return goJSON(openapiIndex(kinds));
    const doc = openapiDocument(kinds, path.slice('/openapi/v3/'.length));
    if (!doc) throw NOT_FOUND();
    return goJSON(doc);
  }
  const { discoveryDocument } = await import('../cluster/api/discovery.js');
  const doc = discoveryDocument(kinds, path);
  if (!doc) throw NOT_FOUND();
  return `${goJSON(doc)}\n`;
}

/** Go's url.ParseRequestURI, as far as a path goes: an absolute path or an absolute URL. */
function parseRequestURI(raw: string): URL {
  if (!raw.startsWith('/') && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw)) throw new CommandError(`error: --raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`);
  return new URL(raw, 'https://127.0.0.1');
}

export async function getRaw(ctx: CommandContext): Promise<number> {
  const raw = str(ctx.flags.raw);
  if (ctx.args.length) throw new CommandError('error: arguments may not be passed when --raw is specified');
  if (ctx.flags.watch === true || ctx.flags['watch-only'] === true || str(ctx.flags.selector))
    throw new CommandError('error: --raw may not be specified with other flags that filter the server request or alter the output');
  if (str(ctx.flags.output)) throw new CommandError('error: --raw and --output are mutually exclusive');
  const url = parseRequestURI(raw);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const client = await ctx.client();
  const parts = path.split('/').filter(Boolean);
  const r = resourcePath(client.kinds.all(), parts);
  if (r) ctx.io.out(`${await resourceRequest(ctx, r, url.searchParams)}\n`);
  else if (looksLikeResource(parts)) {
    // the API server's RequestInfo takes it for a resource request: authorized as one, then not found
    const gv = parts[0] === 'api' ? 2 : 3;
    const rest = parts.slice(gv);
    const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
    const [resource, name, subresource] = namespaced ? rest.slice(2) : rest;
    authorize(client, { verb: name ? 'get' : 'list', apiGroup: parts[0] === 'api' ? '' : parts[1], resource, subresource, namespace: namespaced ? rest[1] : undefined, name });
    throw NOT_FOUND();
  } else ctx.io.out(await nonResourceRequest(ctx, path));
  return 0;
}
