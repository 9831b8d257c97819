import t from 'tap';
import { jsonPatch, mergePatch } from '../../../src/cluster/api/patch.js';
import { strategicMerge, threeWayMergePatch } from '../../../src/cluster/api/strategicMerge.js';

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ metadata: { name: 'p' }, spec: { containers, ...extra } });

t.test('strategic merge patch', async (t) => {
  const live = pod([
    { name: 'a', image: 'nginx', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
    { name: 'b', image: 'busybox' },
  ]);
  t.same(
    strategicMerge(live, { spec: { containers: [{ name: 'a', image: 'nginx:1.27', env: [{ name: 'Y', value: '2' }] }] } }),
    pod([
      { name: 'a', image: 'nginx:1.27', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'b', image: 'busybox' },
    ]),
    'containers merge by name, env by name',
  );
  t.same(strategicMerge(live, { spec: { containers: [{ name: 'b', $patch: 'delete' }] } }), pod([live.spec.containers[0]]), '$patch: delete removes an element');
  t.same(
    strategicMerge(live, { spec: { containers: [{ name: 'c', image: 'redis' }, { $patch: 'replace' }] } }),
    pod([{ name: 'c', image: 'redis' }]),
    '$patch: replace in a list replaces it',
  );
  t.same(strategicMerge({ spec: { tolerations: [{ key: 'a' }], x: 1 } }, { spec: { tolerations: [{ key: 'b' }], x: null } }), { spec: { tolerations: [{ key: 'b' }] } }, 'lists without a merge key are replaced, null deletes');
  t.same(
    (strategicMerge(live, { spec: { ['$setElementOrder/containers']: [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'b', image: 'busybox:1' }] } }) as { spec: { containers: { name: string }[] } }).spec.containers.map((c: { name: string }) => c.name),
    ['b', 'a'],
    '$setElementOrder orders the merged list',
  );
  t.same(strategicMerge({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { ['$deleteFromPrimitiveList/finalizers']: ['a'], finalizers: ['c'] } }), { metadata: { finalizers: ['b', 'c'] } }, 'primitive merge lists');
  t.same(strategicMerge({ spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }), { spec: { strategy: { type: 'Recreate' } } }, '$retainKeys drops the other keys');
  t.same(
    strategicMerge({ spec: { ports: [{ port: 80, name: 'http' }] } }, { spec: { ports: [{ port: 443, name: 'https' }] } }),
    { spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] } },
    'Service ports merge by port',
  );
  t.same(strategicMerge({ spec: { a: [1] } }, { spec: { a: [2] } }, { group: 'x', custom: true }), { spec: { a: [2] } }, 'custom resources merge as JSON merge patches');
});

t.test('the three-way patch apply sends', async (t) => {
  const original = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { replicas: 3, containers: [{ name: 'a', image: 'nginx', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] } };
  const modified = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.27', env: [{ name: 'X', value: '1' }] }] } };
  const current = {
    metadata: { labels: { app: 'web', tier: 'front', owner: 'ops' }, uid: 'u' },
    spec: { replicas: 5, containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Always', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] },
  };
  const patch = threeWayMergePatch(original, modified, current);
  t.same(patch, {
    metadata: { labels: { tier: null } },
    spec: {
      replicas: null,
      ['$setElementOrder/containers']: [{ name: 'a' }],
      containers: [{ image: 'nginx:1.27', ['$setElementOrder/env']: [{ name: 'X' }], env: [{ $patch: 'delete', name: 'Y' }], name: 'a' }],
    },
  });
  t.same(strategicMerge(current, patch), {
    metadata: { labels: { app: 'web', owner: 'ops' }, uid: 'u' },
    spec: { containers: [{ name: 'a', image: 'nginx:1.27', imagePullPolicy: 'Always', env: [{ name: 'X', value: '1' }] }] },
  }, 'applied, it removes what the file dropped and keeps what others set');
  t.same(threeWayMergePatch(modified, modified, strategicMerge(current, patch)), {}, 'nothing to do the second time');
  t.same(threeWayMergePatch(undefined, { spec: { a: [1, 2] } }, { spec: { a: [1], b: 1 } }, false), { spec: { a: [1, 2] } }, 'JSON merge: lists are replaced whole, no deletions without an original');
  t.same(threeWayMergePatch({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['a', 'c'] } }, { metadata: { finalizers: ['a', 'b'] } }), {
    metadata: { finalizers: ['c'], ['$deleteFromPrimitiveList/finalizers']: ['b'], ['$setElementOrder/finalizers']: ['a', 'c'] },
  });
});

t.test('merge and JSON patches', async (t) => {
  t.same(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] }), { a: { c: 2, e: 3 }, d: [2] });
  t.same(
    jsonPatch({ spec: { replicas: 1, list: ['a'] } }, [
      { op: 'replace', path: '/spec/replicas', value: 2 },
      { op: 'add', path: '/spec/list/-', value: 'b' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/copy' },
      { op: 'move', from: '/spec/copy', path: '/spec/moved' },
      { op: 'test', path: '/spec/moved', value: 2 },
      { op: 'remove', path: '/spec/list/0' },
    ]),
    { spec: { replicas: 2, list: ['b'], moved: 2 } },
  );
  // evanphx/json-patch's words, as the real kubectl printed them for `patch --local --type=json`
  const pod = { metadata: { name: 'mypod' }, spec: { containers: [{ name: 'main' }] } };
  const fails: [unknown, string][] = [
    [{ op: 'add', path: '/spec/foo/bar', value: 1 }, 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value'],
    [{ op: 'remove', path: '/spec/foo' }, "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value"],
    [{ op: 'replace', path: '/spec/foo/bar', value: 1 }, 'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value'],
    [{ op: 'move', from: '/spec/foo', path: '/spec/bar' }, "error in move for path: 'foo': Unable to remove nonexistent key: foo: missing value"],
    [{ op: 'add', path: '/spec/containers/5', value: 1 }, "error in add for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
    [{ op: 'remove', path: '/spec/containers/5' }, "error in remove for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
    [{ op: 'bogus', path: '/spec' }, 'Unexpected kind: bogus'],
    [{ op: 'test', path: '/metadata/name', value: 'x' }, 'testing value /metadata/name failed: test failed'],
  ];
  for (const [op, message] of fails) t.throws(() => jsonPatch(pod, [op]), { reason: 'BadRequest', message }, message);
  t.throws(() => jsonPatch(pod, { op: 'add' }), { message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
  t.same((jsonPatch(pod, [{ op: 'replace', path: '/spec/foo', value: 1 }]) as { spec: unknown }).spec, { containers: [{ name: 'main' }], foo: 1 }, 'replace sets a missing key');
  t.same((jsonPatch(pod, [{ op: 'copy', from: '/spec/foo', path: '/spec/bar' }]) as { spec: unknown }).spec, { containers: [{ name: 'main' }], bar: null }, 'copy from a missing key copies null');
});
