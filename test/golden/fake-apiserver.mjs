#!/usr/bin/env node
// A fake API server on loopback that answers only what `kubectl explain` asks for: discovery (/api,
// /apis, ...) and the OpenAPI v3 documents (/openapi/v3, /openapi/v3/<api/v1|apis/G/V>), made by the
// same modules kubecadet serves them from (run `npx tsc -p tsconfig.json` first). Used to record the real
// kubectl with test/golden/record-explain.sh; never by the tests themselves.
//
//   node test/golden/fake-apiserver.mjs PORT [CRD.yaml ...]
//
// Each CRD file is served as an established CustomResourceDefinition, its names accepted as given.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p) => import(path.join(root, 'dist/src', p));
const { builtinKinds } = await dist('cluster/api/resources/index.js');
const { kindsFromCRD } = await dist('cluster/api/crd.js');
const { discoveryDocument } = await dist('cluster/api/discovery.js');
const { openapiDocument, openapiIndex } = await dist('cluster/api/openapi.js');

const [port, ...crdFiles] = process.argv.slice(2);
const custom = crdFiles.flatMap((f) => {
  const crd = parse(fs.readFileSync(f, 'utf8'));
  const names = { singular: crd.spec.names.kind.toLowerCase(), listKind: `${crd.spec.names.kind}List`, ...crd.spec.names };
  crd.status = { acceptedNames: names, conditions: [{ type: 'Established', status: 'True' }] };
  return kindsFromCRD(crd);
});
const kinds = [...builtinKinds, ...custom];

// what the API server's NotFound handler answers a path nothing serves
const notFound = (res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('404 page not found\n');
};
const json = (res, body) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
};

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname.replace(/\/$/, '');
    if (p === '/openapi/v3') return json(res, openapiIndex(kinds));
    if (p.startsWith('/openapi/v3/')) {
      const doc = openapiDocument(kinds, p.slice('/openapi/v3/'.length));
      return doc ? json(res, doc) : notFound(res);
    }
    const doc = discoveryDocument(kinds, p);
    return doc ? json(res, doc) : notFound(res);
  })
  .listen(Number(port), '127.0.0.1');
