import t from 'tap';
import { newTestCluster, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { setNodeStopped, setControllerEnabled } from '../../../src/cluster/machine.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

async function cluster(): Promise<TestCluster> {
  const c = await newTestCluster();
  return c;
}

async function step(c: TestCluster, ms: number): Promise<void> {
  c.advance(ms);
  await c.engine.sync();
}

function deployment(name: string, image: string, replicas = 3): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
    },
  };
}

function kinds(c: TestCluster) {
  const k = c.engine.client().kinds;
  return {
    pod: k.forKind('Pod')!,
    deploy: k.forKind('Deployment', 'apps')!,
    rs: k.forKind('ReplicaSet', 'apps')!,
    svc: k.forKind('Service')!,
    ep: k.forKind('Endpoints')!,
    node: k.forKind('Node')!,
    job: k.forKind('Job', 'batch')!,
    ds: k.forKind('DaemonSet', 'apps')!,
    cj: k.forKind('CronJob', 'batch')!,
    event: k.forKind('Event')!,
  };
}

function events(c: TestCluster, reason: string): string[] {
  const k = kinds(c);
  return c.engine
    .client()
    .list(k.event, undefined)
    .items.filter((e) => e.reason === reason)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || a.metadata.resourceVersion!.localeCompare(b.metadata.resourceVersion!, undefined, { numeric: true }))
    .map((e) => e.message);
}

t.test('a deployment comes up: replicaset, three pods spread over the workers, Available', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.deploy, deployment('web', 'nginx:1.27'));
  await c.engine.sync();
  const rs = client.list(k.rs, 'default').items;
  t.equal(rs.length, 1);
  t.match(rs[0].metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  t.equal(rs[0].metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  let pods = client.list(k.pod, 'default').items;
  t.equal(pods.length, 3);
  t.ok(pods.every((p) => p.metadata.name!.startsWith(`${rs[0].metadata.name}-`)));
  t.same([...new Set(pods.map((p) => p.spec.nodeName))].sort(), ['node01', 'node02'], 'spread by the scheduler');
  await step(c, 10_000);
  pods = client.list(k.pod, 'default').items;
  t.ok(pods.every((p) => p.status.phase === 'Running'));
  const d = client.get(k.deploy, 'default', 'web');
  t.equal(d.status.readyReplicas, 3);
  t.equal(d.status.availableReplicas, 3);
  t.same(
    d.status.conditions.map((x: any) => [x.type, x.status, x.reason]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ],
  );
  const r = await kubectl(c.engine, 'get deploy');
  t.equal(r.stdout, 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           10s\n');
  t.same(events(c, 'ScalingReplicaSet'), [`Scaled up replica set ${rs[0].metadata.name} from 0 to 3`]);
});

t.test('a deleted pod is replaced; with the replicaset controller off it is not', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.deploy, deployment('web', 'nginx'));
  await step(c, 10_000);
  const victim = client.list(k.pod, 'default').items[0].metadata.name!;
  await client.delete(k.pod, 'default', victim);
  await c.engine.sync();
  let pods = client.list(k.pod, 'default').items.filter((p) => !p.metadata.deletionTimestamp);
  t.equal(pods.length, 3, 'a replacement at once');
  t.notOk(pods.some((p) => p.metadata.name === victim));
  await setControllerEnabled(c.engine, 'replicaset', false);
  await client.delete(k.pod, 'default', pods[0].metadata.name!);
  await step(c, 5000);
  pods = client.list(k.pod, 'default').items;
  t.equal(pods.length, 2, 'nobody replaces it');
  await setControllerEnabled(c.engine, 'replicaset-controller', true);
  t.equal(client.list(k.pod, 'default').items.length, 3, 'self-healing is back');
});

t.test('a rolling update replaces pods one by one and can be undone to the old replicaset', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.deploy, deployment('web', 'nginx:1.26'));
  await step(c, 10_000);
  const d = client.get(k.deploy, 'default', 'web');
  d.spec.template.spec.containers[0].image = 'nginx:1.27';
  await client.update(k.deploy, d);
  for (let i = 0; i < 12; i++) await step(c, 5000);
  const rss = client.list(k.rs, 'default').items.sort((a, b) => a.metadata.annotations!['deployment.kubernetes.io/revision'].localeCompare(b.metadata.annotations!['deployment.kubernetes.io/revision']));
  t.equal(rss.length, 2);
  t.same(rss.map((r) => r.spec.replicas), [0, 3]);
  const pods = client.list(k.pod, 'default').items;
  t.equal(pods.length, 3);
  t.ok(pods.every((p) => p.spec.containers[0].image === 'nginx:1.27' && p.status.phase === 'Running'));
  const [oldRS, newRS] = rss.map((r) => r.metadata.name);
  t.same(events(c, 'ScalingReplicaSet'), [
    `Scaled up replica set ${oldRS} from 0 to 3`,
    `Scaled up replica set ${newRS} from 0 to 1`,
    `Scaled down replica set ${oldRS} from 3 to 2`,
    `Scaled up replica set ${newRS} from 1 to 2`,
    `Scaled down replica set ${oldRS} from 2 to 1`,
    `Scaled up replica set ${newRS} from 2 to 3`,
    `Scaled down replica set ${oldRS} from 1 to 0`,
  ]);
  // undo: the old template comes back, and the old replicaset with it, as revision 3
  const cur = client.get(k.deploy, 'default', 'web');
  cur.spec.template = structuredClone(rss[0].spec.template);
  delete cur.spec.template.metadata.labels['pod-template-hash'];
  await client.update(k.deploy, cur);
  for (let i = 0; i < 12; i++) await step(c, 5000);
  const back = client.get(k.rs, 'default', oldRS!);
  t.equal(back.spec.replicas, 3);
  t.equal(back.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  t.equal(client.get(k.deploy, 'default', 'web').metadata.annotations!['deployment.kubernetes.io/revision'], '3');
});

t.test('a stopped node goes NotReady after the grace period and its pods are evicted 300 s later', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.deploy, deployment('web', 'nginx', 4));
  await step(c, 10_000);
  const onNode02 = () => client.list(k.pod, 'default').items.filter((p) => p.spec.nodeName === 'node02');
  t.equal(onNode02().length, 2);
  await setNodeStopped(c.engine, 'node02', true);
  await step(c, 49_000);
  t.equal((await kubectl(c.engine, 'get node node02')).stdout.split('\n')[1].split(/\s+/)[1], 'Ready', 'still Ready within the grace period');
  await step(c, 2000);
  const node = client.get(k.node, undefined, 'node02');
  t.equal(node.status.conditions.find((x: any) => x.type === 'Ready').status, 'Unknown');
  t.same(node.spec.taints.map((x: any) => `${x.key}:${x.effect}`), ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  t.match((await kubectl(c.engine, 'get node node02')).stdout, /node02 +NotReady/);
  await step(c, 298_000);
  t.ok(onNode02().every((p) => !p.metadata.deletionTimestamp), 'tolerated for 300 s');
  await step(c, 2000);
  t.ok(onNode02().every((p) => p.metadata.deletionTimestamp), 'then evicted: Terminating, since the kubelet cannot confirm');
  const running = client.list(k.pod, 'default').items.filter((p) => !p.metadata.deletionTimestamp);
  t.equal(running.length, 4);
  t.ok(running.every((p) => p.spec.nodeName === 'node01'), 'replacements land on the healthy node');
  await setNodeStopped(c.engine, 'node02', false);
  await step(c, 2000);
  t.match((await kubectl(c.engine, 'get node node02')).stdout, /node02 +Ready/);
  t.equal(client.get(k.node, undefined, 'node02').spec.taints, undefined, 'taints lifted');
  t.equal(onNode02().length, 0, 'the returning kubelet finishes the evicted pods');
});

t.test('a service gets the ready pods as endpoints', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.deploy, deployment('web', 'nginx', 2));
  await client.create(k.svc, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await c.engine.sync();
  t.equal(client.get(k.ep, 'default', 'web').subsets?.[0]?.addresses, undefined, 'not ready yet');
  await step(c, 10_000);
  const ips = client.list(k.pod, 'default').items.map((p) => p.status.podIP).sort();
  t.same(client.get(k.ep, 'default', 'web').subsets[0].addresses.map((a: any) => a.ip).sort(), ips);
  const r = await kubectl(c.engine, 'get endpoints web');
  t.match(r.stdout, new RegExp(`web +${ips.map((ip) => `${ip.replace(/\./g, '\\.')}:80`).join(',')}`));
});

t.test('a job that echoes completes; its pods are Completed', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.job, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'hello', namespace: 'default' },
    spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 3'] }] } } },
  });
  await c.engine.sync();
  for (let i = 0; i < 6; i++) await step(c, 5000);
  const job = client.get(k.job, 'default', 'hello');
  t.equal(job.status.succeeded, 2);
  t.same(job.status.conditions.map((x: any) => x.type), ['SuccessCriteriaMet', 'Complete']);
  const r = await kubectl(c.engine, 'get jobs');
  t.match(r.stdout, /hello +Complete +2\/2/);
  // its finished pods may go (evicted, deleted by hand): the job stays counted as it was
  await kubectl(c.engine, 'delete pods -l batch.kubernetes.io/job-name=hello');
  await step(c, 5000);
  t.equal(client.get(k.job, 'default', 'hello').status.succeeded, 2);
  t.match((await kubectl(c.engine, 'get jobs')).stdout, /hello +Complete +2\/2/);
});

t.test('a daemonset runs one pod per worker, not on the tainted control plane', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.ds, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox', command: ['sleep', '3600'] }] } } },
  });
  await c.engine.sync();
  await step(c, 10_000);
  const pods = client.list(k.pod, 'default').items;
  t.same(pods.map((p) => p.spec.nodeName).sort(), ['node01', 'node02']);
  t.equal(client.get(k.ds, 'default', 'agent').status.numberReady, 2);
});

t.test('a cronjob starts a job each minute and keeps three; a week away costs little', async (t) => {
  const c = await cluster();
  const k = kinds(c);
  const client = c.engine.client();
  await client.create(k.cj, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['date'] }] } } } },
    },
  });
  await c.engine.sync();
  for (let i = 0; i < 5; i++) await step(c, 60_000);
  let jobs = client.list(k.job, 'default').items;
  t.ok(jobs.length >= 3 && jobs.length <= 4, `history kept short (${jobs.length})`);
  t.ok(jobs.every((j) => /^tick-\d{8}$/.test(j.metadata.name!)));
  const started = performance.now();
  await step(c, 7 * 24 * 3600 * 1000);
  const took = performance.now() - started;
  jobs = client.list(k.job, 'default').items;
  t.ok(jobs.length >= 1 && jobs.length <= 4, `still a short history after a week (${jobs.length})`);
  t.ok(took < 5000, `a week of catch-up took ${Math.round(took)} ms`);
});

t.test('refused pod creations become FailedCreate events and back off; the commands around them are not affected', async (t) => {
  const c = await cluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace full');
  await k('create quota none -n full --hard=pods=0');
  t.same(await k('create job once --image=busybox -n full -- true'), { stdout: 'job.batch/once created\n', stderr: '', code: 0 });
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: full}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: redis}]}
`;
  t.same(await k('create -f -', sts), { stdout: 'statefulset.apps/db created\n', stderr: '', code: 0 }, 'the job controller\'s refusal is no error of this command');
  const ds = sts.replace('StatefulSet', 'DaemonSet').replace(/name: db/, 'name: agent').replace('  serviceName: db\n  replicas: 2\n', '');
  t.same(await k('create -f -', ds), { stdout: 'daemonset.apps/agent created\n', stderr: '', code: 0 });
  await step(c, 60_000);
  const failed = (kind: string) => c.engine.client().list(kinds(c).event, 'full').items.filter((e) => e.reason === 'FailedCreate' && e.involvedObject.kind === kind);
  const quota = /is forbidden: exceeded quota: none, requested: pods=1, used: pods=0, limited: pods=0$/;
  t.match(failed('Job')[0]?.message, /^Error creating: pods "once-\w{5}" is forbidden: exceeded quota/);
  t.match(failed('DaemonSet')[0]?.message, /^Error creating: pods "agent-\w{5}" is forbidden: exceeded quota/);
  t.match(failed('StatefulSet')[0]?.message, /^create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: exceeded quota/);
  for (const kind of ['Job', 'DaemonSet', 'StatefulSet']) t.match(failed(kind)[0]?.message, quota, `${kind}: the API server's own answer`);
  const tries = (kind: string) => failed(kind).reduce((n, e) => n + (e.count ?? 1), 0);
  const jobTries = tries('Job');
  t.ok(jobTries >= 5 && jobTries <= 16, `a minute of doubling backoff, not a retry per instant: ${jobTries} tries`);
  await step(c, 60_000);
  t.ok(tries('Job') - jobTries <= 2, 'the next minute costs one or two more');

  await k('delete quota none -n full');
  await step(c, 1_000_000); // the longest backoff
  const pods = c.engine.client().list(kinds(c).pod, 'full').items.map((p) => p.metadata.name!.replace(/-\w{5}$/, '-x')).sort();
  t.same(pods, ['agent-x', 'agent-x', 'db-0', 'db-1', 'once-x'], 'with the quota gone, each creates its pods');
});

t.test('a command that cannot start: StartError, then restarts with back-off unless the policy is Never', async (t) => {
  const c = await cluster();
  const k = (line: string) => kubectl(c.engine, line);
  await k('run bb --image=busybox --command -- "sleep 3600"');
  await k('run ng --image=nginx --command -- "sleep 3600"');
  await k('run once --image=busybox --restart=Never --command -- "sleep 3600"');
  await k('run served --image=nginx --command -- nginx -g "daemon off;"');
  await step(c, 60_000);
  const pods = new Map(c.engine.client().list(kinds(c).pod, 'default').items.map((p) => [p.metadata.name!, p.status!.containerStatuses[0]]));
  const bb = pods.get('bb');
  t.equal(bb.state.waiting?.reason, 'CrashLoopBackOff');
  t.equal(bb.lastState.terminated.reason, 'StartError');
  t.equal(bb.lastState.terminated.exitCode, 128);
  t.equal(bb.lastState.terminated.message, 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sleep 3600": executable file not found in $PATH: unknown');
  t.ok(bb.restartCount >= 3 && bb.restartCount <= 4, `restarted with doubling back-off: ${bb.restartCount} in a minute`);
  t.equal(pods.get('ng').lastState.terminated?.reason, 'StartError', 'a server image has no binary whose name holds a space either');
  t.equal(pods.get('once').state.terminated?.reason, 'StartError');
  t.equal(pods.get('once').restartCount, 0, 'restartPolicy Never: no second try');
  t.ok(pods.get('served').state.running, 'a server image\'s own binary runs');
  t.match((await k('get pod bb')).stdout, /^NAME +READY +STATUS +RESTARTS +AGE\nbb +0\/1 +CrashLoopBackOff +[34] \(\d+s ago\) +60s\n$/);
});
