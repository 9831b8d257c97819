import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { localGoldens, SHARED_GOLDEN_DIR } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const golden = (name: string, ext: string) => {
  const f = path.join(SHARED_GOLDEN_DIR, `${name}.${ext}`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
};

async function withWeb(): Promise<TestCluster> {
  const c = await newTestCluster();
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=3');
  return c;
}

function replicas(c: TestCluster): number {
  return c.engine.client().get(c.engine.api.kinds.resolve('deploy')!, 'default', 'web').spec.replicas;
}

t.test('patch prints what kubectl prints', async (t) => {
  const c = await withWeb();
  const steps: { args: string; golden: string }[] = [
    { args: `patch deploy web -p '{"spec":{"replicas":2}}'`, golden: 'patch-strategic' },
    { args: `patch deploy web -p '{"spec":{"replicas":2}}'`, golden: 'patch-nochange' },
    { args: `patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":"web"}}}'`, golden: 'patch-merge' },
    { args: `patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'`, golden: 'patch-json' },
    { args: `patch deploy web --type=yaml -p '{}'`, golden: 'patch-bad-type' },
    { args: `patch deploy nope -p '{"spec":{"replicas":2}}'`, golden: 'patch-missing' },
    { args: `patch deploy web -p '{"spec":{"replicas":-2}}'`, golden: 'patch-invalid' },
  ];
  for (const k of steps) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, golden(k.golden, 'out'), `${k.golden} stdout`);
    t.equal(r.stderr, golden(k.golden, 'err'), `${k.golden} stderr`);
    t.equal(r.code, golden(k.golden, 'err') ? 1 : 0, `${k.golden} exit code`);
  }
  t.equal(replicas(c), 4);
  let r = await kubectl(c.engine, ['patch', 'deploy', 'web', '-p', 'spec:\n  replicas: 5', '--dry-run=server']);
  t.equal(r.stdout, 'deployment.apps/web patched (server dry run)\n', 'YAML patches, server dry run');
  t.equal(replicas(c), 4);
  r = await kubectl(c.engine, 'patch deploy web');
  t.equal(r.stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  const file = path.join(os.tmpdir(), `kubecadet-patch-${process.pid}.yaml`);
  fs.writeFileSync(file, 'spec:\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n');
  t.teardown(() => fs.rmSync(file, { force: true }));
  r = await kubectl(c.engine, ['patch', 'deploy', 'web', '--patch-file', file, '-o', 'jsonpath={.spec.template.spec.containers[*].image}']);
  t.equal(r.stdout, 'nginx:1.27', 'a strategic patch merges containers by name');
  r = await kubectl(c.engine, ['patch', 'deploy', 'web', '-p', 'x', '--patch-file', file]);
  t.equal(r.stderr, 'error: cannot specify --patch and --patch-file together\n');
});

t.test('replace', async (t) => {
  const c = await newTestCluster();
  const cwd = process.cwd();
  process.chdir(path.join(SHARED_GOLDEN_DIR, 'fixtures'));
  t.teardown(() => process.chdir(cwd));
  let r = await kubectl(c.engine, 'replace --validate=false -f pod.yaml');
  t.equal(r.stderr, golden('replace-missing', 'err'));
  t.equal(r.code, 1);
  await kubectl(c.engine, 'create --validate=false -f pod.yaml');
  // the API server refuses a pod spec that lost what admission added on create (the recorded run had a
  // fake server that validates nothing); --force deletes and creates instead
  r = await kubectl(c.engine, 'replace --validate=false -f pod.yaml');
  t.match(r.stderr, /^The Pod "mypod" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  r = await kubectl(c.engine, 'replace --validate=false --force -f pod.yaml');
  t.equal(r.stdout, golden('replace-force', 'out'));
  // a stale copy: someone labels the pod in between
  const stale = path.join(os.tmpdir(), `kubecadet-stale-${process.pid}.yaml`);
  t.teardown(() => fs.rmSync(stale, { force: true }));
  fs.writeFileSync(stale, (await kubectl(c.engine, 'get pod mypod -o yaml')).stdout);
  await kubectl(c.engine, 'label pod mypod x=y');
  r = await kubectl(c.engine, ['replace', '--validate=false', '-f', stale]);
  t.equal(
    r.stderr,
    `Error from server (Conflict): error when replacing ${JSON.stringify(stale)}: Operation cannot be fulfilled on pods "mypod": the object has been modified; please apply your changes to the latest version and try again\n`,
  );
  r = await kubectl(c.engine, 'replace');
  t.equal(r.stderr, 'error: must specify one of -f and -k\n');
  await kubectl(c.engine, 'create configmap cfg --from-literal=a=1');
  r = await kubectl(c.engine, 'replace -f -', { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "2"\n' });
  t.equal(r.stdout, 'configmap/cfg replaced\n');
  r = await kubectl(c.engine, 'replace -f - -o jsonpath={.data.a}', { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "3"\n' });
  t.equal(r.stdout, '3');
});

t.test('edit', async (t) => {
  const c = await withWeb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-editor-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return f;
  };
  const env = (editor: string) => ({ ...process.env, KUBE_EDITOR: editor, KUBECADET_HOME: '/nonexistent-kubecadet-home' });
  let r = await kubectl(c.engine, 'edit deploy web', { env: env('true') });
  t.equal(r.stderr, golden('edit-nochange', 'err'));
  t.equal(r.code, 0);
  r = await kubectl(c.engine, 'edit deploy web', { env: env('sed -i s/replicas:\\ 3/replicas:\\ 4/') });
  t.equal(r.stdout, golden('edit-change', 'out'), 'an editor with arguments runs through the shell');
  t.equal(replicas(c), 4);
  r = await kubectl(c.engine, 'edit deploy nope', { env: env('true') });
  t.equal(r.stderr, golden('edit-missing', 'err'));
  r = await kubectl(c.engine, 'edit deploy web -o name', { env: env('true') });
  t.equal(r.stderr, golden('edit-change-output', 'err'));
  t.equal(r.code, 1);
  await kubectl(c.engine, 'create configmap app-config --from-literal=MODE=prod --from-literal=LEVEL=debug');
  r = await kubectl(c.engine, 'edit cm app-config', { env: env('cat') });
  const cm = c.engine.client().get(c.engine.api.kinds.resolve('cm')!, 'default', 'app-config');
  t.equal(
    r.stdout,
    golden('edit-file-content', 'out')
      .replace(/creationTimestamp: ".*"/, `creationTimestamp: "${cm.metadata.creationTimestamp}"`)
      .replace(/resourceVersion: ".*"/, `resourceVersion: "${cm.metadata.resourceVersion}"`)
      .replace(/uid: .*/, `uid: ${cm.metadata.uid}`),
    'the file starts with the header and holds the object as YAML',
  );
  t.equal(r.stderr, golden('edit-file-content', 'err'));

  // an invalid change reopens the file with the reasons; saving it unchanged gives up
  const seen = path.join(dir, 'seen');
  const bad = script('bad.sh', `cat "$1" >> ${seen}; sed -i 's/replicas: 4$/replicas: -1/' "$1"`);
  r = await kubectl(c.engine, 'edit deploy web', { env: env(bad) });
  t.match(r.stderr, /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/.*kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  t.equal(r.code, 1);
  t.ok(
    fs.readFileSync(seen, 'utf8').includes(`#
# deployments.apps "web" was not valid:
# * spec.replicas: Invalid value: -1: must be greater than or equal to 0
#
`),
    'the reopened file starts with the reasons',
  );
  t.equal(replicas(c), 4);
  const empty = script('empty.sh', ': > "$1"');
  r = await kubectl(c.engine, 'edit deploy web', { env: env(empty) });
  t.equal(r.stderr, 'Edit cancelled, saved file was empty.\n');
});

t.test('apply edit-last-applied: the editor shows the last-applied annotation, and what is saved becomes it', async (t) => {
  const c = await newTestCluster();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-editor-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = (editor: string) => ({ ...process.env, KUBE_EDITOR: editor, KUBECADET_HOME: '/nonexistent-kubecadet-home' });
  const k = (line: string, opts: { stdin?: string; editor?: string } = {}) => kubectl(c.engine, line, { stdin: opts.stdin, env: env(opts.editor ?? 'true') });
  await k('create configmap plain --from-literal=a=1');
  t.same(await k('apply edit-last-applied cm plain'), {
    stdout: '',
    stderr: 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n',
    code: 1,
  });
  await k('apply -f -', { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  k: "1"\n' });
  const seen = path.join(dir, 'seen');
  // an editor that keeps a copy of what it was shown and changes nothing
  const shown = await k('apply edit-last-applied cm conf', { editor: `sh -c 'cp "$0" ${seen}'` });
  t.same(shown, { stdout: '', stderr: 'Edit cancelled, no changes made.\n', code: 0 });
  t.equal(
    fs.readFileSync(seen, 'utf8'),
    "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\napiVersion: v1\ndata:\n  k: \"1\"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: conf\n  namespace: default\n",
    'the annotation, not the object: no status, uid or resourceVersion',
  );
  t.same(await k('apply edit-last-applied cm conf', { editor: 'sed -i s/k:\\ \\"1\\"/k:\\ \\"2\\"/' }), { stdout: 'configmap/conf edited\n', stderr: '', code: 0 });
  t.equal((await k('apply view-last-applied cm conf -o json')).stdout, '{\n  "apiVersion": "v1",\n  "data": {\n    "k": "2"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "name": "conf",\n    "namespace": "default"\n  }\n}', 'compact JSON, as set-last-applied writes it: no newline at its end, so none after the indented one');
  t.equal((await k('get cm conf -o jsonpath={.data.k}')).stdout, '1', 'the object itself waits for the next apply');
  t.same(await k('apply edit-last-applied cm conf -o json', { editor: 'sed -i s/default/default/' }), { stdout: '', stderr: 'Edit cancelled, no changes made.\n', code: 0 });
});

t.test('each verb prints kubectl help text', async (t) => {
  const c = await newTestCluster();
  for (const v of ['apply', 'delete', 'label', 'annotate', 'patch', 'replace', 'edit']) {
    const r = await kubectl(c.engine, `${v} --help`);
    t.equal(r.stdout, golden(`help-${v}`, 'out'), v);
  }
});

t.test('local edits match the recorded kubectl runs', async (t) => {
  const c = await newTestCluster();
  const cwd = process.cwd();
  t.teardown(() => process.chdir(cwd));
  for (const k of localGoldens(['patch-local-', 'label-local-json', 'annotate-local-remove'])) {
    process.chdir(k.cwd);
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.stdout, `${k.name} stdout`);
    t.equal(r.stderr, k.stderr, `${k.name} stderr`);
    t.equal(r.code, k.code, `${k.name} exit code`);
  }
});
