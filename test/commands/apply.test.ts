import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { sharedGoldens, SHARED_GOLDEN_DIR } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { readManifests } from '../../src/commands/util/manifests.js';
import { bufferIO } from '../../src/commands/util/io.js';

const FIXTURES = path.join(SHARED_GOLDEN_DIR, 'fixtures');
const golden = (name: string, ext: string) => {
  const f = path.join(SHARED_GOLDEN_DIR, `${name}.${ext}`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
};
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function inFixtures(t: { teardown(fn: () => void): void }): void {
  const cwd = process.cwd();
  process.chdir(FIXTURES);
  t.teardown(() => process.chdir(cwd));
}

t.test('manifests: files, directories, stdin, lists and kubectl errors', async (t) => {
  inFixtures(t);
  const io = bufferIO('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
  const names = (ms: { object?: { metadata: { name?: string } } }[]) => ms.map((m) => m.object?.metadata.name);
  t.same(names(await readManifests(io, ['multi.yaml'])), ['shop', 'shop-config', 'shop']);
  t.same(names(await readManifests(io, ['list.yaml'])), ['list-a', 'list-b'], 'kind: List is expanded');
  t.same(names(await readManifests(io, ['-'])), ['a', 'b'], 'stdin, empty documents skipped');
  const dir = await readManifests(io, ['dir']);
  t.same(dir.map((m) => m.source), ['dir/a-pod.yaml', 'dir/b-cm.yaml'], 'a directory is not recursive');
  t.same((await readManifests(io, ['dir'], { recursive: true })).map((m) => m.source), ['dir/a-pod.yaml', 'dir/b-cm.yaml', 'dir/sub/c-cm.yaml']);
  t.same(await readManifests(io, ['bad-syntax.yaml']), [{ source: 'bad-syntax.yaml', error: golden('apply-bad-syntax', 'err').trimEnd() }]);
  t.same(await readManifests(io, ['no-kind.yaml']), [{ source: 'no-kind.yaml', error: golden('apply-no-kind', 'err').trimEnd() }]);
  t.same(await readManifests(io, ['no-kind.yaml'], { validate: true }), [
    {
      source: 'no-kind.yaml',
      error: 'error: error validating "no-kind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    },
  ]);
  await t.rejects(readManifests(io, ['nothere.yaml']), { message: golden('apply-missing-file', 'err').trimEnd() });
  const goYaml = async (text: string) => (await readManifests(bufferIO(text), ['-']))[0].error;
  t.equal(await goYaml('a: {x: 1\n'), "error: error parsing STDIN: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'");
  t.equal(await goYaml('a: b: c\n'), 'error: error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context');
  t.equal(await goYaml('a:\n  - b\n c: d\n'), 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 2: did not find expected key');
  const partial = await readManifests(bufferIO('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n[1]\n'), ['-']);
  t.same(partial.map((m) => m.object?.metadata.name ?? m.error), [
    'a',
    'error: unable to decode "STDIN": json: cannot unmarshal array into Go value of type unstructured.detector',
  ], 'objects before a bad document are kept');
});

t.test('apply matches the recorded kubectl runs', async (t) => {
  inFixtures(t);
  let c: TestCluster | undefined;
  for (const k of sharedGoldens(['apply-'])) {
    if (k.server !== 'keep' || !c) c = await newTestCluster();
    if (k.name === 'apply-last-applied-yaml') {
      // the rest of that object came from a fake server; the annotation is kubectl's own
      const r = await kubectl(c.engine, 'get deploy api -o yaml');
      const want = k.stdout.split('\n').slice(4, 6).join('\n');
      t.ok(r.stdout.includes(want), 'the last-applied annotation is written as kubectl writes it');
      continue;
    }
    let args = k.args;
    let stdin: string | undefined;
    if (k.name === 'apply-stdin') {
      args = ['apply', '--validate=false', '-f', '-'];
      stdin = fs.readFileSync('pod.yaml', 'utf8');
    }
    if (k.name === 'apply-on-created-object') {
      await kubectl(c.engine, 'create --validate=false -f pod.yaml');
      args = ['apply', '--validate=false', '-f', 'pod.yaml'];
    }
    const r = await kubectl(c.engine, args, { stdin });
    t.equal(r.stdout, k.stdout, `${k.name} stdout`);
    t.equal(r.stderr, k.stderr, `${k.name} stderr`);
    t.equal(r.code, k.code, `${k.name} exit code`);
  }
});

t.test('the three-way merge', async (t) => {
  const c = await newTestCluster();
  const deploy = (extra: { replicas?: number; labels?: string; env?: string }) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${extra.labels ?? ''}
spec:
${extra.replicas !== undefined ? `  replicas: ${extra.replicas}\n` : ''}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: A
          value: "1"${extra.env ?? ''}
`;
  const get = () => c.engine.client().get(c.engine.api.kinds.resolve('deploy')!, 'default', 'web');
  let r = await kubectl(c.engine, 'apply -f -', { stdin: deploy({ replicas: 3, labels: '\n    tier: front', env: '\n        - name: B\n          value: "2"' }) });
  t.equal(r.stdout, 'deployment.apps/web created\n');
  t.equal(
    get().metadata.annotations![LAST_APPLIED],
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","tier":"front"},"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.27","name":"web"}]}}}}\n',
  );
  // someone else adds a label: apply keeps it
  await kubectl(c.engine, 'label deploy web owner=ops');
  r = await kubectl(c.engine, 'apply -f -', { stdin: deploy({ replicas: 3, labels: '\n    tier: front', env: '\n        - name: B\n          value: "2"' }) });
  t.equal(r.stdout, 'deployment.apps/web unchanged\n', 'fields set by others do not make a change');
  // the file drops a label, an env var and replicas
  r = await kubectl(c.engine, 'apply -f -', { stdin: deploy({}) });
  t.equal(r.stdout, 'deployment.apps/web configured\n');
  const live = get();
  t.same(live.metadata.labels, { app: 'web', owner: 'ops' }, 'a label removed from the file is removed, the others are kept');
  t.same(live.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }], 'an env var removed from the file is removed');
  t.equal(live.spec.replicas, 1, 'replicas removed from the file go back to the default');
  t.equal(live.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent', 'defaults are kept');

  r = await kubectl(c.engine, 'apply -f - -o yaml --dry-run=client', { stdin: deploy({ replicas: 5 }) });
  t.match(r.stdout, /^apiVersion: apps\/v1\nkind: Deployment\n[\s\S]*  replicas: 5\n/, '-o yaml prints the object');
  t.equal(get().spec.replicas, 1, 'a client dry run changes nothing');
  r = await kubectl(c.engine, 'apply -f - -n other', { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: prod\n' });
  t.equal(r.stderr, `error: the namespace from the provided object "prod" does not match the namespace "other". You must pass '--namespace=prod' to perform this operation.\n`);
  t.equal(r.code, 1);
});

t.test('view-last-applied, server-side apply and prune', async (t) => {
  const c = await newTestCluster();
  const cm = (name: string, v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app: shop\ndata:\n  k: "${v}"\n`;
  await kubectl(c.engine, 'apply -f -', { stdin: `${cm('a', '1')}---\n${cm('b', '1')}` });
  let r = await kubectl(c.engine, 'apply view-last-applied configmap a -o json');
  t.equal(
    r.stdout,
    '{\n  "apiVersion": "v1",\n  "data": {\n    "k": "1"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "labels": {\n      "app": "shop"\n    },\n    "name": "a",\n    "namespace": "default"\n  }\n}\n',
  );
  await kubectl(c.engine, 'create configmap plain');
  r = await kubectl(c.engine, 'apply view-last-applied configmap plain');
  t.equal(r.stderr, 'error: no last-applied-configuration annotation found on resource: plain\n');
  r = await kubectl(c.engine, 'apply --server-side -f -', { stdin: cm('c', '2') });
  t.equal(r.stdout, 'configmap/c serverside-applied\n');
  r = await kubectl(c.engine, 'apply --prune -f -', { stdin: cm('a', '1') });
  t.match(r.stderr, /^error: all resources selected for prune without explicitly passing --all/);
  r = await kubectl(c.engine, 'apply --prune -l app=shop -f -', { stdin: cm('a', '1') });
  t.equal(r.stdout, 'configmap/a unchanged\nconfigmap/b pruned\n', 'objects applied before and absent now are pruned');
  t.equal((await kubectl(c.engine, 'get cm -o name')).stdout, 'configmap/a\nconfigmap/c\nconfigmap/kube-root-ca.crt\nconfigmap/plain\n');
});

t.test('set-last-applied: the annotation becomes the file, and nothing else of the object changes', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  k: "${v}"\n`;
  t.same(await k('apply set-last-applied -f -', cm('1')), { stdout: '', stderr: 'Error from server (NotFound): configmaps "conf" not found\n', code: 1 });
  await k('create -f -', cm('1'));
  t.same(await k('apply set-last-applied -f -', cm('1')), {
    stdout: '',
    stderr: 'error: no last-applied-configuration annotation found on resource: conf, to create the annotation, run the command with --create-annotation\n',
    code: 1,
  });
  t.same(await k('apply set-last-applied -f - --create-annotation', cm('2')), { stdout: 'configmap/conf configured\n', stderr: '', code: 0 });
  const live = JSON.parse((await k('get cm conf -o json')).stdout);
  t.equal(live.metadata.annotations[LAST_APPLIED], '{"apiVersion":"v1","data":{"k":"2"},"kind":"ConfigMap","metadata":{"name":"conf","namespace":"default"}}', "the file's object, keys sorted, in the request's namespace");
  t.same(live.data, { k: '1' }, 'the object itself is left as it was');
  t.same(await k('apply set-last-applied -f -', cm('2')), { stdout: 'set-last-applied conf: no changes required.\n', stderr: '', code: 0 });
  t.equal((await k('apply set-last-applied -f - --dry-run=client', cm('3'))).stdout, 'configmap/conf configured (dry run)\n');
  t.equal((await k('apply set-last-applied -f - -o name', cm('3'))).stdout, 'configmap/conf\n');
  t.equal((await k('apply view-last-applied cm conf')).stdout, 'apiVersion: v1\ndata:\n  k: "3"\nkind: ConfigMap\nmetadata:\n  name: conf\n  namespace: default\n');
  t.same(await k('apply -f -', cm('3')), { stdout: 'configmap/conf configured\n', stderr: '', code: 0 }, 'apply then takes the annotation as what was applied last: only data.k differs from it');
  t.equal(JSON.parse((await k('get cm conf -o json')).stdout).data.k, '3');
  t.match((await k('apply set-last-applied')).stderr, /^error: You must provide one or more resources by argument or filename\./);
});

t.test('custom resources are applied with JSON merge patches', async (t) => {
  inFixtures(t);
  const c = await newTestCluster();
  await kubectl(c.engine, 'apply -f crd.yaml');
  const ct = (spec: string) => `apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my\nspec:\n${spec}`;
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: ct('  cronSpec: "*/5"\n  replicas: 2\n') })).stdout, 'crontab.stable.example.com/my created\n');
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: ct('  cronSpec: "*/5"\n  replicas: 2\n') })).stdout, 'crontab.stable.example.com/my unchanged\n');
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: ct('  cronSpec: "*/5"\n') })).stdout, 'crontab.stable.example.com/my configured\n');
  t.equal((await kubectl(c.engine, 'get ct my -o jsonpath={.spec}')).stdout, '{"cronSpec":"*/5"}', 'a field dropped from the file is removed');
  const r = await kubectl(c.engine, ['patch', 'ct', 'my', '-p', '{"spec":{"replicas":3}}']);
  t.equal(
    r.stderr,
    'error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
  );
});
