import t from 'tap';
import { refusal, withRunningPod } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

const withPod = withRunningPod;

t.test('pods/ephemeralcontainers adds a container, defaulted as any, and changes nothing else', async (t) => {
  const { client, pods, add } = await withPod();
  const before = client.get(pods, 'default', 'web');
  const after = await client.patch(
    pods,
    'default',
    'web',
    'strategic',
    { metadata: { labels: { sneaky: 'yes' } }, spec: { activeDeadlineSeconds: 5, ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'web' }] } },
    { subresource: 'ephemeralcontainers' },
  );
  t.same(after.spec.ephemeralContainers, [
    { name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'web', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} },
  ]);
  t.same(after.metadata.labels, before.metadata.labels, 'metadata is the stored one');
  t.equal(after.spec.activeDeadlineSeconds, undefined, 'and so is the rest of the spec');
  t.same(client.get(pods, 'default', 'web', 'ephemeralcontainers'), after, 'GET of the subresource is the pod');
  t.equal(after.metadata.resourceVersion !== before.metadata.resourceVersion, true);
});

t.test('ephemeral containers are validated as the API server does', async (t) => {
  const { client, pods, add } = await withPod();
  const cases: { name: string; ec: Record<string, unknown>; want: string }[] = [
    { name: 'ports are refused', ec: { name: 'd', image: 'busybox', ports: [{ containerPort: 80 }] }, want: 'Pod "web" is invalid: spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container' },
    {
      name: 'resources and probes are refused, in field order',
      ec: { name: 'd', image: 'busybox', resources: { limits: { cpu: '1' } }, readinessProbe: { exec: { command: ['true'] } } },
      want: 'Pod "web" is invalid: [spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container]',
    },
    { name: 'a name taken by a container', ec: { name: 'web', image: 'busybox' }, want: 'Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"' },
    { name: 'a target that is not a container of the pod', ec: { name: 'd', image: 'busybox', targetContainerName: 'app' }, want: 'Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "app"' },
    { name: 'no image', ec: { name: 'd' }, want: 'Pod "web" is invalid: spec.ephemeralContainers[0].image: Required value' },
    {
      name: 'subPath mounts',
      ec: { name: 'd', image: 'busybox', volumeMounts: [{ name: client.get(pods, 'default', 'web').spec.volumes[0].name, mountPath: '/x', subPath: 'token' }] },
      want: 'Pod "web" is invalid: spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container',
    },
  ];
  for (const k of cases) {
    const e = await refusal(() => add(k.ec));
    t.equal(e.code, 422, k.name);
    t.equal(e.message, k.want, k.name);
  }
  t.notOk(client.get(pods, 'default', 'web').spec.ephemeralContainers, 'nothing was added');
});

t.test('ephemeral containers are only ever added: not changed, not removed, not through the pod itself', async (t) => {
  const { c, client, pods, add } = await withPod();
  await add({ name: 'one', image: 'busybox' });
  const two = await add({ name: 'two', image: 'busybox' });
  t.same(two.spec.ephemeralContainers.map((e: KubeObject) => e.name), ['one', 'two'], 'merged by name');

  const changed = await refusal(() => add({ name: 'one', image: 'alpine' }));
  t.match(changed.message, /^Pod "web" is invalid: spec\.ephemeralContainers: Forbidden: existing ephemeral containers "one" may not be changed\n/);
  const removed = await refusal(() => client.update(pods, { ...two, spec: { ...two.spec, ephemeralContainers: [two.spec.ephemeralContainers[1]] } }, { subresource: 'ephemeralcontainers' }));
  t.equal(removed.message, 'Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "one" may not be removed\n');

  const plain = await refusal(() => client.update(pods, { ...two, spec: { ...two.spec, ephemeralContainers: [...two.spec.ephemeralContainers, { name: 'three', image: 'busybox' }] } }));
  t.match(plain.message, /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/, 'a plain update may not touch them');

  const created = await kubectl(c.engine, 'create -f -', {
    stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pre\nspec:\n  containers:\n  - name: a\n    image: nginx\n  ephemeralContainers:\n  - name: e\n    image: busybox\n',
  });
  t.equal(created.stderr, 'The Pod "pre" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create\n');
});

t.test('the subresource is authorized as pods/ephemeralcontainers', async (t) => {
  const { c, pods } = await withPod();
  const k = (line: string) => kubectl(c.engine, line);
  await k('create role patcher --verb=get,patch,update --resource=pods');
  await k('create rolebinding patcher --role=patcher --user=jane');
  const jane = c.engine.client('jane');
  const ec = { spec: { ephemeralContainers: [{ name: 'd', image: 'busybox' }] } };
  const e = await refusal(() => jane.patch(pods, 'default', 'web', 'strategic', ec, { subresource: 'ephemeralcontainers' }));
  t.equal(e.message, 'pods "web" is forbidden: User "jane" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "default"');
  const g = await refusal(() => jane.get(pods, 'default', 'web', 'ephemeralcontainers'));
  t.equal(g.message, 'pods "web" is forbidden: User "jane" cannot get resource "pods/ephemeralcontainers" in API group "" in the namespace "default"');
  await k('create role debugger --verb=get,patch --resource=pods/ephemeralcontainers');
  await k('create rolebinding debugger --role=debugger --user=jane');
  const ok = await jane.patch(pods, 'default', 'web', 'strategic', ec, { subresource: 'ephemeralcontainers' });
  t.equal(ok.spec.ephemeralContainers[0].name, 'd', 'granted');
});
