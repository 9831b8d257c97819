import t from 'tap';
import type { KubeObject } from '../../src/cluster/api/types.js';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

/** A container that prints the two lines the recordings show, then sleeps. */
function talker(name: string, who: string) {
  return { name, image: 'busybox', command: ['sh', '-c', `echo log line 1 from ${who}; echo log line 2 from ${who}; sleep 3600`] };
}

async function cluster() {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  const client = c.engine.client();
  const pods = client.kinds.forKind('Pod')!;
  const pod = (name: string, containers: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { run: name } }, spec: { containers } });
  await client.create(pods, pod('standalone', [talker('standalone', 'standalone')]));
  await client.create(pods, pod('sidecar', [talker('app', 'sidecar'), talker('log-agent', 'sidecar')]));
  await c.engine.sync();
  c.advance(30_000);
  await c.engine.sync();
  return c;
}

t.test('logs: the recorded cases', async (t) => {
  const c = await cluster();
  for (const g of sharedGoldens(['logs-']).filter((g) => g.name !== 'logs-deploy'))
    t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  t.same(await kubectl(c.engine, 'logs pod/standalone --timestamps'), ok('2026-01-01T12:00:02Z log line 1 from standalone\n2026-01-01T12:00:02Z log line 2 from standalone\n'));
  t.same(await kubectl(c.engine, 'logs sidecar --all-containers --prefix'), ok('[pod/sidecar/app] log line 1 from sidecar\n[pod/sidecar/app] log line 2 from sidecar\n[pod/sidecar/log-agent] log line 1 from sidecar\n[pod/sidecar/log-agent] log line 2 from sidecar\n'));
  t.same(await kubectl(c.engine, 'logs standalone --since=5s'), ok(''), 'nothing was written in the last 5s');
  t.same(await kubectl(c.engine, 'logs standalone -p'), fail('Error from server (BadRequest): previous terminated container "standalone" in pod "standalone" not found\n'));
  t.same(await kubectl(c.engine, 'logs -l run=sidecar -c log-agent'), ok('log line 1 from sidecar\nlog line 2 from sidecar\n'));
});

t.test('logs: a deployment picks one of its pods; nginx prints its start-up lines', async (t) => {
  const c = await cluster();
  await kubectl(c.engine, 'create deployment web --image=nginx:1.27.3 --replicas=3');
  await kubectl(c.engine, 'rollout status deploy/web');
  const r = await kubectl(c.engine, 'logs deploy/web --tail=3');
  const first = c.engine.client().list(c.engine.client().kinds.forKind('Pod')!, 'default', { labelSelector: 'app=web' }).items.map((p) => p.metadata.name).sort()[0];
  t.match(r.stderr, new RegExp(`^Found 3 pods, using pod/${first}\\n$`));
  t.match(r.stdout, /^2026\/01\/01 12:00:\d\d \[notice\] 1#1: start worker processes\n.* start worker process 29\n.* start worker process 30\n$/);
  const all = await kubectl(c.engine, `logs ${first}`);
  t.match(all.stdout, /^\/docker-entrypoint.sh: \/docker-entrypoint.d\/ is not empty, will attempt to perform configuration\n/);
  t.match(all.stdout, /\[notice\] 1#1: nginx\/1.27.3\n/);
});

t.test('logs: waiting containers, crashes and -f', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, 'run ticker --image=busybox -- sh -c "for i in 1 2 3; do echo tick $i; sleep 2; done"');
  c.advance(1);
  t.same(await kubectl(c.engine, 'logs ticker'), fail('Error from server (BadRequest): container "ticker" in pod "ticker" is waiting to start: ContainerCreating\n'));
  c.advance(10_000);
  await c.engine.sync();
  const r = await kubectl(c.engine, 'logs ticker');
  t.equal(r.code, 0);
  await kubectl(c.engine, 'run counter --image=busybox -- sh -c "echo n 1; sleep 10; echo n 2; sleep 10; echo n 3; sleep 10; echo n 4; sleep 10; echo n 5"');
  c.advance(20_000);
  await c.engine.sync();
  const before = c.clock.now();
  const f = await kubectl(c.engine, 'logs counter -f');
  t.same(f, ok('n 1\nn 2\nn 3\nn 4\nn 5\n'), 'followed to the end');
  t.ok(c.clock.now() > before, 'simulated time moved while following');
  await kubectl(c.engine, 'run bad --image=nginx:no-such-tag');
  for (let i = 0; i < 5; i++) {
    c.advance(10_000);
    await c.engine.sync();
  }
  t.match((await kubectl(c.engine, 'logs bad')).stderr, /^Error from server \(BadRequest\): container "bad" in pod "bad" is waiting to start: image can't be pulled\n$/);
});

t.test('logs: help', async (t) => {
  const c = await newTestCluster({ simulate: false });
  const [g] = sharedGoldens(['help-logs']);
  t.same(await kubectl(c.engine, g.args), ok(g.stdout));
});

t.test('logs: a container sees the same environment as exec does (envFrom Secrets decoded, with prefix)', async (t) => {
  const c = await cluster();
  await kubectl(c.engine, 'create secret generic db --from-literal=PASSWORD=s3cret');
  await kubectl(c.engine, 'create configmap app --from-literal=MODE=fast');
  const client = c.engine.client();
  await client.create(client.kinds.forKind('Pod')!, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'envy', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'envy',
          image: 'busybox',
          command: ['sh', '-c', 'echo $HOME $HOSTNAME $PASSWORD $APP_MODE $KUBERNETES_SERVICE_HOST; sleep 3600'],
          envFrom: [{ secretRef: { name: 'db' } }, { configMapRef: { name: 'app' }, prefix: 'APP_' }],
        },
      ],
    },
  });
  await c.engine.sync();
  c.advance(30_000);
  await c.engine.sync();
  t.same(await kubectl(c.engine, 'logs envy'), ok('/root envy s3cret fast 10.96.0.1\n'));
  t.same(await kubectl(c.engine, 'exec envy -- sh -c "echo $PASSWORD $APP_MODE"'), ok('s3cret fast\n'));
});

t.test('logs and exec on a kind without a pod selector: kubectl names the Go type it decoded', async (t) => {
  const c = await cluster();
  await kubectl(c.engine, 'create configmap app --from-literal=MODE=fast');
  await kubectl(c.engine, 'create cronjob tick --image=busybox --schedule="*/5 * * * *"');
  t.same(await kubectl(c.engine, 'logs configmap/app'), fail('error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'));
  t.same(await kubectl(c.engine, 'logs cronjob/tick'), fail('error: cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented\n'));
  t.same(await kubectl(c.engine, 'exec configmap/app -- date'), fail('error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'));
  const client = c.engine.client();
  await client.create(client.kinds.forKind('Service')!, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'standalone', namespace: 'default' }, spec: { selector: { run: 'standalone' }, ports: [{ port: 80 }] } });
  t.same((await kubectl(c.engine, 'logs svc/standalone')).stdout, 'log line 1 from standalone\nlog line 2 from standalone\n', 'a Service finds its pods by selector');
});
