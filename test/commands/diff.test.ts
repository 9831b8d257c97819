import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { localGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

/** The folders and file times diff prints differ on every run: they are named LIVE, MERGED and TIME here. */
function stable(s: string): string {
  return s.replace(/\/[^\s]*\/(LIVE|MERGED)-\d+\//g, '$1/').replace(/\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ [+-]\d{4}$/gm, '\tTIME');
}

const CONFIGMAP = (b: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels: {app: web}\ndata:\n  a: "1"\n  b: "${b}"\n`;

t.test("diff's usage mistakes exit 2, as the real kubectl's do", async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const cases = localGoldens(['diff-']);
  t.equal(cases.length, 5);
  for (const g of cases) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
});

t.test('diff compares the live object with what apply would make of the file, with diff -u -N', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const dir = t.testdir();
  const file = path.join(dir, 'cm.yaml');
  fs.writeFileSync(file, CONFIGMAP('2'));
  const created = await kubectl(c.engine, ['diff', '-f', file]);
  t.equal(created.code, 1, 'differences found');
  const uid = /uid: (\S+)/.exec(created.stdout)?.[1];
  t.equal(
    stable(created.stdout),
    [
      'diff -u -N LIVE/v1.ConfigMap.default.web MERGED/v1.ConfigMap.default.web',
      '--- LIVE/v1.ConfigMap.default.web\tTIME',
      '+++ MERGED/v1.ConfigMap.default.web\tTIME',
      '@@ -0,0 +1,15 @@',
      '+apiVersion: v1',
      '+data:',
      '+  a: "1"',
      '+  b: "2"',
      '+kind: ConfigMap',
      '+metadata:',
      '+  annotations:',
      '+    kubectl.kubernetes.io/last-applied-configuration: |',
      '+      {"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"}}',
      '+  creationTimestamp: "2026-01-01T12:00:00Z"',
      '+  labels:',
      '+    app: web',
      '+  name: web',
      '+  namespace: default',
      `+  uid: ${uid}`,
      '',
    ].join('\n'),
    'a new object: the whole of it, from an empty live version',
  );
  t.same(await kubectl(c.engine, ['get', 'cm', 'web']), { stdout: '', stderr: 'Error from server (NotFound): configmaps "web" not found\n', code: 1 }, 'nothing was created');
  await kubectl(c.engine, ['apply', '-f', file]);
  t.same(await kubectl(c.engine, ['diff', '-f', file]), { stdout: '', stderr: '', code: 0 }, 'applied as it is: no differences');
  fs.writeFileSync(file, CONFIGMAP('3'));
  const changed = await kubectl(c.engine, ['diff', '-f', file]);
  t.equal(changed.code, 1);
  t.equal(
    stable(changed.stdout).split('\n').slice(3, 17).join('\n'),
    [
      '@@ -1,12 +1,12 @@',
      ' apiVersion: v1',
      ' data:',
      '   a: "1"',
      '-  b: "2"',
      '+  b: "3"',
      ' kind: ConfigMap',
      ' metadata:',
      '   annotations:',
      '     kubectl.kubernetes.io/last-applied-configuration: |',
      '-      {"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"}}',
      '+      {"apiVersion":"v1","data":{"a":"1","b":"3"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"}}',
      '   creationTimestamp: "2026-01-01T12:00:00Z"',
      '   labels:',
    ].join('\n'),
  );
  t.notMatch(changed.stdout, /managedFields/, 'managed fields are left out');
  t.equal((await kubectl(c.engine, 'get cm web -o jsonpath={.data.b}')).stdout, '2', 'the dry run changed nothing');
  const quiet = await kubectl(c.engine, ['diff', '-f', file], { env: { ...process.env, KUBECADET_HOME: '/nonexistent-kubecadet-home', KUBECTL_EXTERNAL_DIFF: 'diff -q $(rm) --brief' } });
  t.same({ ...quiet, stdout: stable(quiet.stdout) }, { stdout: 'Files LIVE/v1.ConfigMap.default.web and MERGED/v1.ConfigMap.default.web differ\n', stderr: '', code: 1 }, 'KUBECTL_EXTERNAL_DIFF, its unsafe words dropped');
  const missing = await kubectl(c.engine, ['diff', '-f', file], { env: { ...process.env, KUBECADET_HOME: '/nonexistent-kubecadet-home', KUBECTL_EXTERNAL_DIFF: 'no-such-diff-program' } });
  t.same(missing, { stdout: '', stderr: 'error: failed to run "no-such-diff-program": exec: "no-such-diff-program": executable file not found in $PATH\n', code: 2 });
});

t.test("diff masks a Secret's data and shows what --prune would delete", async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const dir = t.testdir();
  const secret = (v: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  same: YQ==\n  changed: ${v}\n`;
  fs.writeFileSync(path.join(dir, 's.yaml'), secret('Yg=='));
  await kubectl(c.engine, ['apply', '-f', path.join(dir, 's.yaml')]);
  fs.writeFileSync(path.join(dir, 's.yaml'), secret('Yw=='));
  const masked = stable((await kubectl(c.engine, ['diff', '-f', path.join(dir, 's.yaml')])).stdout);
  t.match(masked, '-  changed: \'*** (before)\'\n+  changed: \'*** (after)\'\n   same: \'***\'\n');
  // as with kubectl, the last-applied annotation still carries the values: only data is masked
  t.notMatch(masked, /^[-+ ] {2}(changed|same): Y/m, 'no data value shows');
  fs.writeFileSync(path.join(dir, 'cm.yaml'), CONFIGMAP('1'));
  await kubectl(c.engine, ['apply', '-f', path.join(dir, 'cm.yaml')]);
  const pruned = await kubectl(c.engine, ['diff', '-f', path.join(dir, 's.yaml'), '--prune', '--prune-allowlist=core/v1/ConfigMap']);
  t.equal(pruned.code, 1);
  t.match(stable(pruned.stdout), /^diff -u -N LIVE\/v1\.ConfigMap\.default\.web MERGED\/v1\.ConfigMap\.default\.web\n--- LIVE\/v1\.ConfigMap\.default\.web\tTIME\n\+\+\+ MERGED\/v1\.ConfigMap\.default\.web\tTIME\n@@ -1,\d+ \+0,0 @@\n-apiVersion: v1\n/);
});
