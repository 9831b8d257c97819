import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { addNode } from '../../src/cluster/machine.js';

t.test('a liveness probe that starts failing kills and restarts the container', async (t) => {
  const c = await newTestCluster();
  await addNode(c.engine, 'node01');
  const client = c.engine.client();
  const pod = client.kinds.forKind('Pod')!;
  await client.create(pod, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'liveness-exec', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'liveness',
          image: 'busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ],
    },
  });
  await c.engine.sync();
  for (let i = 0; i < 15; i++) {
    c.advance(5000);
    await c.engine.sync();
  }
  const p = client.get(pod, 'default', 'liveness-exec');
  t.equal(p.status.containerStatuses[0].restartCount, 1, 'restarted once within 75 s');
  const events = client.list(client.kinds.forKind('Event')!, 'default').items;
  const unhealthy = events.find((e) => e.reason === 'Unhealthy');
  t.equal(unhealthy?.message, "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  t.ok((unhealthy?.count ?? 0) >= 3, 'three failures in a row');
  t.ok(events.some((e) => e.reason === 'Killing' && e.message === 'Container liveness failed liveness probe, will be restarted'));
});

t.test('a failing readiness probe keeps the pod out of its Service', async (t) => {
  const c = await newTestCluster();
  await addNode(c.engine, 'node01');
  const client = c.engine.client();
  const k = client.kinds;
  const mk = (name: string, path: string) =>
    client.create(k.forKind('Pod')!, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { httpGet: { path, port: 80 }, periodSeconds: 5 } }] },
    });
  await mk('good', '/');
  await mk('bad', '/healthz');
  await client.create(k.forKind('Service')!, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await c.engine.sync();
  for (let i = 0; i < 6; i++) {
    c.advance(5000);
    await c.engine.sync();
  }
  const r = await kubectl(c.engine, 'get pods');
  t.match(r.stdout, /bad +0\/1 +Running/);
  t.match(r.stdout, /good +1\/1 +Running/);
  const ep = client.get(k.forKind('Endpoints')!, 'default', 'web');
  t.same(ep.subsets[0].addresses.map((a: { targetRef: { name: string } }) => a.targetRef.name), ['good']);
  t.same(ep.subsets[0].notReadyAddresses.map((a: { targetRef: { name: string } }) => a.targetRef.name), ['bad']);
  const events = client.list(k.forKind('Event')!, 'default').items;
  t.ok(events.some((e) => e.reason === 'Unhealthy' && e.involvedObject.name === 'bad' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 404'));
});
