import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

async function cluster() {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  // the recordings' objects: deployment web (port 8080), pods standalone (port 80) and crashy (no ports)
  await kubectl(c.engine, 'create deployment web --image=nginx --port=8080');
  await kubectl(c.engine, 'run standalone --image=nginx --port=80');
  await kubectl(c.engine, 'run crashy --image=busybox');
  return c;
}

t.test('expose matches the recordings', async (t) => {
  const c = await cluster();
  for (const g of sharedGoldens(['expose-'])) {
    const args = g.args.map((a) => (a === 'deploy.yaml' ? path.join(g.cwd, a) : a));
    t.same(await kubectl(c.engine, args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  }
  const svc = c.engine.client().get(c.engine.client().kinds.forKind('Service')!, 'default', 'web-exposed');
  t.same(svc.spec.ports, [{ protocol: 'TCP', port: 80, targetPort: 8080 }]);
  t.same(svc.spec.selector, { app: 'web' });
});

t.test('expose takes ports, protocols and selectors from what it exposes, and says why it cannot', async (t) => {
  const c = await cluster();
  t.same(await kubectl(c.engine, 'expose deploy web'), ok('service/web exposed\n'));
  t.same((await kubectl(c.engine, 'get svc web -o jsonpath={.spec.ports}')).stdout, '[{"port":8080,"protocol":"TCP","targetPort":8080}]', 'the container port, introspected');
  t.same(await kubectl(c.engine, 'expose svc web --port=443 --target-port=8443 --name=web-https'), ok('service/web-https exposed\n'));
  t.same((await kubectl(c.engine, 'get svc web-https -o jsonpath={.spec.selector}')).stdout, '{"app":"web"}', "a Service's own selector is reused");
  t.same(await kubectl(c.engine, 'expose pod standalone --port=53 --protocol=UDP --name=dns --type=NodePort'), ok('service/dns exposed\n'));
  t.match((await kubectl(c.engine, 'get svc dns')).stdout, /NodePort .* 53:3\d{4}\/UDP /);
  t.same(await kubectl(c.engine, 'expose pod crashy --cluster-ip=None'), ok('service/crashy exposed\n'), 'a headless service needs no port');
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'expose cm cfg --port=80'), fail('error: cannot expose a ConfigMap\n'));
  await kubectl(c.engine, 'create job once --image=busybox');
  t.same(await kubectl(c.engine, 'expose job once --port=80'), fail('error: cannot expose a Job.batch\n'));
  t.same(await kubectl(c.engine, 'expose deploy web --port=http'), fail('error: strconv.Atoi: parsing "http": invalid syntax\n'));
  t.same(await kubectl(c.engine, 'expose deploy web --session-affinity=Sticky --port=80 --name=x'), fail('error: unknown session affinity: Sticky\n'));
  t.same(await kubectl(c.engine, 'expose deploy nope --port=80'), fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
  t.same(await kubectl(c.engine, 'expose deploy web --port=80'), fail('Error from server (AlreadyExists): services "web" already exists\n'));
});
