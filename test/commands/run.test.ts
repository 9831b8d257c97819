import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { localGoldens, normalizeKlog, sharedGoldens, SHARED_GOLDEN_DIR } from '../helpers/golden.js';

t.test('run matches every recorded run of the real kubectl byte for byte', async (t) => {
  const c = await newTestCluster();
  // run-real created a pod on a fake server: checked below against our cluster
  const cases = [...sharedGoldens(['run-']).filter((k) => k.name !== 'run-real'), ...localGoldens(['run-'])];
  t.ok(cases.length > 25, `${cases.length} cases`);
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.stdout, `${k.name} stdout`);
    t.equal(normalizeKlog(r.stderr), normalizeKlog(k.stderr), `${k.name} stderr`);
    t.equal(r.code, k.code, `${k.name} exit code`);
  }
});

t.test('run --help is kubectl v1.32 verbatim', async (t) => {
  const c = await newTestCluster();
  const r = await kubectl(c.engine, 'run --help');
  t.equal(r.stdout, fs.readFileSync(path.join(SHARED_GOLDEN_DIR, 'help-run.out'), 'utf8'));
});

t.test('run creates a pod through the API server', async (t) => {
  const c = await newTestCluster();
  const pods = c.engine.api.kinds.resolve('pods')!;
  const cases = [
    { name: 'a pod is created', args: 'run nginx --image=nginx', out: fs.readFileSync(path.join(SHARED_GOLDEN_DIR, 'run-real.out'), 'utf8'), err: '', code: 0 },
    { name: 'a second one with the same name fails', args: 'run nginx --image=nginx', out: '', err: 'Error from server (AlreadyExists): pods "nginx" already exists\n', code: 1 },
    { name: 'server dry run', args: 'run probe --image=busybox --dry-run=server', out: 'pod/probe created (server dry run)\n', err: '', code: 0 },
    { name: 'in another namespace', args: 'run box -n kube-system --image=busybox --restart=Never -- sleep 5', out: 'pod/box created\n', err: '', code: 0 },
    {
      name: 'a pod the server rejects for several reasons lists each cause',
      args: 'run Bad_Name --image=nginx',
      out: '',
      err: `The Pod "Bad_Name" is invalid: \n* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.containers[0].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
      code: 1,
    },
    { name: 'a missing namespace', args: 'run box -n nowhere --image=busybox', out: '', err: 'Error from server (NotFound): namespaces "nowhere" not found\n', code: 1 },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.out, `${k.name}: stdout`);
    t.equal(r.stderr, k.err, `${k.name}: stderr`);
    t.equal(r.code, k.code, `${k.name}: exit code`);
  }
  const nginx = c.engine.client().get(pods, 'default', 'nginx');
  t.same(nginx.metadata.labels, { run: 'nginx' });
  t.equal(nginx.spec.containers[0].image, 'nginx');
  t.equal(nginx.spec.restartPolicy, 'Always');
  const box = c.engine.client().get(pods, 'kube-system', 'box');
  t.same(box.spec.containers[0].args, ['sleep', '5']);
  t.equal(box.spec.restartPolicy, 'Never');
  t.throws(() => c.engine.client().get(pods, 'default', 'probe'), /not found/);
});

t.test('run --expose creates the service first, selecting the pod', async (t) => {
  const c = await newTestCluster();
  const r = await kubectl(c.engine, 'run web --image=nginx --port=80 --expose');
  t.equal(r.stdout, 'service/web created\npod/web created\n');
  t.equal(r.code, 0);
  const svc = c.engine.client().get(c.engine.api.kinds.resolve('services')!, 'default', 'web');
  t.same(svc.spec.selector, { run: 'web' });
  t.same(svc.spec.ports, [{ protocol: 'TCP', port: 80, targetPort: 80 }]);
});

t.test('run without --image fails through klog', async (t) => {
  const c = await newTestCluster();
  const r = await kubectl(c.engine, 'run nginx');
  t.equal(normalizeKlog(r.stderr), 'EMMDD hh:mm:ss.micro PID run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n');
  t.equal(r.code, 1);
});

