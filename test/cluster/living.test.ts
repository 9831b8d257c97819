import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import type { KubeObject } from '../../src/cluster/api/types.js';

function pod(name: string, image: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name, image, ...extra }] } };
}

t.test('a pod is scheduled, its image pulled, and it runs', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  await client.create(podSpec, pod('web', 'nginx:1.27'));
  await c.engine.sync();
  let p = client.get(podSpec, 'default', 'web');
  t.equal(p.spec.nodeName, 'node01', 'bound to the first of two equal nodes');
  t.equal(p.status.phase, 'Pending');
  t.equal(p.status.containerStatuses[0].state.waiting.reason, 'ContainerCreating');
  c.advance(10_000);
  await c.engine.sync();
  p = client.get(podSpec, 'default', 'web');
  t.equal(p.status.phase, 'Running');
  t.equal(p.status.podIP, '10.244.1.2');
  t.ok(p.status.containerStatuses[0].ready);
  const r = await kubectl(c.engine, 'get pods');
  t.match(r.stdout, /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nweb {4}1\/1 {5}Running {3}0 {10}10s\n$/);
});

t.test('a pod that fits nowhere gets FailedScheduling with kube-scheduler\'s message', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  const lonely = pod('lonely', 'nginx');
  lonely.spec.nodeSelector = { disk: 'ssd' };
  await client.create(podSpec, lonely);
  await c.engine.sync();
  const p = client.get(podSpec, 'default', 'lonely');
  const cond = p.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled');
  t.equal(cond.status, 'False');
  t.equal(cond.reason, 'Unschedulable');
  t.equal(
    cond.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
});

t.test('an unknown image fails to pull and backs off', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  await client.create(podSpec, pod('bad', 'nginx:nope'));
  await c.engine.sync();
  c.advance(2000);
  await c.engine.sync();
  let p = client.get(podSpec, 'default', 'bad');
  t.equal(p.status.containerStatuses[0].state.waiting.reason, 'ErrImagePull');
  c.advance(5000);
  await c.engine.sync();
  p = client.get(podSpec, 'default', 'bad');
  t.equal(p.status.containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
  t.match(p.status.containerStatuses[0].state.waiting.message, /docker\.io\/library\/nginx:nope: not found/);
});

t.test('a container that exits restarts with back-off into CrashLoopBackOff', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  await client.create(podSpec, pod('crashy', 'busybox:1.36', { command: ['sh', '-c', 'echo hi; sleep 5; exit 1'] }));
  await c.engine.sync();
  c.advance(60_000);
  await c.engine.sync();
  const p = client.get(podSpec, 'default', 'crashy');
  const cs = p.status.containerStatuses[0];
  t.ok(cs.restartCount >= 2, `restarted (${cs.restartCount})`);
  t.equal(cs.lastState.terminated.exitCode, 1);
  t.equal(cs.lastState.terminated.reason, 'Error');
});

t.test('a pod with restartPolicy Never that exits 0 completes', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  const body = pod('once', 'busybox', { command: ['sh', '-c', 'echo done'] });
  body.spec.restartPolicy = 'Never';
  await client.create(podSpec, body);
  await c.engine.sync();
  c.advance(30_000);
  await c.engine.sync();
  const p = client.get(podSpec, 'default', 'once');
  t.equal(p.status.phase, 'Succeeded');
  const r = await kubectl(c.engine, 'get pod once');
  t.match(r.stdout, /once {3}0\/1 {5}Completed {3}0 {10}30s/);
});

t.test('deleting a bound pod waits for the kubelet, which stops it within the grace period', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const podSpec = client.kinds.forKind('Pod')!;
  await client.create(podSpec, pod('web', 'nginx'));
  await c.engine.sync();
  c.advance(10_000);
  await c.engine.sync();
  await client.delete(podSpec, 'default', 'web');
  t.ok(client.get(podSpec, 'default', 'web').metadata.deletionTimestamp, 'Terminating first');
  await c.engine.sync();
  c.advance(1000);
  await c.engine.sync();
  t.throws(() => client.get(podSpec, 'default', 'web'), /not found/, 'nginx stops on SIGTERM: gone within a second');
});

t.test('a namespace being deleted refuses new events, and the components that report them carry on', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'create namespace shop');
  await kubectl(c.engine, 'create deployment web --image=nginx:1.27 --replicas=2 -n shop');
  c.advance(20_000);
  await c.engine.sync();
  t.equal((await kubectl(c.engine, 'delete namespace shop --wait=false')).code, 0);
  // the kubelet reports Killing for each pod while the namespace is Terminating: those events are refused
  for (let i = 0; i < 10; i++) {
    c.advance(5_000);
    await c.engine.sync();
  }
  t.same(await kubectl(c.engine, 'get ns shop'), { stdout: '', stderr: 'Error from server (NotFound): namespaces "shop" not found\n', code: 1 });
});
