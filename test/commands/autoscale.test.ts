import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { localGoldens, normalizeKlog } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('autoscale builds the autoscaling/v1 object the real kubectl builds', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const cases = localGoldens(['autoscale-']);
  t.equal(cases.length, 6);
  for (const g of cases) {
    const args = g.args.map((a) => (a.endsWith('.yaml') ? path.join(g.cwd, a) : a));
    const r = await kubectl(c.engine, args);
    t.same({ ...r, stderr: normalizeKlog(r.stderr) }, { stdout: g.stdout, stderr: normalizeKlog(g.stderr), code: g.code }, g.name);
  }
});

t.test('autoscale creates an autoscaler the HPA controller acts on', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx');
  t.same(await kubectl(c.engine, 'autoscale deploy web --min=2 --max=5 --cpu-percent=60'), { stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '', code: 0 });
  const hpa = c.engine.client().get(c.engine.client().kinds.forKind('HorizontalPodAutoscaler')!, 'default', 'web');
  t.same(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
  t.same([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 5]);
  t.same(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }], 'stored as autoscaling/v2');
  t.same(await kubectl(c.engine, 'autoscale deploy web --max=3'), { stdout: '', stderr: 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n', code: 1 });
  t.same(await kubectl(c.engine, 'autoscale deploy nope --max=3'), { stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'autoscale cm cfg --max=3'), {
    stdout: '',
    stderr: 'error: cannot autoscale a ConfigMap: could not find scale subresource for /v1, Resource=configmaps in discovery information\n',
    code: 1,
  });
});
