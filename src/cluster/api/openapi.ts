import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { KindSpec } from './resources/kindSpec.js';
import type { JSONSchemaProps } from './crdSchema.js';

/**
 * The API server's OpenAPI v3 documents (`/openapi/v3` and `/openapi/v3/<api/v1|apis/GROUP/VERSION>`),
 * which `kubectl explain` reads. The built-in group-versions come from fixtures/openapi/ (the Kubernetes
 * v1.32 documents cut down to what explain reads, see scripts/gen-openapi.mjs), read only when asked
 * for; a custom resource's document is built from its CRD's schema as the apiextensions server does.
 */

/** An OpenAPI v3 schema, as far as the documents here use it. */
export interface OpenAPISchema {
  description?: string;
  type?: string;
  properties?: Record<string, OpenAPISchema>;
  required?: string[];
  items?: OpenAPISchema;
  additionalProperties?: OpenAPISchema | boolean;
  allOf?: OpenAPISchema[];
  $ref?: string;
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface OpenAPIDocument {
  openapi: string;
  info: { title: string; version: string };
  /** path -> method -> operation; only the x-kubernetes-group-version-kind of each operation is kept */
  paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: GroupVersionKind }>>;
  components: { schemas: Record<string, OpenAPISchema> };
}

const fixtureDir = fileURLToPath(new URL('../../../../fixtures/openapi/', import.meta.url));

/** `api/v1` -> `api__v1.json.gz`, `apis/apps/v1` -> `apis__apps__v1.json.gz` */
export function openapiFileName(groupVersionPath: string): string {
  return `${groupVersionPath.replaceAll('/', '__')}.json.gz`;
}

/** `api/v1` for the core group, `apis/GROUP/VERSION` otherwise: the key under /openapi/v3. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const builtinCache = new Map<string, OpenAPIDocument | undefined>();

/** A built-in group-version's document, read from fixtures/openapi the first time it is asked for. */
function builtinDocument(gvPath: string): OpenAPIDocument | undefined {
  if (builtinCache.has(gvPath)) return builtinCache.get(gvPath);
  let doc: OpenAPIDocument | undefined;
  try {
    doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(`${fixtureDir}${openapiFileName(gvPath)}`)).toString('utf8')) as OpenAPIDocument;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  builtinCache.set(gvPath, doc);
  return doc;
}

/** The group-version paths listed at /openapi/v3, in the server's (sorted) order. */
export function openapiPaths(kinds: KindSpec[]): string[] {
  return [...new Set(kinds.map((k) => groupVersionPath(k.group, k.version)))].sort();
}

/** The index at /openapi/v3: each group-version's document URL, with the hash of its content. */
export function openapiIndex(kinds: KindSpec[]): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of openapiPaths(kinds)) {
    const hash = createHash('sha512').update(JSON.stringify(openapiDocument(kinds, gv))).digest('hex').toUpperCase();
    paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` };
  }
  return { paths };
}

/** The document served at /openapi/v3/<gvPath>, or undefined when no served kind is in that group-version. */
export function openapiDocument(kinds: KindSpec[], gvPath: string): OpenAPIDocument | undefined {
  const here = kinds.filter((k) => groupVersionPath(k.group, k.version) === gvPath);
  if (!here.length) return undefined;
  const custom = here.filter((k) => k.custom);
  if (!custom.length) return builtinDocument(gvPath);
  return customDocument(custom);
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const REF = '#/components/schemas/';

/** `stable.example.com/v1.CronTab` -> `com.example.stable.v1.CronTab` (kube-openapi's ToRESTFriendlyName). */
function definitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

const OBJECT_META_REF = `${REF}${META}ObjectMeta`;
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * A CRD's openAPIV3Schema as the structural schema publishes it: only what a schema keyword says. An
 * object marked x-kubernetes-embedded-resource gets apiVersion, kind and metadata as the builder's
 * addEmbeddedProperties gives them, apiVersion and kind required.
 */
function fromCRDSchema(s: JSONSchemaProps): OpenAPISchema {
  const out: OpenAPISchema = {};
  const src = s as Record<string, unknown>;
  if (typeof src.description === 'string') out.description = src.description;
  if (typeof src.type === 'string') out.type = src.type;
  if (src.properties && typeof src.properties === 'object')
    out.properties = Object.fromEntries(Object.entries(src.properties as Record<string, JSONSchemaProps>).map(([k, v]) => [k, fromCRDSchema(v)]));
  if (Array.isArray(src.required)) out.required = src.required as string[];
  if (src.items && typeof src.items === 'object' && !Array.isArray(src.items)) out.items = fromCRDSchema(src.items as JSONSchemaProps);
  if (typeof src.additionalProperties === 'boolean') out.additionalProperties = src.additionalProperties;
  else if (src.additionalProperties && typeof src.additionalProperties === 'object') out.additionalProperties = fromCRDSchema(src.additionalProperties as JSONSchemaProps);
  if (Array.isArray(src.enum)) out.enum = src.enum;
  if (src['x-kubernetes-embedded-resource'] === true) {
    out.properties = {
      ...out.properties,
      apiVersion: {
        description:
          'apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
        type: 'string',
      },
      kind: {
        description:
          'kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        type: 'string',
      },
      metadata: { allOf: [{ $ref: OBJECT_META_REF }], description: METADATA_DESCRIPTION },
    };
    const required = [...(out.required ?? [])];
    for (const r of ['kind', 'apiVersion']) if (!required.includes(r)) required.push(r);
    out.required = required;
  }
  return out;
}

/**
 * The document of a custom group-version, as the apiextensions server builds it (openapi/builder): each
 * kind's schema is its CRD schema with apiVersion and kind from TypeMeta and metadata a reference to
 * ObjectMeta, marked with its group-version-kind, next to ObjectMeta and what it refers to; paths for
 * the collection and the named object (and the all-namespaces list of a namespaced kind).
 */
function customDocument(kinds: KindSpec[]): OpenAPIDocument {
  const core = builtinDocument('api/v1');
  const coreSchemas = core?.components.schemas ?? {};
  const pod = coreSchemas['io.k8s.api.core.v1.Pod']?.properties ?? {};
  const schemas: Record<string, OpenAPISchema> = {};
  // ObjectMeta and everything it refers to, from the core document
  const queue = [`${META}ObjectMeta`];
  while (queue.length) {
    const name = queue.pop()!;
    if (schemas[name] || !coreSchemas[name]) continue;
    schemas[name] = coreSchemas[name];
    JSON.stringify(coreSchemas[name], (k, v) => {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) queue.push(v.slice(REF.length));
      return v;
    });
  }
  const paths: OpenAPIDocument['paths'] = {};
  for (const k of kinds) {
    const gvk = { group: k.group, version: k.version, kind: k.kind };
    const s: OpenAPISchema = k.schema ? fromCRDSchema(k.schema) : { type: 'object' };
    if (k.schema) {
      s.properties = {
        ...s.properties,
        apiVersion: pod.apiVersion,
        kind: pod.kind,
        metadata: { allOf: [{ $ref: OBJECT_META_REF }], description: METADATA_DESCRIPTION },
      };
    }
    s['x-kubernetes-group-version-kind'] = [gvk];
    schemas[definitionName(k.group, k.version, k.kind)] = s;
    const op = { 'x-kubernetes-group-version-kind': gvk };
    const base = `/apis/${k.group}/${k.version}`;
    const collection = k.namespaced ? `${base}/namespaces/{namespace}/${k.plural}` : `${base}/${k.plural}`;
    if (k.namespaced) paths[`${base}/${k.plural}`] = { get: op };
    paths[collection] = { get: op, post: op, delete: op };
    paths[`${collection}/{name}`] = { get: op, put: op, delete: op, patch: op };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths, components: { schemas } };
}
