#!/usr/bin/env node
// Catch-up cost: a default cluster with 50 running pods left alone for 7 simulated days, then opened.
// Prints the milliseconds the catch-up took (goal: under 200 ms).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../dist/src/cluster/clock.js';
import { openCluster } from '../dist/src/cluster/engine.js';
import { addNode } from '../dist/src/cluster/machine.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-bench-'));
const clock = new ManualClock();
const engine = await openCluster(home, 'bench', { clock });
for (const n of ['node01', 'node02']) if (!engine.store.read().objects['/nodes']?.[`/${n}`]) await addNode(engine, n);
const client = engine.client();
const deploy = client.kinds.forKind('Deployment', 'apps');
for (let i = 0; i < 5; i++)
  await client.create(deploy, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app${i}`, namespace: 'default' },
    spec: { replicas: 10, selector: { matchLabels: { app: `app${i}` } }, template: { metadata: { labels: { app: `app${i}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
await engine.sync();
for (let i = 0; i < 6; i++) {
  clock.advanceMs(5000);
  await engine.sync();
}
const running = Object.values(engine.store.read().objects['/pods'] ?? {}).filter((p) => p.status?.phase === 'Running').length;
clock.advanceMs(7 * 24 * 3600 * 1000);
// a fresh process opens the cluster a week later
const later = await openCluster(home, 'bench', { clock });
const start = performance.now();
await later.sync();
const ms = performance.now() - start;
console.log(JSON.stringify({ metric: 'catch-up after 7 idle days', runningPods: running, milliseconds: Math.round(ms) }));
fs.rmSync(home, { recursive: true, force: true });
