#!/usr/bin/env node
// Writes fixtures/openapi/: the OpenAPI v3 documents of the built-in group-versions kubecadet serves,
// as the Kubernetes v1.32 API server publishes them at /openapi/v3/<api/v1|apis/GROUP/VERSION>, cut down
// to what `kubectl explain` reads.
//
//   npx tsc -p tsconfig.json && node scripts/gen-openapi.mjs DIR API APIMACHINERY APIEXTENSIONS
//
// DIR holds the v1.32 documents laid out by their path: DIR/api/v1.json, DIR/apis/apps/v1.json, ...
// (kubernetes' api/openapi-spec/v3/*_openapi.json at a v1.32 tag, one file per group-version).
// API, APIMACHINERY and APIEXTENSIONS are checkouts of k8s.io/api, k8s.io/apimachinery and
// k8s.io/apiextensions-apiserver at v0.32.4 (scripts/go-api-types.mjs reads them): the spec files are
// generated without the enums a running v1.32 API server publishes (feature OpenAPIEnums, on by
// default), which are added from there; and each schema's properties are put in its Go struct's field
// order, which `get --raw` writes objects in.
//
// Kept: the paths of the served resources (list, get and per-namespace forms) with each operation's
// x-kubernetes-group-version-kind, which is how kubectl finds the Kind of a resource; and every schema
// reachable from the served kinds, with only the keywords kubectl's plaintext template reads
// (description, type, properties, required, items, additionalProperties, allOf, $ref, enum, and the
// x-kubernetes-group-version-kind that marks a kind's schema). Each document is gzipped with node:zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [src, ...goDirs] = process.argv.slice(2);
if (!src || goDirs.length !== 3) {
  console.error('usage: node scripts/gen-openapi.mjs DIR API APIMACHINERY APIEXTENSIONS   (DIR/api/v1.json, DIR/apis/GROUP/VERSION.json)');
  process.exit(2);
}
const { readPackages, addEnums, orderProperties } = await import('./go-api-types.mjs');
const pkgs = readPackages(goDirs);
const { builtinKinds } = await import(path.join(root, 'dist/src/cluster/api/resources/index.js'));
const { openapiFileName } = await import(path.join(root, 'dist/src/cluster/api/openapi.js'));

const KEEP = ['description', 'type', 'properties', 'required', 'items', 'additionalProperties', 'allOf', '$ref', 'enum', 'x-kubernetes-group-version-kind'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PREFIX = '#/components/schemas/';

function strip(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const k of KEEP) {
    if (!(k in schema)) continue;
    const v = schema[k];
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, strip(s)]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = strip(v);
    else if (k === 'allOf') out[k] = v.map(strip);
    else out[k] = v;
  }
  return out;
}

function refsOf(schema, into) {
  if (typeof schema !== 'object' || schema === null) return;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith(PREFIX)) into.add(schema.$ref.slice(PREFIX.length));
  for (const v of Object.values(schema)) {
    if (Array.isArray(v)) v.forEach((x) => refsOf(x, into));
    else if (typeof v === 'object') refsOf(v, into);
  }
}

const byGV = new Map();
for (const k of builtinKinds) {
  const gv = k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
  if (!byGV.has(gv)) byGV.set(gv, []);
  byGV.get(gv).push(k);
}

const outDir = path.join(root, 'fixtures/openapi');
fs.mkdirSync(outDir, { recursive: true });
let total = 0;
let totalRaw = 0;
for (const [gv, kinds] of byGV) {
  const doc = JSON.parse(fs.readFileSync(path.join(src, `${gv}.json`), 'utf8'));
  const enums = addEnums(doc.components.schemas, pkgs);
  const ordered = orderProperties(doc.components.schemas, pkgs);
  const prefix = `/${gv}`;
  const paths = {};
  for (const k of kinds) {
    const candidates = [`${prefix}/${k.plural}`, `${prefix}/${k.plural}/{name}`, `${prefix}/namespaces/{namespace}/${k.plural}`, `${prefix}/namespaces/{namespace}/${k.plural}/{name}`];
    for (const p of candidates) {
      const item = doc.paths[p];
      if (!item) continue;
      paths[p] = {};
      for (const m of METHODS) {
        if (!item[m]) continue;
        const gvk = item[m]['x-kubernetes-group-version-kind'];
        paths[p][m] = gvk ? { 'x-kubernetes-group-version-kind': gvk } : {};
      }
    }
  }
  // the kinds' schemas, then everything they refer to
  const wanted = new Set();
  const schemas = doc.components.schemas;
  for (const [name, s] of Object.entries(schemas)) {
    const gvks = s['x-kubernetes-group-version-kind'] ?? [];
    if (gvks.some((x) => kinds.some((k) => x.group === k.group && x.version === k.version && x.kind === k.kind))) wanted.add(name);
  }
  const queue = [...wanted];
  while (queue.length) {
    const name = queue.pop();
    const refs = new Set();
    refsOf(schemas[name], refs);
    for (const r of refs) if (!wanted.has(r)) (wanted.add(r), queue.push(r));
  }
  const kept = {};
  for (const name of [...wanted].sort()) kept[name] = strip(schemas[name]);
  const out = { openapi: doc.openapi, info: doc.info, paths, components: { schemas: kept } };
  const json = JSON.stringify(out);
  const gz = zlib.gzipSync(json, { level: 9 });
  fs.writeFileSync(path.join(outDir, openapiFileName(gv)), gz);
  total += gz.length;
  totalRaw += json.length;
  console.log(`${gv}: ${Object.keys(paths).length} paths, ${wanted.size} schemas, ${enums} enums, ${ordered} in field order, ${json.length} bytes, ${gz.length} gzipped`);
}
console.log(`total: ${totalRaw} bytes, ${total} gzipped`);
