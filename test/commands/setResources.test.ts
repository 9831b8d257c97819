import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { localGoldens, sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('set resources on local files matches the recorded kubectl runs', async (t) => {
  const c = await newTestCluster();
  // with the client dry runs of set env and set image on local files, which share the pod-template runner
  const cases = [...localGoldens(['set-resources-', 'set-env-local-dry-run', 'set-image-local-dry-run', 'set-errors-']), ...sharedGoldens(['set-resources-'])];
  t.ok(cases.length >= 10, `${cases.length} cases`);
  const cwd = process.cwd();
  for (const g of cases) {
    process.chdir(g.cwd);
    const r = await kubectl(c.engine, g.args);
    process.chdir(cwd);
    t.same(r, { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  }
});

t.test('set resources changes the pod template in the cluster, and the deployment rolls out', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=1');
  t.same(await kubectl(c.engine, 'set resources deploy/web -c nginx --limits=cpu=0.5,memory=512Mi'), ok('deployment.apps/web resource requirements updated\n'));
  t.same(await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}'), ok('{"limits":{"cpu":"500m","memory":"512Mi"}}'));
  t.same(await kubectl(c.engine, 'set resources deploy/web --requests=cpu=100m --dry-run=client'), ok('deployment.apps/web resource requirements updated (dry run)\n'));
  t.same(await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].resources.requests}'), ok(''), 'a client dry run sends nothing');
  t.same(await kubectl(c.engine, 'set resources deploy/web --limits=cpu=0.5,memory=512Mi'), ok(''), 'nothing to change, nothing printed');
  t.same(await kubectl(c.engine, 'set resources deploy/web -c sidecar --limits=cpu=1'), fail('error: unable to find container named sidecar\n'));
  t.same(await kubectl(c.engine, 'set resources deploy/web --limits=cpu'), fail('error: Invalid argument syntax cpu, expected <resource>=<value>\n'));
  t.same(await kubectl(c.engine, 'set resources deploy/nope --limits=cpu=1'), fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
  t.same(await kubectl(c.engine, 'set resources deploy --all --requests=memory=64Mi -o name'), ok('deployment.apps/web\n'));
});
