#!/usr/bin/env node
// A fake API server on loopback for recording the real `kubectl events` and `kubectl cluster-info`: discovery
// (made by kubecadet's own modules; run `npx tsc -p tsconfig.json` first), the events of
// test/golden/fixtures/events.json, listed and watched in name order with kubectl's involvedObject field
// selector applied, and the services of fixtures/services.json with a label selector applied. Used by
// test/golden/record-events.sh; never by the tests themselves.
//
//   node test/golden/fake-list-server.mjs PORT
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = (p) => import(path.join(here, '../../dist/src', p));
const { builtinKinds } = await dist('cluster/api/resources/index.js');
const { discoveryDocument } = await dist('cluster/api/discovery.js');
const events = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/events.json'), 'utf8'));
const services = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/services.json'), 'utf8'));

const json = (res, body) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
};

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname.replace(/\/$/, '');
    const m = p.match(/^\/api\/v1(?:\/namespaces\/([^/]+))?\/events$/);
    if (m) {
      let items = events.filter((e) => !m[1] || e.metadata.namespace === m[1]);
      for (const term of (url.searchParams.get('fieldSelector') ?? '').split(',').filter(Boolean)) {
        const [k, v] = term.split('=');
        items = items.filter((e) => e.involvedObject[k.split('.')[1]] === v);
      }
      items = [...items].sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
      if (url.searchParams.get('watch')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        for (const object of items) res.write(JSON.stringify({ type: 'ADDED', object }) + '\n');
        return;
      }
      return json(res, { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items });
    }
    const svc = p.match(/^\/api\/v1\/namespaces\/([^/]+)\/services$/);
    if (svc) {
      const [k, v] = (url.searchParams.get('labelSelector') ?? '=').split('=');
      const items = services.filter((s) => s.metadata.namespace === svc[1] && (!k || s.metadata.labels?.[k] === v));
      return json(res, { kind: 'ServiceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items });
    }
    const doc = discoveryDocument(builtinKinds, p);
    if (doc) return json(res, doc);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
  })
  .listen(Number(process.argv[2]), '127.0.0.1');
