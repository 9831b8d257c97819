import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('set env and set resources --local print what the real kubectl prints', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  for (const g of sharedGoldens(['set-env-local-yaml', 'set-resources-local-yaml'])) {
    const args = g.args.map((a) => (a === 'deploy.yaml' ? path.join(g.cwd, a) : a));
    t.same(await kubectl(c.engine, args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  }
});

t.test('set env adds, replaces, removes, imports and lists variables', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx');
  await kubectl(c.engine, 'create configmap cfg --from-literal=db.host=db --from-literal=PORT=5432');
  const env = async () => (await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].env}')).stdout;
  t.same(await kubectl(c.engine, 'set env deploy/web A=1 B=2'), ok('deployment.apps/web env updated\n'));
  t.same(await kubectl(c.engine, 'set env deploy/web A=3'), ok('deployment.apps/web env updated\n'));
  t.equal(await env(), '[{"name":"A","value":"3"},{"name":"B","value":"2"}]', 'replaced in place');
  t.same(await kubectl(c.engine, 'set env deploy/web A=3'), ok(''), 'no change, nothing said');
  t.same(await kubectl(c.engine, 'set env deploy/web A=4 --overwrite=false'), fail("error: deployments.apps/web 'A' already has a value (3), and --overwrite is false\n"));
  t.same(
    await kubectl(c.engine, 'set env deploy/web --from=configmap/cfg --prefix=APP_'),
    ok('deployment.apps/web env updated\n', 'Warning: key db.host transferred to DB_HOST\n'),
  );
  t.same(
    await kubectl(c.engine, 'set env deploy/web --list'),
    ok('# Deployment web, container nginx\nA=3\nB=2\n# APP_PORT from configmap cfg, key PORT\n# APP_DB_HOST from configmap cfg, key db.host\n'),
  );
  t.same(await kubectl(c.engine, 'set env deploy/web A- B-'), ok('deployment.apps/web env updated\n'));
  t.equal(await env(), '[{"name":"APP_PORT","valueFrom":{"configMapKeyRef":{"key":"PORT","name":"cfg"}}},{"name":"APP_DB_HOST","valueFrom":{"configMapKeyRef":{"key":"db.host","name":"cfg"}}}]');
  t.same(await kubectl(c.engine, 'set env deploy/web X=1 X-'), fail('error: can not both modify and remove the same environment variable in the same command\n'));
  t.same(await kubectl(c.engine, 'set env deploy/web'), fail('error: at least one environment variable must be provided\n'));
  t.same(await kubectl(c.engine, 'set env A=1'), fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'));
  t.same(await kubectl(c.engine, 'set env deploy/web --keys=PORT'), fail('error: when specifying --keys, a configmap or secret must be provided with --from\n'));
  t.match((await kubectl(c.engine, 'set env deploy/web 1BAD=x')).stderr, /^error: "1BAD" is not a valid key name: a valid environment variable name must consist of/);
});

t.test('set resources merges requests and limits into the chosen containers', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx');
  t.same(await kubectl(c.engine, 'set resources deploy web --limits=cpu=500m,memory=256Mi --requests=cpu=0.25'), ok('deployment.apps/web resource requirements updated\n'));
  t.same(await kubectl(c.engine, 'set resources deploy web --limits=memory=1Gi'), ok('deployment.apps/web resource requirements updated\n'));
  t.equal((await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}')).stdout, '{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"250m"}}');
  t.same(await kubectl(c.engine, 'set resources deploy web -c nope --limits=cpu=1'), fail('error: unable to find container named nope\n'));
  t.same(await kubectl(c.engine, 'set resources deploy web'), fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'));
  t.same(await kubectl(c.engine, 'set resources deploy web --limits=cpu'), fail('error: Invalid argument syntax cpu, expected <resource>=<value>\n'));
  t.same(await kubectl(c.engine, 'set resources deploy web --limits=cpu=lots'), fail("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"));
  t.same(await kubectl(c.engine, 'set resources deploy web --requests=cpu=2 --dry-run=client'), ok('deployment.apps/web resource requirements updated (dry run)\n'));
});
