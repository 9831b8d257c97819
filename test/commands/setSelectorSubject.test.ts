import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { localGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('set serviceaccount, selector and subject --local print what the real kubectl prints', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const cases = localGoldens(['set-sa-', 'set-selector-', 'set-subject-']);
  t.equal(cases.length, 35);
  for (const g of cases) {
    const args = g.args.map((a) => (a.endsWith('.yaml') ? path.join(g.cwd, a) : a));
    t.same(await kubectl(c.engine, args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  }
});

t.test('set serviceaccount patches every object named, changed or not', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx');
  await kubectl(c.engine, 'create deployment api --image=nginx');
  t.same(await kubectl(c.engine, 'set sa deploy web builder'), ok('deployment.apps/web serviceaccount updated\n'));
  t.same(await kubectl(c.engine, 'set serviceaccount deploy/web builder'), ok('deployment.apps/web serviceaccount updated\n'), 'unchanged, still reported');
  t.equal((await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.serviceAccountName}')).stdout, 'builder');
  t.same(await kubectl(c.engine, 'set sa deploy --all ci --dry-run=client'), ok('deployment.apps/api serviceaccount updated (dry run)\ndeployment.apps/web serviceaccount updated (dry run)\n'));
  t.same(await kubectl(c.engine, 'set sa deploy --all ci --dry-run=server -o name'), ok('deployment.apps/api\ndeployment.apps/web\n'));
  t.equal((await kubectl(c.engine, 'get deploy api -o jsonpath={.spec.template.spec.serviceAccountName}')).stdout, '', 'dry runs change nothing');
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'set sa cm/cfg deploy/api ci'), {
    stdout: 'deployment.apps/api serviceaccount updated\n',
    stderr: 'error: configmaps/cfg the object is not a pod or does not have a pod template: *v1.ConfigMap\n',
    code: 1,
  });
  t.same(await kubectl(c.engine, 'set sa deploy/nope ci'), fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
});

t.test('set selector replaces a Service selector; only Services have one to set', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create service clusterip web --tcp=80:8080');
  t.same(await kubectl(c.engine, 'set selector svc web app=new,tier=front'), ok('service/web selector updated\n'));
  t.equal((await kubectl(c.engine, 'get svc web -o jsonpath={.spec.selector}')).stdout, '{"app":"new","tier":"front"}', 'the old app=web is gone');
  t.same(await kubectl(c.engine, 'set selector svc web app=x --dry-run=client -o jsonpath={.spec.selector}'), ok('{"app":"x"}'));
  const rv = (await kubectl(c.engine, 'get svc web -o jsonpath={.metadata.resourceVersion}')).stdout;
  t.same(await kubectl(c.engine, `set selector svc web app=y --resource-version=${rv}`), ok('service/web selector updated\n'));
  t.match((await kubectl(c.engine, `set selector svc web app=z --resource-version=${rv}`)).stderr, /^Error from server \(Conflict\): /, 'a stale version is refused');
  await kubectl(c.engine, 'create deployment d --image=nginx');
  t.same(await kubectl(c.engine, 'set selector deploy d app=x'), fail('error: setting a selector is only supported for Services\n'));
  t.same(await kubectl(c.engine, 'set selector svc app=x'), fail('error: resource(s) were provided, but no name was specified\n'));
});

t.test('set subject adds subjects a binding does not have yet', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create rolebinding rb --clusterrole=view --user=alice');
  await kubectl(c.engine, 'create clusterrolebinding crb --clusterrole=view --group=devs');
  t.same(await kubectl(c.engine, 'set subject rolebinding rb --user=alice --user=bob --serviceaccount=:robot'), ok('rolebinding.rbac.authorization.k8s.io/rb subjects updated\n'));
  t.equal(
    (await kubectl(c.engine, 'get rolebinding rb -o jsonpath={.subjects[*].kind}/{.subjects[*].name}')).stdout,
    'User User ServiceAccount/alice bob robot',
  );
  t.same(await kubectl(c.engine, 'set subject rolebinding rb --user=bob'), ok(''), 'nothing new: passed over in silence');
  t.same(await kubectl(c.engine, 'set subject clusterrolebinding crb --serviceaccount=:robot'), fail('error: serviceaccount must be <namespace>:<name>, namespace must be specified\n'));
  t.same(await kubectl(c.engine, 'set subject clusterrolebinding crb --group=ops -o name'), ok('clusterrolebinding.rbac.authorization.k8s.io/crb\n'));
  t.same(await kubectl(c.engine, 'set subject rolebinding --all -l a=b --user=x'), fail('error: cannot set --all and --selector at the same time\n'));
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'set subject cm cfg --user=x'), fail('error: configmaps/cfg setting subjects is only supported for RoleBinding/ClusterRoleBinding\n'));
});
