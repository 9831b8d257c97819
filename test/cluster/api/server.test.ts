import t from 'tap';
import { newTestCluster, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { StatusError } from '../../../src/cluster/api/status.js';
import { WATCH_LOG_SIZE } from '../../../src/cluster/store/document.js';
import type { KindSpec } from '../../../src/cluster/api/resources/kindSpec.js';
import type { KubeObject, ObjectMeta } from '../../../src/cluster/api/types.js';
import type { ApiWatchEvent } from '../../../src/cluster/api/server.js';

function kind(c: TestCluster, name: string): KindSpec {
  const spec = c.engine.client().kinds.resolve(name);
  if (!spec) throw new Error(`no kind ${name}`);
  return spec;
}

function configMap(name: string, metadata: Partial<ObjectMeta> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, data: { a: '1' } };
}

/** Runs fn and returns the StatusError it throws. */
async function statusError(fn: () => unknown): Promise<StatusError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

function storedRv(c: TestCluster): number {
  return c.engine.store.read().resourceVersion;
}

t.test('create, get and list keep Kubernetes metadata', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const created = await client.create(cm, configMap('one'), 'default');
  t.equal(created.metadata.namespace, 'default');
  t.match(created.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.equal(created.metadata.creationTimestamp, '2026-01-01T12:00:00Z');
  t.equal(created.metadata.resourceVersion, String(storedRv(c)));
  t.notOk('generation' in created.metadata, 'ConfigMaps do not track generation');
  t.same(client.get(cm, 'default', 'one'), created);

  const again = await statusError(() => client.create(cm, configMap('one'), 'default'));
  t.equal(again.reason, 'AlreadyExists');
  t.equal(again.code, 409);
  t.equal(again.message, 'configmaps "one" already exists');

  const missing = await statusError(() => client.get(cm, 'default', 'nope'));
  t.equal(missing.message, 'configmaps "nope" not found');
  t.equal(missing.code, 404);

  // the root-ca publisher's kube-root-ca.crt lives in every namespace; these tests are about their own objects
  const list = { ...client.list(cm, 'default') };
  list.items = list.items.filter((o) => o.metadata.name !== 'kube-root-ca.crt');
  t.equal(list.kind, 'ConfigMapList');
  t.equal(list.metadata.resourceVersion, String(storedRv(c)));
  t.same(
    list.items.map((i) => i.metadata.name),
    ['one'],
  );
});

t.test('generateName appends five characters of the apimachinery alphabet', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const names = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const o = await client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } }, 'default');
    t.match(o.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    t.equal(o.metadata.generateName, 'web-');
    names.add(o.metadata.name!);
  }
  t.equal(names.size, 20, 'names differ');
  const long = await client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'a'.repeat(70) } }, 'default');
  t.equal(long.metadata.name!.length, 63, 'the prefix is cut to 58 characters');
  t.ok(long.metadata.name!.startsWith('a'.repeat(58)));
  const none = await statusError(() => client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, 'default'));
  t.equal(none.message, 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
});

t.test('updates carry the current resourceVersion, or none where the kind allows it', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const created = await client.create(cm, configMap('one'), 'default');

  const unconditional = await client.update(cm, { ...created, metadata: { ...created.metadata, resourceVersion: undefined }, data: { a: '0' } });
  t.same(unconditional.data, { a: '0' }, 'most kinds take an update without a resourceVersion unconditionally');
  const crd = kind(c, 'crd');
  const def = await client.create(crd, crontabCRD());
  const noRv = await statusError(() => client.update(crd, { ...def, metadata: { ...def.metadata, resourceVersion: undefined } }));
  t.equal(noRv.reason, 'Invalid');
  t.equal(noRv.code, 422);
  t.equal(
    noRv.message,
    'customresourcedefinitions.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
  );
  const ct = kind(c, 'crontabs');
  const tab = await client.create(ct, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec: {} }, 'default');
  const noRvCR = await statusError(() => client.update(ct, { ...tab, metadata: { ...tab.metadata, resourceVersion: '' } }));
  t.equal(noRvCR.message, 'crontabs.stable.example.com "x" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');

  const current = client.get(cm, 'default', 'one');
  const updated = await client.update(cm, { ...current, data: { a: '2' } });
  t.not(updated.metadata.resourceVersion, current.metadata.resourceVersion);

  const stale = await statusError(() => client.update(cm, { ...created, data: { a: '3' } }));
  t.equal(stale.reason, 'Conflict');
  t.equal(stale.code, 409);
  t.equal(
    stale.message,
    'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again',
  );
  t.same(client.get(cm, 'default', 'one').data, { a: '2' });

  const rvBefore = storedRv(c);
  const same = await client.update(cm, updated);
  t.equal(same.metadata.resourceVersion, updated.metadata.resourceVersion, 'an update that changes nothing stores nothing');
  t.equal(storedRv(c), rvBefore);

  const missing = await statusError(() => client.update(cm, configMap('ghost', { resourceVersion: '5' })));
  t.equal(missing.message, 'configmaps "ghost" not found');
});

t.test('uid and creationTimestamp cannot be changed by an update', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const created = await client.create(cm, configMap('one'), 'default');
  c.advance(60_000);
  const moved = await client.update(cm, {
    ...created,
    metadata: { ...created.metadata, creationTimestamp: '2020-01-01T00:00:00Z', labels: { a: 'b' } },
  });
  t.equal(moved.metadata.creationTimestamp, created.metadata.creationTimestamp, 'creationTimestamp is carried over');
  t.equal(moved.metadata.uid, created.metadata.uid);
  const dropped = await client.update(cm, { ...moved, metadata: { ...moved.metadata, uid: undefined, labels: { a: 'c' } } });
  t.equal(dropped.metadata.uid, created.metadata.uid, 'a missing uid is carried over');
  const changed = await statusError(() => client.update(cm, { ...dropped, metadata: { ...dropped.metadata, uid: 'other' } }));
  t.equal(changed.message, 'ConfigMap "one" is invalid: metadata.uid: Invalid value: "other": field is immutable');
  const created2 = await client.create(cm, configMap('two', { uid: 'mine', resourceVersion: '99' }), 'default');
  t.not(created2.metadata.uid, 'mine', 'create assigns its own uid');
  t.not(created2.metadata.resourceVersion, '99');
});

t.test('generation moves only when the spec changes, for kinds that track it', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const crd = kind(c, 'crd');
  const created = await client.create(crd, crontabCRD());
  t.equal(created.metadata.generation, 1);
  const labelled = await client.update(crd, { ...created, metadata: { ...created.metadata, labels: { team: 'a' } } });
  t.equal(labelled.metadata.generation, 1, 'a metadata change keeps the generation');
  const statusTried = await client.update(crd, { ...labelled, status: { ...labelled.status, storedVersions: ['v9'] } });
  t.equal(statusTried.metadata.generation, 1);
  t.same(statusTried.status.storedVersions, ['v1'], 'status is a subresource: a plain update keeps it');
  const respec = structuredClone(statusTried);
  respec.spec.names.shortNames = ['ct', 'cron'];
  const bumped = await client.update(crd, respec);
  t.equal(bumped.metadata.generation, 2);
  t.same(bumped.status.acceptedNames.shortNames, ['ct', 'cron'], 'new names are accepted');
});

t.test('finalizers keep a deleted object until they are removed', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  await client.create(cm, configMap('held', { finalizers: ['example.com/hold'] }), 'default');
  c.advance(5_000);
  const deleting = await client.delete(cm, 'default', 'held');
  t.equal(deleting.metadata.deletionTimestamp, '2026-01-01T12:00:05Z');
  t.equal(deleting.metadata.deletionGracePeriodSeconds, 0);
  t.same(client.get(cm, 'default', 'held').metadata.finalizers, ['example.com/hold'], 'still there');

  const again = await client.delete(cm, 'default', 'held');
  t.equal(again.metadata.resourceVersion, deleting.metadata.resourceVersion, 'a second delete changes nothing');

  const added = await statusError(() =>
    client.update(cm, { ...deleting, metadata: { ...deleting.metadata, finalizers: ['example.com/hold', 'example.com/more'] } }),
  );
  t.equal(
    added.message,
    'ConfigMap "held" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
  );

  const relabelled = await client.update(cm, { ...deleting, metadata: { ...deleting.metadata, deletionTimestamp: undefined, labels: { x: 'y' } } });
  t.equal(relabelled.metadata.deletionTimestamp, '2026-01-01T12:00:05Z', 'an update cannot take the deletionTimestamp away');
  t.same(relabelled.metadata.labels, { x: 'y' });

  const current = client.get(cm, 'default', 'held');
  const gone = await client.update(cm, { ...current, metadata: { ...current.metadata, finalizers: [] } });
  t.equal(gone.metadata.name, 'held');
  const err = await statusError(() => client.get(cm, 'default', 'held'));
  t.equal(err.reason, 'NotFound', 'the last finalizer removed, the object vanishes');
  const last = c.engine.store.read().events.at(-1)!;
  t.equal(last.type, 'DELETED');
  t.equal(last.object.metadata.name, 'held');
});

t.test('namespaces: missing and terminating namespaces refuse new content', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const ns = kind(c, 'ns');
  const missing = await statusError(() => client.create(cm, configMap('c1'), 'nope'));
  t.equal(missing.reason, 'NotFound');
  t.equal(missing.message, 'namespaces "nope" not found');

  await client.create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
  await client.create(cm, configMap('held', { finalizers: ['example.com/hold'] }), 'dev');
  await client.create(cm, configMap('free'), 'dev');
  c.advance(1_000);
  const terminating = await client.delete(ns, undefined, 'dev');
  t.equal(terminating.status.phase, 'Terminating');
  t.equal(terminating.metadata.deletionTimestamp, '2026-01-01T12:00:01Z');

  await c.engine.sync(); // the namespace controller deletes the content
  const refused = await statusError(() => client.create(cm, configMap('late'), 'dev'));
  t.equal(refused.reason, 'Forbidden');
  t.equal(refused.code, 403);
  t.equal(refused.message, 'configmaps "late" is forbidden: unable to create new content in namespace dev because it is being terminated');

  t.same(
    client.list(cm, 'dev').items.map((o) => [o.metadata.name, !!o.metadata.deletionTimestamp]),
    [['held', true]],
    'the content was deleted; the held object waits for its finalizer',
  );
  const stuck = client.get(ns, undefined, 'dev');
  t.same(stuck.spec.finalizers, ['kubernetes']);

  const table = await kubectl(c.engine, 'get ns dev');
  t.equal(table.stdout, 'NAME   STATUS        AGE\ndev    Terminating   1s\n');

  const held = client.get(cm, 'dev', 'held');
  await client.update(cm, { ...held, metadata: { ...held.metadata, finalizers: [] } });
  await c.engine.sync();
  t.equal((await statusError(() => client.get(ns, undefined, 'dev'))).message, 'namespaces "dev" not found', 'the namespace finishes once empty');
});

t.test('deleting a namespace deletes its content, then the namespace; kube-system cannot be deleted', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const ns = kind(c, 'ns');
  const cm = kind(c, 'cm');
  await client.create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'qa' } });
  await client.create(cm, configMap('c1'), 'qa');
  await client.create(cm, configMap('c2'), 'qa');
  await c.engine.sync(); // the controllers give qa its default ServiceAccount and CA bundle first
  const rv = storedRv(c);
  await client.delete(ns, undefined, 'qa');
  await c.engine.sync();
  t.equal((await statusError(() => client.get(ns, undefined, 'qa'))).reason, 'NotFound');
  t.same(client.list(cm, 'qa').items, []);
  const events = c.engine.store
    .read()
    .events.filter((e) => e.rv > rv && (e.object.kind === 'Namespace' || ['c1', 'c2'].includes(e.object.metadata.name ?? '')));
  t.same(
    events.map((e) => [e.type, e.object.kind, e.object.metadata.name]),
    [
      ['MODIFIED', 'Namespace', 'qa'],
      ['DELETED', 'ConfigMap', 'c1'],
      ['DELETED', 'ConfigMap', 'c2'],
      ['DELETED', 'Namespace', 'qa'],
    ],
  );
  for (const name of ['default', 'kube-system', 'kube-public']) {
    const e = await statusError(() => client.delete(ns, undefined, name));
    t.equal(e.message, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
});

t.test('dry-run create, update and delete store nothing', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const rv = storedRv(c);
  const dry = await client.create(cm, configMap('dry'), 'default', { dryRun: true });
  t.equal(dry.metadata.name, 'dry');
  t.equal(storedRv(c), rv);
  t.equal((await statusError(() => client.get(cm, 'default', 'dry'))).reason, 'NotFound');
  const bad = await statusError(() => client.create(cm, configMap('Bad_Name'), 'default', { dryRun: true }));
  t.equal(bad.reason, 'Invalid', 'a dry run still validates');

  const real = await client.create(cm, configMap('real'), 'default');
  const rv2 = storedRv(c);
  await client.update(cm, { ...real, data: { a: 'changed' } }, { dryRun: true });
  await client.patch(cm, 'default', 'real', 'merge', { data: { b: '2' } }, { dryRun: true });
  const deleted = await client.delete(cm, 'default', 'real', { dryRun: true });
  t.equal(deleted.metadata.name, 'real');
  t.equal(storedRv(c), rv2);
  t.same(client.get(cm, 'default', 'real'), real);
});

t.test('label and field selectors filter lists', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  await client.create(cm, configMap('a', { labels: { app: 'web', tier: 'front' } }), 'default');
  await client.create(cm, configMap('b', { labels: { app: 'web', tier: 'back' } }), 'default');
  await client.create(cm, configMap('c', { labels: { app: 'db' } }), 'default');
  const names = (labelSelector?: string, fieldSelector?: string) =>
    client
      .list(cm, 'default', { labelSelector, fieldSelector })
      .items.filter((o) => o.metadata.name !== 'kube-root-ca.crt')
      .map((o) => o.metadata.name);
  t.same(names('app=web'), ['a', 'b']);
  t.same(names('app=web,tier!=front'), ['b']);
  t.same(names('tier'), ['a', 'b']);
  t.same(names('!tier'), ['c']);
  t.same(names('app in (db,cache)'), ['c']);
  t.same(names(undefined, 'metadata.name=b'), ['b']);
  t.same(names(undefined, 'metadata.name!=b'), ['a', 'c']);
  t.same(names('app=web', 'metadata.namespace=default,metadata.name!=a'), ['b']);
  const unknown = await statusError(() => names(undefined, 'foo=bar'));
  t.equal(unknown.reason, 'BadRequest');
  t.equal(unknown.code, 400);
  t.equal(unknown.message, '"foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
  const pods = kind(c, 'pods');
  const podErr = await statusError(() => client.list(pods, 'default', { fieldSelector: 'foo=bar' }));
  t.equal(podErr.message, 'field label not supported: foo', 'kinds with their own selectable fields say it their way');

  const r = await kubectl(c.engine, 'get cm --field-selector foo=bar');
  t.equal(
    r.stderr,
    'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "foo=bar": "foo" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
  );
  t.equal(r.code, 1);
  const ok = await kubectl(c.engine, 'get cm -l app=web --field-selector metadata.name=a');
  t.equal(ok.stdout, 'NAME   DATA   AGE\na      1      0s\n');
});

t.test('a watcher that fell behind the bounded log gets 410 Expired', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const cm = kind(c, 'cm');
  const start = String(storedRv(c));
  // many writes in one transaction: the log is trimmed to its bound when the document is written
  await c.engine.store.transaction(async () => {
    for (let i = 0; i <= WATCH_LOG_SIZE; i++) await client.create(cm, configMap(`c${i}`), 'default');
  });
  const log = c.engine.store.read().events;
  t.equal(log.length, WATCH_LOG_SIZE, 'the log keeps its bound');
  const events: ApiWatchEvent[] = [];
  for await (const e of client.watch(cm, 'default', { resourceVersion: start })) events.push(e);
  t.equal(events.length, 1, 'one event, then the stream ends');
  t.equal(events[0].type, 'ERROR');
  t.match(events[0].object, { kind: 'Status', code: 410, reason: 'Expired', message: `too old resource version: ${start} (${log[0].rv - 1})` });

  const recent = String(log[log.length - 2].rv);
  const ac = new AbortController();
  const seen: string[] = [];
  for await (const e of client.watch(cm, 'default', { resourceVersion: recent, signal: ac.signal })) {
    seen.push(`${e.type} ${e.object.metadata.name}`);
    ac.abort();
  }
  t.same(seen, [`ADDED c${WATCH_LOG_SIZE}`], 'a watch inside the window replays what came after');
});

/** The CronTab CRD of the Kubernetes documentation. */
export function crontabCRD(): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, replicas: { type: 'integer' } } },
              },
            },
          },
        },
      ],
    },
  };
}
