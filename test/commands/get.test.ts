import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import type { KubeObject } from '../../src/cluster/api/types.js';
import { BIN, cli, cliEnv, cliSpawn } from '../helpers/cli.js';

t.test('get nodes prints the kubeadm table', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  c.advance(3 * 24 * 3600 * 1000);
  const r = await kubectl(c.engine, 'get nodes');
  t.equal(r.code, 0);
  t.match(r.stdout, /^NAME {11}STATUS {3}ROLES {11}AGE {3}VERSION\ncontrolplane {3}Ready {4}control-plane {3}3d {4}v1\.32\.4\n/);
});

t.test('errors read like kubectl', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const cases = [
    { args: 'get foo', err: 'error: the server doesn\'t have a resource type "foo"\n' },
    { args: 'get pods --foo', err: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pods -z', err: "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pods -n', err: "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pod nope', err: 'Error from server (NotFound): pods "nope" not found\n' },
    { args: 'get pods --show-labels -o yaml', err: 'error: --show-labels option cannot be used with yaml printer\n' },
    { args: 'get pods --output-watch-events', err: 'error: --output-watch-events option can only be used with --watch or --watch-only\n' },
    { args: 'get pods,svc -w', err: 'error: you may only specify a single resource type\n' },
    { args: 'get pods -o custom-columns=NAME', err: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n' },
    {
      args: 'get pods -o foo',
      err: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    },
    { args: 'get pods -o jsonpath={.a', err: 'error: error parsing jsonpath {.a, unclosed action\n' },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stderr, k.err, k.args);
    t.equal(r.code, 1, k.args);
    t.equal(r.stdout, '', k.args);
  }
});

/** Config maps and namespaces made through the API at known times, so AGE is known. */
async function seeded(): Promise<TestCluster> {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const client = c.engine.client('system:admin');
  const kinds = c.engine.api.kinds;
  const cm = kinds.resolve('configmaps')!;
  const ns = kinds.resolve('namespaces')!;
  await client.create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } as KubeObject);
  const mk = async (name: string, namespace: string, labels: Record<string, string>, data: Record<string, string>) =>
    client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data } as KubeObject, namespace);
  await mk('web-config', 'default', { app: 'web', 'app.kubernetes.io/tier': 'frontend' }, { a: '1', b: '2' });
  c.advance(60_000);
  await mk('db', 'default', { app: 'db' }, { url: 'postgres://db' });
  c.advance(60_000);
  await mk('cart', 'shop', {}, {});
  c.advance(3 * 60_000);
  return c;
}

t.test('get prints tables with the columns kubectl adds', async (t) => {
  const c = await seeded();
  const cases: { args: string; out: string; err?: string; code?: number }[] = [
    {
      args: 'get cm',
      out: 'NAME         DATA   AGE\ndb           1      4m\nweb-config   2      5m\n',
    },
    { args: 'get cm --no-headers -l app', out: 'db           1     4m\nweb-config   2     5m\n' },
    {
      args: 'get cm -l app -L app -L app.kubernetes.io/tier',
      out: 'NAME         DATA   AGE   APP   TIER\ndb           1      4m    db    \nweb-config   2      5m    web   frontend\n',
    },
    {
      args: 'get cm -l app --show-labels',
      out: 'NAME         DATA   AGE   LABELS\ndb           1      4m    app=db\nweb-config   2      5m    app=web,app.kubernetes.io/tier=frontend\n',
    },
    { args: 'get cm -n shop cart --show-labels', out: 'NAME   DATA   AGE   LABELS\ncart   0      3m    <none>\n' },
    {
      args: 'get cm -A -l app -n shop',
      out: 'NAMESPACE   NAME         DATA   AGE\ndefault     db           1      4m\ndefault     web-config   2      5m\n',
    },
    { args: 'get cm -l app --sort-by=.metadata.creationTimestamp -o name', out: 'configmap/web-config\nconfigmap/db\n' },
    { args: 'get cm -l app --sort-by={.data.a}', out: 'NAME         DATA   AGE\ndb           1      4m\nweb-config   2      5m\n' },
    { args: 'get cm db --show-kind', out: 'NAME           DATA   AGE\nconfigmap/db   1      4m\n' },
    {
      args: 'get cm,ns -l app',
      out: 'NAME                   DATA   AGE\nconfigmap/db           1      4m\nconfigmap/web-config   2      5m\n',
    },
    {
      args: 'get cm/db ns/shop',
      out: 'NAME           DATA   AGE\nconfigmap/db   1      4m\n\nNAME             STATUS   AGE\nnamespace/shop   Active   5m\n',
    },
    {
      args: 'get cm db nope',
      out: 'NAME   DATA   AGE\ndb     1      4m\n',
      err: 'Error from server (NotFound): configmaps "nope" not found\n',
      code: 1,
    },
    { args: 'get cm nope --ignore-not-found', out: '' },
    { args: 'get cm -l app=nope', out: '', err: 'No resources found in default namespace.\n' },
    { args: 'get cm -n nowhere', out: '', err: 'No resources found in nowhere namespace.\n' },
    { args: 'get cm -A -l app=nope', out: '', err: 'No resources found\n' },
    { args: 'get ns -l app=nope', out: '', err: 'No resources found\n' },
    { args: 'get cm --field-selector metadata.name=db -o name', out: 'configmap/db\n' },
    { args: 'get cm --field-selector metadata.name!=db -l app -o name', out: 'configmap/web-config\n' },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.out, `${k.args} stdout`);
    t.equal(r.stderr, k.err ?? '', `${k.args} stderr`);
    t.equal(r.code, k.code ?? 0, `${k.args} exit code`);
  }
});

t.test('get prints the other formats as kubectl does', async (t) => {
  const c = await seeded();
  let r = await kubectl(c.engine, 'get cm db -o yaml');
  t.match(r.stdout, /^apiVersion: v1\ndata:\n  url: postgres:\/\/db\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n  labels:\n    app: db\n  name: db\n  namespace: default\n  resourceVersion: "\d+"\n  uid: [0-9a-f-]{36}\n$/);
  r = await kubectl(c.engine, 'get cm -l app -o yaml');
  t.match(r.stdout, /^apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n/);
  t.match(r.stdout, /\nkind: List\nmetadata:\n  resourceVersion: ""\n$/);
  r = await kubectl(c.engine, 'get cm -l app=nope -o yaml');
  t.equal(r.stdout, 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', 'an empty list is still printed');
  t.equal(r.stderr, '');
  r = await kubectl(c.engine, 'get cm -l app=nope -o name');
  t.equal(r.stdout + r.stderr, '', '-o name prints nothing for nothing');
  r = await kubectl(c.engine, 'get cm nope -o yaml');
  t.equal(r.stdout, '');
  t.equal(r.stderr, 'Error from server (NotFound): configmaps "nope" not found\n');
  r = await kubectl(c.engine, 'get cm db nope -o name');
  t.equal(r.stdout, 'configmap/db\n');
  t.equal(r.code, 1);
  r = await kubectl(c.engine, 'get cm db -o json');
  t.match(r.stdout, /^\{\n {4}"apiVersion": "v1",\n {4}"data": \{\n {8}"url": "postgres:\/\/db"\n {4}\},\n/);
  r = await kubectl(c.engine, ['get', 'cm', '-l', 'app', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.data}{"\\n"}{end}']);
  t.equal(r.stdout, 'db\t{"url":"postgres://db"}\nweb-config\t{"a":"1","b":"2"}\n');
  r = await kubectl(c.engine, ['get', 'cm', '-l', 'app', '-o', 'jsonpath={.items[*].metadata.name}']);
  t.equal(r.stdout, 'db web-config', 'no newline added');
  r = await kubectl(c.engine, ['get', 'cm', '-A', '-o', 'custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,NS:{.metadata.namespace}', '--sort-by=.metadata.name']);
  t.equal(r.stdout, 'NAME         APP      NS\ncart         <none>   shop\ndb           db       default\nweb-config   web      default\n');
  r = await kubectl(c.engine, ['get', 'cm', '-l', 'app', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,KEYS:.data']);
  t.equal(r.stdout, 'db           map[url:postgres://db]\nweb-config   map[a:1 b:2]\n');
  r = await kubectl(c.engine, ['get', 'cm', '-l', 'app', '-o', 'go-template={{range .items}}{{.metadata.name}}={{len .data}} {{end}}']);
  t.equal(r.stdout, 'db=1 web-config=2 ');
  r = await kubectl(c.engine, ['get', 'cm', 'db', '-o', 'template', '--template={{.metadata.labels.app}}']);
  t.equal(r.stdout, 'db');
  r = await kubectl(c.engine, ['get', 'cm', 'db', '-o', 'go-template={{.metadata.name.x}}']);
  t.match(r.stdout, /^Error executing template: template: output:1:11: executing "output" at <\.metadata\.name\.x>: can't evaluate field x in type interface \{\}\. Printing more information/);
  t.equal(r.stderr, 'error: error executing template "{{.metadata.name.x}}": template: output:1:11: executing "output" at <.metadata.name.x>: can\'t evaluate field x in type interface {}\n');
  t.equal(r.code, 1);
});

t.test('get hides managedFields from -o yaml|json unless asked', async (t) => {
  const c = await seeded();
  const cm = c.engine.api.kinds.resolve('configmaps')!;
  const mf = [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];
  await c.engine.client('system:admin').create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mf', managedFields: mf } } as never, 'default');
  t.notMatch((await kubectl(c.engine, 'get cm mf -o yaml')).stdout, /managedFields/);
  t.notMatch((await kubectl(c.engine, 'get cm mf -o json')).stdout, /managedFields/);
  t.match((await kubectl(c.engine, 'get cm mf -o yaml --show-managed-fields')).stdout, /\n  managedFields:\n  - apiVersion: v1\n/);
});

t.test('get -f reads the objects a manifest names', async (t) => {
  const c = await seeded();
  const dir = fs.mkdtempSync(path.join(c.home, 'm-'));
  const file = path.join(dir, 'objs.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
  let r = await kubectl(c.engine, ['get', '-f', file]);
  t.equal(r.stdout, 'NAME           DATA   AGE\nconfigmap/db   1      4m\n\nNAME             STATUS   AGE\nnamespace/shop   Active   5m\n');
  t.equal(r.code, 0);
  const one = path.join(dir, 'one.yaml');
  fs.writeFileSync(one, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cart\n  namespace: shop\n');
  r = await kubectl(c.engine, ['get', '-f', one, '-o', 'name']);
  t.equal(r.stdout, 'configmap/cart\n');
  r = await kubectl(c.engine, ['get', '-f', one, '-o', 'jsonpath={.kind}']);
  t.equal(r.stdout, 'ConfigMap', 'one object from one file is printed as itself');
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- one.yaml\nnamespace: shop\n');
  r = await kubectl(c.engine, ['get', '-k', dir, '-o', 'name']);
  t.equal(r.stdout, 'configmap/cart\n', 'get -k: the objects the kustomization builds');
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- one.yaml\nnamePrefix: x-\n');
  r = await kubectl(c.engine, ['get', '-k', dir]);
  t.equal(r.stderr, 'Error from server (NotFound): configmaps "x-cart" not found\n', 'names carry the prefix');
  const empty = fs.mkdtempSync(path.join(c.home, 'k-'));
  r = await kubectl(c.engine, ['get', '-k', empty]);
  t.equal(r.stderr, `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${empty}'\n`);
  r = await kubectl(c.engine, ['get', '-k', path.join(empty, 'nothere')]);
  t.equal(r.stderr, `must build at directory: not a valid directory: evalsymlink failure on '${path.join(empty, 'nothere')}' : lstat ${path.join(empty, 'nothere')}: no such file or directory\n`);
  r = await kubectl(c.engine, ['get', '-k', empty, '-f', one]);
  t.equal(r.stderr, 'error: only one of -f or -k can be specified\n');
  t.equal(r.code, 1);
  r = await kubectl(c.engine, ['get', '-f', path.join(dir, 'nothere.yaml')]);
  t.equal(r.stderr, `error: the path "${path.join(dir, 'nothere.yaml')}" does not exist\n`);
  t.equal(r.code, 1);
});

t.test('get -w prints the list, then a row per change, with remembered widths, until interrupted', async (t) => {
  const c = await seeded();
  const client = c.engine.client('system:admin');
  const cm = c.engine.api.kinds.resolve('configmaps')!;
  for (const args of [
    { argv: 'get cm -l app -w', out: (rows: string) => `NAME         DATA   AGE\ndb           1      4m\nweb-config   2      5m\n${rows}` },
    {
      argv: 'get cm -l app -w --output-watch-events',
      out: (rows: string) => `EVENT   NAME         DATA   AGE\nADDED   db           1      4m\nADDED   web-config   2      5m\n${rows}`,
    },
  ]) {
    const ac = new AbortController();
    const running = kubectl(c.engine, args.argv, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 50));
    await client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a-much-longer-name', labels: { app: 'x' } } } as KubeObject, 'default');
    await client.delete(cm, 'default', 'a-much-longer-name');
    await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    const r = await running;
    const events = args.argv.includes('events');
    t.equal(
      r.stdout,
      args.out(
        events
          ? 'ADDED   a-much-longer-name   0      0s\nDELETED   a-much-longer-name   0      0s\n'
          : 'a-much-longer-name   0      0s\na-much-longer-name   0      0s\n',
      ),
      args.argv,
    );
    t.equal(r.stderr, '');
    t.equal(r.code, 0, 'Ctrl-C ends a watch with exit 0');
  }
});

t.test('get -w on an empty list prints the header with the first event; -o yaml separates objects', async (t) => {
  const c = await seeded();
  const client = c.engine.client('system:admin');
  const cm = c.engine.api.kinds.resolve('configmaps')!;
  const ac = new AbortController();
  const table = kubectl(c.engine, 'get cm -l app=new -w', { signal: ac.signal });
  const ac2 = new AbortController();
  const yaml = kubectl(c.engine, 'get cm -l app=new -w -o name', { signal: ac2.signal });
  const cc = kubectl(c.engine, 'get cm -l app=new -w -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app', { signal: ac2.signal });
  await new Promise((r) => setTimeout(r, 50));
  await client.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', labels: { app: 'new' } } } as KubeObject, 'default');
  await new Promise((r) => setTimeout(r, 50));
  ac.abort();
  ac2.abort();
  const r = await table;
  t.equal(r.stdout, 'NAME   DATA   AGE\nn      0      0s\n');
  t.equal(r.stderr, '', 'no "No resources found" in watch mode');
  t.equal((await yaml).stdout, 'configmap/n\n');
  t.equal((await cc).stdout, 'NAME   APP\nn      new\n', 'custom-columns: the header with the first event');
  const ac3 = new AbortController();
  const y = kubectl(c.engine, 'get cm -l app=new -w -o yaml', { signal: ac3.signal });
  await new Promise((r) => setTimeout(r, 50));
  await client.delete(cm, 'default', 'n');
  await new Promise((r) => setTimeout(r, 50));
  ac3.abort();
  const out = (await y).stdout;
  t.equal(out.split('\n---\n').length, 2, 'two objects, one --- between them');
  t.notOk(out.startsWith('---'), 'no leading ---');
});

/** Writes to the cluster from a separate node process (as another terminal would) and returns when it wrote. */
function writeFromAnotherProcess(home: string, op: string): Promise<number> {
  const engine = path.resolve(BIN, '../../dist/src/cluster/engine.js');
  const script = `
    const { openCluster } = await import(${JSON.stringify(engine)});
    const e = await openCluster(${JSON.stringify(home)}, 'kubernetes', { simulate: false });
    const c = e.client('kubernetes-admin');
    const pods = e.api.kinds.resolve('pods');
    // no scheduler takes these pods, so they stay Pending whatever the clock does while the test runs
    const pod = (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'w' } }, spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'nginx' }] } });
    ${op}
    process.stdout.write(String(Date.now()));
    process.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: cliEnv(home), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`writer exited ${code}`))));
  });
}

t.test('kubecadet kubectl get pods -w sees another process\'s writes within 100 ms and ends on Ctrl-C', async (t) => {
  const home = t.testdir();
  // the bare cluster: with no worker the pods stay Pending, so every row below is about the writes alone
  t.equal(cli(home, ['cluster', 'reset', '--fixture', 'bare', '--yes']).stdout, 'Cluster "kubernetes" reset to fixture "bare".\n', 'the cluster exists');
  await writeFromAnotherProcess(home, 'await c.create(pods, pod("first"), "default");');
  const child = cliSpawn(home, ['kubectl', 'get', 'pods', '-l', 'app=w', '-w']);
  const chunks: { at: number; text: string }[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => chunks.push({ at: Date.now(), text: d.toString() }));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // never leave the watch running, whatever fails below
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const outputBefore = () => chunks.map((c) => c.text).join('');
  // the watch is open as soon as the initial list is printed
  for (let i = 0; i < 1000 && !outputBefore().includes('first'); i++) await new Promise((r) => setTimeout(r, 10));
  // the simulated control plane moves the pod along (Pending, ContainerCreating...) meanwhile
  t.match(outputBefore(), /^NAME {4}READY {3}STATUS +RESTARTS {3}AGE\nfirst {3}0\/1 {5}\S+ +0 +\d+s\n/, 'the initial list with its header');
  const latencies: number[] = [];
  /** When the next row about `watched` arrived, measured from `since` (it may come before its writer returns). */
  let watchedRows = 0;
  const waitRow = async (since: number): Promise<number> => {
    for (let i = 0; i < 400; i++) {
      const rows = chunks.flatMap((c) => c.text.split('\n').filter((l) => l.startsWith('watched')).map(() => c.at));
      if (rows.length > watchedRows) {
        const at = rows[watchedRows];
        watchedRows = rows.length;
        return Math.max(0, at - since);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no row after ${since}: ${JSON.stringify(chunks)}`);
  };
  let wrote = await writeFromAnotherProcess(home, 'await c.create(pods, pod("watched"), "default");');
  latencies.push(await waitRow(wrote));
  t.match(outputBefore(), /\nwatched +0\/1 +\S+ +0 +\d+s\n/, 'the new pod\'s row, no new header');
  wrote = await writeFromAnotherProcess(home, 'await c.patch(pods, "default", "watched", "merge", { metadata: { labels: { stage: "two" } } });');
  latencies.push(await waitRow(wrote));
  wrote = await writeFromAnotherProcess(home, 'await c.delete(pods, "default", "watched");');
  latencies.push(await waitRow(wrote));
  t.ok(Math.max(...latencies) < 100, `each change printed within 100 ms of its write (${latencies.join(', ')} ms)`);
  // the same through kubectl itself, from another process
  const rowsOf = (name: string) => outputBefore().split('\n').filter((l) => l.startsWith(`${name} `));
  const before = rowsOf('first').length;
  t.equal(cli(home, ['kubectl', 'label', 'pod', 'first', 'stage=two']).stdout, 'pod/first labeled\n');
  t.equal(cli(home, ['kubectl', 'delete', 'pod', 'first', '--wait=false']).stdout, 'pod "first" deleted\n');
  for (let i = 0; i < 200 && rowsOf('first').length < before + 2; i++) await new Promise((r) => setTimeout(r, 10));
  t.ok(rowsOf('first').length >= before + 2, 'a row for the label change and one for the deletion');
  const printed = outputBefore();
  t.notOk(printed.split('\n').slice(1).some((l) => l.startsWith('NAME')), 'no second header');
  child.kill('SIGINT');
  // kubectl's interrupt handler ends a watch with os.Exit(1): the real kubectl, watching a server, exits 1 on Ctrl-C
  t.equal(await exited, 1, 'Ctrl-C exits 1');
  t.equal(outputBefore(), printed, 'nothing printed on Ctrl-C');
  t.equal(stderr, '');
});
