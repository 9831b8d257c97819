import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { SHARED_GOLDEN_DIR } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const golden = (name: string, ext: string) => {
  const f = path.join(SHARED_GOLDEN_DIR, `${name}.${ext}`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
};

/** A pod nobody schedules (the only node is tainted), so deleting it is immediate. */
const pod = (name: string, labels = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${labels ? `  labels:\n${labels}` : ''}spec:
  containers:
  - name: main
    image: nginx:1.27
`;

async function seeded(): Promise<TestCluster> {
  const c = await newTestCluster();
  await kubectl(c.engine, 'apply -f -', {
    stdin: [pod('standalone'), pod('web-1', '    app: web\n'), pod('web-2', '    app: web\n')].join('---\n'),
  });
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=0');
  await kubectl(c.engine, 'create service clusterip web --tcp=80:80');
  return c;
}

t.test('delete prints what kubectl prints', async (t) => {
  const cases: { args: string; golden?: string; out?: string; err?: string; code?: number }[] = [
    { args: 'delete pod standalone', golden: 'delete-pod' },
    { args: 'delete pod nope', golden: 'delete-pod-missing' },
    { args: 'delete pod nope --ignore-not-found', golden: 'delete-pod-missing-ignore' },
    { args: 'delete pods -l app=nope', golden: 'delete-none-matched' },
    { args: 'delete pods --all -l app=web', golden: 'delete-all-and-selector' },
    { args: 'delete pod standalone --grace-period=0 --force', golden: 'delete-force' },
    { args: 'delete pod standalone --now', golden: 'delete-now' },
    { args: 'delete deploy web', golden: 'delete-deploy' },
    { args: 'delete deployment web --cascade=orphan', golden: 'delete-deploy-orphan' },
    { args: 'delete deployment web --cascade=sometimes', golden: 'delete-bad-cascade' },
    { args: 'delete pod standalone --force --grace-period=5', golden: 'delete-force-grace' },
    { args: 'delete pod standalone --now --grace-period=5', golden: 'delete-now-grace' },
    { args: 'delete', golden: 'delete-no-args' },
    { args: 'delete pods', golden: 'delete-type-no-name' },
    { args: 'delete pod standalone --dry-run=client', golden: 'delete-dryrun' },
    { args: 'delete pod/standalone svc/web', golden: 'delete-slash-form' },
    { args: 'delete pods -l app=web', out: 'pod "web-1" deleted\npod "web-2" deleted\n', code: 0 },
    { args: 'delete pods --all -o name', out: 'pod/standalone\npod/web-1\npod/web-2\n', code: 0 },
    { args: 'delete pod standalone --dry-run=server', out: 'pod "standalone" deleted (server dry run)\n', code: 0 },
    { args: 'delete pod standalone -o yaml', err: "error: unexpected -o output mode: yaml. We only support '-o name'\n", code: 1 },
    { args: 'delete pods --field-selector metadata.name=web-2', out: 'pod "web-2" deleted\n', code: 0 },
    {
      args: 'delete pods standalone nope web-1',
      out: 'pod "standalone" deleted\npod "web-1" deleted\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    },
    { args: 'delete deploy web --cascade=false', out: 'deployment.apps "web" deleted\n', err: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', code: 0 },
  ];
  for (const k of cases) {
    const c = await seeded();
    const r = await kubectl(c.engine, k.args);
    const out = k.golden ? golden(k.golden, 'out') : (k.out ?? '');
    const err = k.golden ? golden(k.golden, 'err') : (k.err ?? '');
    t.equal(r.stdout, out, `${k.args}: stdout`);
    t.equal(r.stderr, err, `${k.args}: stderr`);
    t.equal(r.code, k.code ?? (err && !err.startsWith('Warning') ? 1 : 0), `${k.args}: exit code`);
  }
});

t.test('delete really deletes, and a dry run does not', async (t) => {
  const c = await seeded();
  await kubectl(c.engine, 'delete pod standalone --dry-run=client');
  await kubectl(c.engine, 'delete pod web-1 --dry-run=server');
  t.equal((await kubectl(c.engine, 'get pods -o name')).stdout, 'pod/standalone\npod/web-1\npod/web-2\n');
  await kubectl(c.engine, 'delete pods -l app=web');
  t.equal((await kubectl(c.engine, 'get pods -o name')).stdout, 'pod/standalone\n');
  const cwd = process.cwd();
  process.chdir(path.join(SHARED_GOLDEN_DIR, 'fixtures'));
  t.teardown(() => process.chdir(cwd));
  await kubectl(c.engine, 'create --validate=false -f multi.yaml');
  const r = await kubectl(c.engine, 'delete -f multi.yaml --wait=false');
  t.equal(r.stdout, golden('delete-f', 'out'));
  const missing = await kubectl(c.engine, 'delete -f pod.yaml');
  t.equal(missing.stderr, 'Error from server (NotFound): error when deleting "pod.yaml": pods "mypod" not found\n');
});

t.test('--wait gives up after --timeout when the object stays', async (t) => {
  const c = await seeded();
  const cm = c.engine.api.kinds.resolve('cm')!;
  await c.engine.client().create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } }, 'default');
  const r = await kubectl(c.engine, 'delete cm held --timeout=300ms');
  t.equal(r.stdout, 'configmap "held" deleted\n', 'the line comes when the API accepts the delete');
  t.equal(r.stderr, 'error: timed out waiting for the condition on configmaps/held\n');
  t.equal(r.code, 1);
  const again = await kubectl(c.engine, 'delete cm held --wait=false');
  t.equal(again.code, 0, '--wait=false returns at once');
});

t.test('delete --interactive lists what would go and deletes only on y', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create configmap a');
  await kubectl(c.engine, 'create deployment web --image=nginx');
  const ask = 'You are about to delete the following 2 resource(s):\nconfigmap/a\ndeployment.apps/web\nDo you want to continue? (y/n): ';
  t.same(await kubectl(c.engine, 'delete cm/a deploy/web -i', { stdin: 'n\n' }), { stdout: `${ask}deletion is cancelled\n`, stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'delete cm/a deploy/web --interactive', { stdin: '' }), { stdout: `${ask}deletion is cancelled\n`, stderr: '', code: 0 }, 'no answer is no');
  t.same(await kubectl(c.engine, 'delete cm/a deploy/web -i', { stdin: 'Y\n' }), { stdout: `${ask}configmap "a" deleted\ndeployment.apps "web" deleted\n`, stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'get cm a'), { stdout: '', stderr: 'Error from server (NotFound): configmaps "a" not found\n', code: 1 });
});
