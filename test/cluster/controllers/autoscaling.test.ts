import t from 'tap';
import { newTestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { setLoad } from '../../../src/cluster/machine.js';

t.test('top needs metrics-server; the HPA scales on simulated CPU load and scales down after the window', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const k = client.kinds;
  const step = async (ms: number) => {
    c.advance(ms);
    await c.engine.sync();
  };
  t.equal((await kubectl(c.engine, 'top nodes')).stderr, 'error: Metrics API not available\n');
  const deploy = (name: string, ns: string, image: string, cpu?: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ...(cpu ? { resources: { requests: { cpu } } } : {}) }] } },
    },
  });
  await client.create(k.forKind('Deployment', 'apps')!, deploy('metrics-server', 'kube-system', 'registry.k8s.io/metrics-server/metrics-server:v0.7.2'));
  await client.create(k.forKind('Deployment', 'apps')!, deploy('web', 'default', 'nginx', '100m'));
  await c.engine.sync();
  await step(20_000);
  const top = await kubectl(c.engine, 'top nodes');
  t.equal(top.code, 0);
  t.match(top.stdout, /^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +\ncontrolplane +\d+m +\d+% +\d+Mi +\d+% +\n/);
  t.match((await kubectl(c.engine, 'top pods')).stdout, /^NAME +CPU\(cores\) +MEMORY\(bytes\) +\nweb-\S+ +\d+m +\dMi +\n$/);
  await client.create(k.forKind('HorizontalPodAutoscaler', 'autoscaling')!, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  });
  await c.engine.sync();
  await setLoad(c.engine, 'default', 'web', 200);
  await step(15_000);
  t.equal(client.get(k.forKind('Deployment', 'apps')!, 'default', 'web').spec.replicas, 5, 'four times the target: up to the maximum of 5');
  await setLoad(c.engine, 'default', 'web', 0);
  await step(60_000);
  t.equal(client.get(k.forKind('Deployment', 'apps')!, 'default', 'web').spec.replicas, 5, 'held for the 5-minute scale-down window');
  await step(300_000);
  t.equal(client.get(k.forKind('Deployment', 'apps')!, 'default', 'web').spec.replicas, 1, 'then down to the minimum');
});

t.test('a resource quota shows what its namespace uses', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const k = client.kinds;
  await client.create(k.forKind('ResourceQuota')!, {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'q', namespace: 'default' },
    spec: { hard: { pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', configmaps: '5' } },
  });
  await client.create(k.forKind('Pod')!, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '250m', memory: '128Mi' } } }] },
  });
  await c.engine.sync();
  const q = client.get(k.forKind('ResourceQuota')!, 'default', 'q');
  t.same(q.status.used, { configmaps: '1', pods: '1', 'requests.cpu': '250m', 'requests.memory': '128Mi' });
  t.match((await kubectl(c.engine, 'get quota q')).stdout, /q +configmaps: 1\/5, pods: 1\/10, requests\.cpu: 250m\/1, requests\.memory: 128Mi\/1Gi +/);
});
