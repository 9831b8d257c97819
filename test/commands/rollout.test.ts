import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { normalizeKlog, sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';

async function withDeployment(image = 'nginx:1.27', replicas = 3) {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, `create deployment web --image=${image} --replicas=${replicas}`);
  return c;
}

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('rollout status follows the deployment controller as simulated time passes', async (t) => {
  const c = await withDeployment();
  const start = c.clock.now();
  t.same(await kubectl(c.engine, 'rollout status deployment/web'), ok('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\ndeployment "web" successfully rolled out\n'));
  t.ok(c.clock.now() > start, 'the clock moved while it waited');
  t.same(await kubectl(c.engine, 'rollout status deployment/web'), ok('deployment "web" successfully rolled out\n'), 'rollout-status-done');
  const client = c.engine.client();
  await client.patch(client.kinds.forKind('Deployment')!, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
  t.same(
    await kubectl(c.engine, 'rollout status deploy/web'),
    ok(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n' +
        'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...\n' +
        'deployment "web" successfully rolled out\n',
    ),
    'each message once, as the rolling update moves on',
  );
});

t.test('rollout status: --watch=false, --timeout, and kinds without a viewer', async (t) => {
  const c = await withDeployment('nginx:no-such-tag');
  t.same(await kubectl(c.engine, 'rollout status deploy/web --watch=false'), ok('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n'));
  const start = c.clock.now();
  t.same(await kubectl(c.engine, 'rollout status deploy/web --timeout=3s'), {
    stdout: 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n',
    stderr: 'error: timed out waiting for the condition\n',
    code: 1,
  });
  t.equal(c.clock.now() - start, 3000, 'it gave up after 3s of simulated time');
  await kubectl(c.engine, 'run standalone --image=nginx');
  t.same(await kubectl(c.engine, 'rollout status pod/standalone'), fail('error: no status viewer has been implemented for Pod\n'), 'rollout-pod-unsupported');
  t.same(await kubectl(c.engine, 'rollout status deploy/nope'), fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
  t.same(await kubectl(c.engine, 'rollout status'), fail('error: required resource not specified\n'));
});

t.test('rollout pause, resume and restart', async (t) => {
  const c = await withDeployment();
  await kubectl(c.engine, 'rollout status deploy/web');
  const cases = sharedGoldens(['rollout-pause', 'rollout-resume']);
  t.equal(cases.length, 4);
  for (const g of cases) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  await kubectl(c.engine, 'rollout pause deploy/web');
  t.same(await kubectl(c.engine, 'rollout restart deploy/web'), fail('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n'));
  await kubectl(c.engine, 'rollout resume deploy/web');
  const [restart] = sharedGoldens(['rollout-restart']);
  t.same(await kubectl(c.engine, restart.args), ok(restart.stdout), 'rollout-restart');
  const client = c.engine.client();
  const d = client.get(client.kinds.forKind('Deployment')!, 'default', 'web');
  t.equal(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], new Date(c.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'));
  const r = await kubectl(c.engine, 'rollout status deploy/web');
  t.match(r.stdout, /successfully rolled out\n$/);
  const pods = client.list(client.kinds.forKind('Pod')!, 'default').items;
  t.equal(pods.length, 3, 'every pod was replaced');
  t.ok(pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']));
  t.same(await kubectl(c.engine, 'rollout pause deployment'), ok('deployment.apps/web paused\n'), 'a type alone takes every object of it');
  t.same(await kubectl(c.engine, 'rollout'), { stdout: '', stderr: sharedGoldens(['help-rollout'])[0].stdout, code: 1 });
});

t.test('scale', async (t) => {
  const c = await withDeployment();
  for (const g of sharedGoldens(['scale-']).filter((g) => g.name !== 'scale-rs')) {
    const r = await kubectl(c.engine, g.args);
    t.same({ ...r, stderr: normalizeKlog(r.stderr) }, { stdout: g.stdout, stderr: normalizeKlog(g.stderr), code: g.code }, g.name);
    if (g.name === 'scale-deploy') {
      const r = await kubectl(c.engine, 'rollout status deploy/web');
      t.match(r.stdout, /^Waiting for deployment "web" rollout to finish: \d of 5 updated replicas are available...\ndeployment "web" successfully rolled out\n$/);
      t.equal(c.engine.client().list(c.engine.client().kinds.forKind('Pod')!, 'default').items.length, 5);
    }
    // the recordings were made against a deployment of 3
    if (g.name === 'scale-deploy-slash') t.same(await kubectl(c.engine, 'scale deploy web --replicas=3'), ok('deployment.apps/web scaled\n'));
  }
  const client = c.engine.client();
  const rs = client.list(client.kinds.forKind('ReplicaSet')!, 'default').items[0].metadata.name;
  t.same(await kubectl(c.engine, `scale rs ${rs} --replicas=2 --dry-run=client`), ok(`replicaset.apps/${rs} scaled (dry run)\n`));
  t.same(await kubectl(c.engine, 'scale pod x --replicas=2'), fail('error: no objects passed to scale pods "x" not found\n'));
  t.same(await kubectl(c.engine, 'scale deploy web --replicas=2 --current-replicas=1'), fail('error: Expected replicas to be 1, was 3\n'));
});

t.test('set image', async (t) => {
  const c = await withDeployment();
  await kubectl(c.engine, 'rollout status deploy/web');
  for (const g of sharedGoldens(['set-image'])) {
    const args = g.args.map((a) => (a === 'deploy.yaml' ? path.join(g.cwd, a) : a));
    // recorded against a server where the image had not changed yet
    if (g.name === 'set-image-all') await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.27');
    t.same(await kubectl(c.engine, args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
  }
  const client = c.engine.client();
  const deploy = client.kinds.forKind('Deployment')!;
  t.equal(client.get(deploy, 'default', 'web').spec.template.spec.containers[0].image, 'nginx:1.28');
  t.same(await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.26'), ok('deployment.apps/web image updated\n'));
  t.same(await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.26'), ok(''), 'no change, nothing said');
  t.match((await kubectl(c.engine, 'rollout status deploy/web')).stdout, /successfully rolled out\n$/);
  t.ok(client.list(client.kinds.forKind('Pod')!, 'default').items.filter((p) => !p.metadata.deletionTimestamp).every((p) => p.spec.containers[0].image === 'nginx:1.26'), 'the rollout replaced every pod');
  t.same(await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.25 --dry-run=client'), ok('deployment.apps/web image updated (dry run)\n'));
  t.same(await kubectl(c.engine, 'set image deploy/web'), fail('error: at least one image update is required\n'));
  t.same(await kubectl(c.engine, 'set image deploy/web *=a a=b'), fail('error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'));
  t.same(await kubectl(c.engine, 'set'), { stdout: '', stderr: (await import('../../src/commands/set.js')).verb.help, code: 1 });
});
