import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Store } from '../../../src/cluster/store/store.js';
import { StoreError } from '../../../src/cluster/store/errors.js';
import { SCHEMA_VERSION, WATCH_LOG_SIZE } from '../../../src/cluster/store/document.js';
import { STALE_MS, withLock } from '../../../src/cluster/store/lock.js';
import { openCluster } from '../../../src/cluster/engine.js';
import { clusterFile } from '../../../src/cluster/home.js';
import type { ApiWatchEvent } from '../../../src/cluster/api/server.js';
import { newTestCluster, tempHome } from '../../helpers/cluster.js';
import { cli } from '../../helpers/cli.js';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../helpers/storeChild.js');

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a child to its end: exit code, stdout, stderr, and how long it took. */
function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  const c = child(args);
  let stdout = '';
  let stderr = '';
  c.stdout!.on('data', (d) => (stdout += d));
  c.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => c.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - start })));
}

/** The ConfigMaps the test's processes created (the cluster's own, like kube-root-ca.crt, left out). */
function configMapNames(file: string): string[] {
  const doc = new Store(file).read();
  return Object.values(doc.objects['/configmaps'] ?? {})
    .filter((o) => o.metadata.namespace === 'default' && o.metadata.name !== 'kube-root-ca.crt')
    .map((o) => o.metadata.name!);
}

t.test('12 processes creating objects at once lose nothing', async (t) => {
  const home = tempHome();
  const per = 15;
  // a fresh home: the processes also race to create the default cluster, which must happen once
  const runs = await Promise.all(Array.from({ length: 12 }, (_, p) => runChild(['create', home, `p${p}`, String(per)])));
  for (const r of runs) t.same({ code: r.code, stderr: r.stderr }, { code: 0, stderr: '' });
  const file = clusterFile(home, 'kubernetes');
  const names = configMapNames(file).sort();
  const want = Array.from({ length: 12 * per }, (_, i) => `p${Math.floor(i / per)}-${i % per}`).sort();
  t.same(names, want, 'every ConfigMap of every process is stored');

  const doc = new Store(file).read();
  const reference = new Store(clusterFile(tempHome(), 'kubernetes'));
  await openCluster(path.dirname(path.dirname(reference.file)), 'kubernetes');
  const fixtureRv = reference.read().resourceVersion;
  // (the control plane's own writes after the start-up may add more)
  void fixtureRv;
  // each create was its own write: 12 x 15 distinct revisions, none above the document's
  const created = Object.values(doc.objects['/configmaps'] ?? {}).filter((o) => /^p\d+-\d+$/.test(o.metadata.name ?? ''));
  const createdRvs = created.map((o) => Number(o.metadata.resourceVersion));
  t.equal(new Set(createdRvs).size, 12 * per, 'every create bumped the revision');
  t.ok(Math.max(...createdRvs) <= doc.resourceVersion, 'no object is ahead of the store');
  const rvs = Object.values(doc.objects).flatMap((m) => Object.values(m).map((o) => Number(o.metadata.resourceVersion)));
  t.equal(new Set(rvs).size, rvs.length, 'no two writes shared a resourceVersion');
  t.same(Object.keys(doc.objects['/namespaces']).sort(), Object.keys(reference.read().objects['/namespaces']).sort());
});

t.test('a process killed with SIGKILL during writes never leaves a store that fails to load', async (t) => {
  const home = tempHome();
  const file = clusterFile(home, 'kubernetes');
  // a large store: 200 ConfigMaps of 8 KiB, so every write spends milliseconds writing ~3.5 MB
  const seed = await runChild(['create', home, 'seed', '200', '8192']);
  t.equal(seed.code, 0, seed.stderr);
  const bytes = fs.statSync(file).size;
  t.ok(bytes > 3_000_000, `the store holds ${bytes} bytes`);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);

  let kills = 0;
  let inTransaction = 0;
  let midWrite = 0;
  let lastCount = configMapNames(file).length;
  for (let round = 0; round < 8 && (kills < 5 || midWrite < 1); round++) {
    fs.rmSync(tmp, { force: true });
    const c = child(['loop', home, `r${round}`, '8192']);
    // once it has stored one, the next transaction is under way: kill it somewhere inside
    await new Promise<void>((resolve) => c.stdout!.once('data', () => resolve()));
    await sleep(Math.floor(Math.random() * 80));
    const exited = new Promise((resolve) => c.on('exit', resolve));
    c.kill('SIGKILL');
    await exited;
    kills++;
    if (fs.existsSync(tmp)) midWrite++;
    if (fs.existsSync(`${file}.lock`)) inTransaction++;
    let names: string[] = [];
    t.doesNotThrow(() => (names = configMapNames(file)), `the store loads after kill ${kills}`);
    t.ok(names.length > lastCount, 'nothing stored before the kill is lost');
    lastCount = names.length;
    // the dead process may still own the lock; its takeover is the next test's subject
    fs.rmSync(`${file}.lock`, { recursive: true, force: true });
  }
  t.ok(kills >= 5, `${kills} kills`);
  t.ok(inTransaction >= 1, `${inTransaction} of them landed inside a transaction`);
  t.comment(`${midWrite} kills landed while the new store file was being written`);
});

t.test('a lock left by a killed process is taken over, not waited on forever', async (t) => {
  const home = tempHome();
  const file = clusterFile(home, 'kubernetes');
  t.equal((await runChild(['create', home, 'before', '1'])).code, 0);
  const lock = `${file}.lock`;
  const own = (pid: number) => {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'owner'), JSON.stringify({ pid, host: os.hostname() }));
  };
  const deadPid = async () => {
    const dead = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => dead.once('spawn', resolve));
    dead.kill('SIGKILL');
    await new Promise((resolve) => dead.once('exit', resolve));
    return dead.pid!;
  };
  // how long taking the lock takes, measured here so process start-up does not blur it
  const timeLock = async () => {
    const start = Date.now();
    await withLock(file, () => undefined);
    return Date.now() - start;
  };

  // Killed just now, holding the lock: its pid is gone, so the lock is taken over at once.
  own(await deadPid());
  const killed = await timeLock();
  t.ok(killed < 1000, `taken over after ${killed} ms, without waiting for it to go stale`);

  // Killed between creating the lock and naming itself: taken over once it is STALE_MS old.
  fs.mkdirSync(lock);
  const unnamed = await timeLock();
  t.ok(unnamed >= STALE_MS - 100 && unnamed < STALE_MS + 2000, `an unknown owner's lock is respected until stale, then taken over (${unnamed} ms)`);

  // Left long ago by an unknown owner: taken over at once.
  fs.mkdirSync(lock);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
  const late = await timeLock();
  t.ok(late < 1000, `an old lock is taken over after ${late} ms`);

  // Held by a live process that is busy: waited for, never taken over.
  const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  t.teardown(() => holder.kill('SIGKILL'));
  await new Promise((resolve) => holder.once('spawn', resolve));
  own(holder.pid!);
  const old2 = new Date(Date.now() - 2 * STALE_MS);
  fs.utimesSync(lock, old2, old2);
  const waiting = timeLock();
  await sleep(1500);
  fs.rmSync(lock, { recursive: true });
  const waited = await waiting;
  t.ok(waited >= 1400, `a live holder is waited for even when it has not refreshed for ${2 * STALE_MS} ms (${waited} ms)`);

  // and a whole command after a kill goes through
  own(await deadPid());
  const next = await runChild(['create', home, 'next', '1']);
  t.equal(next.code, 0, next.stderr);
  t.same(configMapNames(file).sort(), ['before-0', 'next-0']);
  t.notOk(fs.existsSync(lock), 'the lock is released afterwards');
});

t.test('an unreadable or hand-corrupted store is reported, exit 1, and left byte for byte as it was', async (t) => {
  const home = tempHome();
  const file = clusterFile(home, 'kubernetes');
  t.equal(cli(home, ['kubectl', 'get', 'nodes']).code, 0);
  const valid = fs.readFileSync(file);
  const cases: { name: string; content: Buffer | string; why: string }[] = [
    { name: 'truncated JSON', content: valid.subarray(0, Math.floor(valid.length / 2)), why: 'cannot be read (' },
    { name: 'garbage', content: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x67, 0x61, 0x72]), why: 'cannot be read (' },
    { name: 'empty file', content: '', why: 'cannot be read (Unexpected end of JSON input)' },
    { name: 'a JSON array', content: '[]', why: 'cannot be read (it is not a kubecadet cluster document)' },
    { name: 'objects of the wrong type', content: '{"schemaVersion":1,"resourceVersion":7,"objects":{"/pods":7},"events":[],"sim":{}}', why: 'cannot be read (it is not a kubecadet cluster document)' },
    { name: 'no resourceVersion', content: '{"schemaVersion":1,"objects":{},"events":[],"sim":{}}', why: 'cannot be read (it is not a kubecadet cluster document)' },
    {
      name: 'a newer schema',
      content: JSON.stringify({ ...JSON.parse(valid.toString()), schemaVersion: SCHEMA_VERSION + 1 }),
      why: `was written by a newer kubecadet (schema ${SCHEMA_VERSION + 1}, this one reads up to ${SCHEMA_VERSION})`,
    },
  ];
  // the file is laid out in sections, each parsed on first use (layout.ts): damage to one is found when it is read
  const lines = valid.toString().split('\n');
  const nodes = lines.findIndex((l) => l.startsWith('"/nodes":'));
  t.ok(nodes > 3, 'the nodes are a section of their own');
  const withNodes = (line: string) => lines.map((l, i) => (i === nodes ? line : l)).join('\n');
  const damaged = withNodes(lines[nodes].replace('"kind":"Node"', '"kind":"Node"}'));
  let damagedWhy = '';
  try {
    JSON.parse(damaged);
  } catch (e) {
    damagedWhy = (e as Error).message;
  }
  t.ok(damagedWhy, 'the damaged file is not JSON');
  cases.push(
    { name: 'a damaged section', content: damaged, why: `cannot be read (${damagedWhy})` },
    { name: 'a section of the wrong type', content: withNodes(`"/nodes":7${lines[nodes].endsWith(',') ? ',' : ''}`), why: 'cannot be read (it is not a kubecadet cluster document)' },
    {
      name: 'a newer schema, in sections',
      content: valid.toString().replace(/^\{"schemaVersion":\d+,/, `{"schemaVersion":${SCHEMA_VERSION + 1},`),
      why: `was written by a newer kubecadet (schema ${SCHEMA_VERSION + 1}, this one reads up to ${SCHEMA_VERSION})`,
    },
  );
  for (const k of cases) {
    fs.writeFileSync(file, k.content);
    const before = fs.readFileSync(file);
    // the bare command shows the cluster too, so it must fail the same way
    const commands = k.name === 'garbage' ? [['kubectl', 'get', 'pods'], []] : [['kubectl', 'get', 'nodes', '-o', 'yaml']];
    for (const args of commands) {
      const r = cli(home, args);
      t.equal(r.code, 1, `${k.name}: kubecadet ${args.join(' ')} exits 1`);
      const lines = r.stderr.split('\n');
      t.equal(lines.length, 2, `${k.name}: one paragraph: ${r.stderr}`);
      t.equal(lines[1], '');
      t.ok(lines[0].startsWith(`error: the cluster store ${file} `), `${k.name}: names the file`);
      t.ok(lines[0].includes(k.why), `${k.name}: says why: ${lines[0]}`);
      t.ok(lines[0].includes("'kubecadet cluster reset --yes'"), `${k.name}: names the recovery command`);
      t.notMatch(r.stderr, /\n\s+at |internal error/, `${k.name}: no stack trace`);
    }
    // a write through the API refuses in the same words and writes nothing
    await t.rejects(
      openCluster(home, 'kubernetes').then((e) => e.client().create(e.client().kinds.resolve('configmaps')!, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 'default')),
      StoreError,
      `${k.name}: a write is refused`,
    );
    t.ok(fs.readFileSync(file).equals(before), `${k.name}: the file is byte-identical`);
    t.notOk(fs.existsSync(`${file}.lock`), `${k.name}: no lock is left behind`);
  }

  // a store that is not even a file
  fs.rmSync(file);
  fs.mkdirSync(file);
  const r = cli(home, ['kubectl', 'get', 'pods']);
  t.equal(r.code, 1);
  t.equal(r.stderr, `error: the cluster store ${file} cannot be read (EISDIR: illegal operation on a directory, read). kubecadet has not changed it. Move it aside to keep it for inspection, or run 'kubecadet cluster reset --yes' to replace it with a fresh cluster.\n`);
  fs.rmdirSync(file);

  // the recovery command named in the message works
  fs.writeFileSync(file, 'garbage');
  const reset = cli(home, ['cluster', 'reset', '--yes']);
  t.equal(reset.code, 0, reset.stderr);
  const after = cli(home, ['kubectl', 'get', 'nodes']);
  t.equal(after.code, 0, after.stderr);
  t.match(after.stdout, /^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready /);
});

t.test('a schema 1 store (one line of JSON) is read whole, and written in sections by the next write', async (t) => {
  const home = tempHome();
  const file = clusterFile(home, 'kubernetes');
  t.equal(cli(home, ['kubectl', 'create', 'configmap', 'old', '--from-literal=a=b']).code, 0);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { schemaVersion: number; objects: Record<string, unknown> };
  t.equal(doc.schemaVersion, SCHEMA_VERSION, 'the file is one JSON document');
  fs.writeFileSync(file, JSON.stringify({ ...doc, schemaVersion: 1 }));

  const read = cli(home, ['kubectl', 'get', 'configmap', 'old', '-o', 'jsonpath={.data.a}']);
  t.equal(read.stderr, '');
  t.equal(read.stdout, 'b');
  t.equal(fs.readFileSync(file, 'utf8').split('\n').length, 1, 'a read leaves the file as it was');

  t.equal(cli(home, ['kubectl', 'create', 'configmap', 'new', '--from-literal=c=d']).code, 0);
  const text = fs.readFileSync(file, 'utf8');
  const after = JSON.parse(text) as typeof doc;
  t.equal(after.schemaVersion, SCHEMA_VERSION);
  t.same(Object.keys(after.objects).sort(), Object.keys(doc.objects).sort(), 'every resource is kept');
  t.same(configMapNames(file).sort(), ['new', 'old']);
  const lines = text.split('\n');
  t.same(lines.slice(1, 4).map((l) => l.slice(0, l.indexOf(':'))), ['"sim"', '"events"', '"objects"'], 'the watch log and the simulation state have lines of their own');
  t.equal(lines.length, 5 + Object.keys(after.objects).length, 'so does every resource');
});

t.test('a read parses only the sections it uses', async (t) => {
  const home = tempHome();
  const file = clusterFile(home, 'kubernetes');
  t.equal(cli(home, ['kubectl', 'get', 'nodes']).code, 0);
  const doc = new Store(file).read();
  const parsed = (o: object, k: string) => Object.getOwnPropertyDescriptor(o, k)?.get === undefined;
  t.notOk(parsed(doc, 'events'), 'the watch log is not parsed by a read');
  t.notOk(parsed(doc.objects, '/pods'), 'nor the pods');
  t.ok(doc.events.length > 0, 'the watch log is there when asked for');
  t.same(
    Object.keys(doc.objects['/nodes']),
    Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { objects: Record<string, object> }).objects['/nodes']),
    'a section reads as the whole file does',
  );
});

/** Collects events from a watch until `n` have arrived or the stream ends. */
async function take(stream: AsyncGenerator<ApiWatchEvent>, n: number): Promise<ApiWatchEvent[]> {
  const out: ApiWatchEvent[] = [];
  while (out.length < n) {
    const next = await stream.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

t.test('a watcher that fell behind the bounded watch log gets 410 Expired', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const cm = client.kinds.resolve('configmaps')!;
  const start = c.engine.store.read().resourceVersion;
  const burst = async (prefix: string, n: number) =>
    c.engine.store.transaction(async () => {
      for (let i = 0; i < n; i++) await client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${prefix}-${i}` } }, 'default');
    });

  // more writes than the log keeps, in one transaction
  await burst('a', WATCH_LOG_SIZE + 5);
  const doc = c.engine.store.read();
  t.equal(doc.events.length, WATCH_LOG_SIZE, 'the log is bounded');
  const oldest = doc.events[0].rv;
  t.equal(oldest, doc.resourceVersion - WATCH_LOG_SIZE + 1);

  // from a revision the log no longer covers: one ERROR, then the stream ends
  const expiredEvents = await take(client.watch(cm, 'default', { resourceVersion: String(start) }), 10);
  t.equal(expiredEvents.length, 1);
  t.equal(expiredEvents[0].type, 'ERROR');
  t.match(expiredEvents[0].object, {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: `too old resource version: ${start} (${oldest - 1})`,
    reason: 'Expired',
    code: 410,
  });

  // from the last revision the log still covers: every event after it, no ERROR
  const edge = client.watch(cm, 'default', { resourceVersion: String(oldest - 1) });
  const got = await take(edge, WATCH_LOG_SIZE);
  t.equal(got.length, WATCH_LOG_SIZE);
  t.ok(got.every((e) => e.type === 'ADDED'));
  t.equal(got[0].object.metadata.resourceVersion, String(oldest));
  await edge.return(undefined);

  // a live watcher that falls behind while it is not reading
  const ac = new AbortController();
  const live = client.watch(cm, 'default', { resourceVersion: String(c.engine.store.read().resourceVersion), signal: ac.signal });
  const pending = live.next();
  await burst('b', 1);
  t.equal(((await pending).value as ApiWatchEvent).object.metadata.name, 'b-0');
  await burst('c', WATCH_LOG_SIZE + 1);
  const behind = await take(live, 5);
  t.equal(behind.length, 1);
  t.equal(behind[0].type, 'ERROR');
  t.equal(behind[0].object.code, 410);
  t.match(behind[0].object.message, /^too old resource version: \d+ \(\d+\)$/);
  ac.abort();
});

t.test('a watch sees another process write within 100 ms', async (t) => {
  const home = tempHome();
  const engine = await openCluster(home, 'kubernetes');
  const client = engine.client();
  const cm = client.kinds.resolve('configmaps')!;
  const ac = new AbortController();
  const rv = String(engine.store.read().resourceVersion);
  const arrived = new Map<string, number>();
  const n = 8;
  const watching = (async () => {
    for await (const e of client.watch(cm, 'default', { resourceVersion: rv, signal: ac.signal })) {
      arrived.set(e.object.metadata.name!, Date.now());
      if (arrived.size === n) return;
    }
  })();
  const r = await runChild(['create', home, 'w', String(n), '0', '150']);
  t.equal(r.code, 0, r.stderr);
  await Promise.race([watching, sleep(5000)]);
  ac.abort();
  // after: from the moment the writer's create returned; whole: from the moment it began
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [name, before, after] = line.split(' ');
      const at = arrived.get(name) ?? Infinity;
      return { after: at - Number(after), whole: at - Number(before) };
    });
  t.equal(rows.length, n);
  t.ok(rows.every((x) => Number.isFinite(x.after)), 'every change arrived');
  const after = rows.map((x) => Math.max(0, x.after)).sort((a, b) => a - b);
  const whole = rows.map((x) => x.whole).sort((a, b) => a - b);
  t.comment(`cross-process watch latency after the write (ms): ${rows.map((x) => x.after).join(' ')}`);
  t.comment(`from the start of the writing call (ms): ${rows.map((x) => x.whole).join(' ')}`);
  t.ok(after[Math.floor(n / 2)] < 100, `median ${after[Math.floor(n / 2)]} ms after the write`);
  t.ok(after[n - 1] < 1000, `slowest ${after[n - 1]} ms after the write`);
  t.ok(whole[Math.floor(n / 2)] < 500, `median ${whole[Math.floor(n / 2)]} ms from the start of the writing call`);
});
