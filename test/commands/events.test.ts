import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { KubeObject } from '../../src/cluster/api/types.js';
import { goSort } from '../../src/commands/util/goSort.js';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { GOLDEN_FIXTURES, localGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

/** A cluster holding the events test/golden/record-events.sh served the real kubectl, at 12:00:00. */
async function withRecordedEvents(): Promise<TestCluster> {
  const c = await newTestCluster({ fixture: 'bare', simulate: false, start: Date.parse('2026-01-01T12:00:00Z') });
  const client = c.engine.client();
  const spec = client.kinds.forKind('Event', '')!;
  if ((await kubectl(c.engine, 'get ns kube-system')).code) await kubectl(c.engine, 'create namespace kube-system');
  for (const e of JSON.parse(fs.readFileSync(path.join(GOLDEN_FIXTURES, 'events.json'), 'utf8')) as KubeObject[]) await client.create(spec, e, e.metadata.namespace);
  return c;
}

/** What the server adds to an object's metadata, which the fake server that answered the real kubectl did not. */
function withoutServerMetadata(s: string): string {
  return s
    .replace(/^ *(uid|resourceVersion|creationTimestamp): .*\n/gm, '')
    .replace(/^ *"(uid|resourceVersion)": .*\n/gm, '')
    .replace(/,\n( *)"creationTimestamp": ("[^"]*"|null)\n/g, '\n');
}

t.test('events sorts, selects and prints as the real kubectl did', async (t) => {
  const c = await withRecordedEvents();
  for (const g of localGoldens(['events-'])) {
    if (g.name === 'events-bad-types' || g.name === 'events-wide' || g.name.startsWith('events-for-no') || g.name.startsWith('events-for-two')) continue;
    const got = await kubectl(c.engine, g.args);
    if (g.name === 'events-yaml' || g.name === 'events-json') got.stdout = withoutServerMetadata(got.stdout);
    const want = g.name === 'events-yaml' || g.name === 'events-json' ? withoutServerMetadata(g.stdout) : g.stdout;
    t.same(got, { stdout: want, stderr: g.stderr, code: g.code }, g.name);
  }
});

t.test("events' flag mistakes fail with kubectl's messages", async (t) => {
  const c = await withRecordedEvents();
  for (const name of ['events-bad-types', 'events-wide', 'events-for-no-slash', 'events-for-two-slashes']) {
    const [g] = localGoldens([name]);
    t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, name);
  }
});

t.test('the table: LAST SEEN with repeats, OBJECT as Kind/name, trimmed messages, remembered widths under -w', async (t) => {
  const c = await withRecordedEvents();
  t.same(
    await kubectl(c.engine, 'events -n kube-system'),
    ok('LAST SEEN   TYPE     REASON   OBJECT          MESSAGE\n2m          Normal   Pulled   Pod/coredns-1   padded\n2m          Normal   Pulled   Pod/coredns-1   padded\n'),
  );
  t.same(
    await kubectl(c.engine, 'events --for deploy/web --no-headers'),
    ok(
      [
        '10m (x2 over 20m)   Normal    Started            Deployment/web   message 1',
        '20m                 Normal    Scheduled          Deployment/web   message 6',
        '2m (x3 over 20m)    Normal    Pulled             Deployment/web   message 11',
        '50s (x2 over 20m)   Warning   BackOff            Deployment/web   message 16',
        '20m                 Normal    Created            Deployment/web   message 21',
        '50s (x3 over 20m)   Warning   FailedScheduling   Deployment/web   message 26',
        '',
      ].join('\n'),
    ),
  );
  t.same(
    await kubectl(c.engine, 'events -A --for pod/coredns-1'),
    ok('NAMESPACE     LAST SEEN   TYPE     REASON   OBJECT          MESSAGE\nkube-system   2m          Normal   Pulled   Pod/coredns-1   padded\nkube-system   2m          Normal   Pulled   Pod/coredns-1   padded\n'),
  );
  const event = (name: string, extra: Record<string, unknown>) =>
    c.engine.client().create(c.engine.client().kinds.forKind('Event', '')!, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'team' },
      involvedObject: { kind: 'Pod', namespace: 'team', name: 'p', apiVersion: 'v1' },
      source: { component: 'kubelet' },
      ...extra,
    } as unknown as KubeObject);
  await kubectl(c.engine, 'create namespace team');
  t.same(await kubectl(c.engine, 'events -n team'), ok('', 'No events found in team namespace.\n'));
  await event('a', { reason: 'Pulled', message: 'short', type: 'Normal', firstTimestamp: '2026-01-01T11:59:00Z', lastTimestamp: '2026-01-01T11:59:00Z', count: 1 });
  await event('b', { reason: 'FailedMount', message: 'a much longer message', type: 'Warning', firstTimestamp: '2026-01-01T11:00:00Z', lastTimestamp: '2026-01-01T11:59:30Z', count: 40 });
  // -w prints what exists in the watch's order, each event on its own, column widths only growing
  const abort = new AbortController();
  const watching = kubectl(c.engine, 'events -n team -w', { signal: abort.signal });
  const names = new AbortController();
  const watchingNames = kubectl(c.engine, 'events -n team -w -o name --types=Warning', { signal: names.signal });
  await new Promise((r) => setTimeout(r, 50));
  await event('c', { reason: 'Killing', message: 'later', type: 'Normal', eventTime: '2026-01-01T12:00:00.000000Z', action: 'Killing', reportingComponent: 'kubelet', reportingInstance: 'node01', series: { count: 2, lastObservedTime: '2026-01-01T12:00:00.000000Z' } });
  await c.engine.client().delete(c.engine.client().kinds.forKind('Event', '')!, 'team', 'a');
  await new Promise((r) => setTimeout(r, 50));
  abort.abort();
  names.abort();
  t.same(
    await watching,
    ok('LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n60s         Normal   Pulled   Pod/p    short\n30s (x40 over 60m)   Warning   FailedMount   Pod/p    a much longer message\n0s (x2 over 0s)      Normal    Killing       Pod/p    later\n'),
    'a deletion is not shown',
  );
  t.same(await watchingNames, ok('event/b\n'));
});

t.test("goSort is Go's sort.Sort: unstable as Go's is, and a true sort", async (t) => {
  const keys = Array.from({ length: 200 }, (_, i) => (i * 7919) % 13);
  const sorted = goSort(
    keys.map((k, i) => ({ k, i })),
    (a, b) => a.k < b.k,
  );
  t.same(
    sorted.map((x) => x.k),
    [...keys].sort((a, b) => a - b),
  );
  t.same(goSort([3, 1, 2], (a, b) => a < b), [1, 2, 3]);
  const descending = Array.from({ length: 100 }, (_, i) => 100 - i);
  t.same(goSort(descending, (a, b) => a < b), Array.from({ length: 100 }, (_, i) => i + 1));
});
