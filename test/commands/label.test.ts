import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { SHARED_GOLDEN_DIR } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const golden = (name: string, ext: string) => {
  const f = path.join(SHARED_GOLDEN_DIR, `${name}.${ext}`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
};

const pod = (name: string, labels: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels}spec:
  containers:
  - name: main
    image: nginx:1.27
`;

t.test('label and annotate follow the recorded runs, in order on one cluster', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'apply -f -', { stdin: [pod('standalone', '    run: standalone\n'), pod('web-1', '    app: web\n'), pod('web-2', '    app: web\n')].join('---\n') });
  const steps: { args: string; golden?: string; out?: string; err?: string; code?: number }[] = [
    { args: 'label pod standalone --list', golden: 'label-list' },
    { args: 'label pod standalone env=prod', golden: 'label-pod' },
    { args: 'label pod standalone env=prod', golden: 'label-pod-same' },
    { args: 'label pod standalone env=dev', golden: 'label-pod-no-overwrite' },
    { args: 'label pod standalone env=dev --overwrite', golden: 'label-pod-overwrite' },
    { args: 'label pod standalone env-', golden: 'label-pod-remove' },
    { args: 'label pod standalone env-', golden: 'label-pod-remove-absent' },
    { args: 'label pod standalone k=bad/value', golden: 'label-bad-value' },
    { args: 'label pod standalone', golden: 'label-no-labels' },
    { args: 'label node controlplane disktype=ssd', out: 'node/controlplane labeled\n' },
    { args: 'label pods -l app=web tier=frontend', out: 'pod/web-1 labeled\npod/web-2 labeled\n' },
    { args: 'label pods --all tier=x --overwrite', out: 'pod/standalone labeled\npod/web-1 labeled\npod/web-2 labeled\n' },
    { args: 'label pod standalone a=b --dry-run=client', out: 'pod/standalone labeled (dry run)\n' },
    { args: 'label pod standalone a=b -o name', out: 'pod/standalone\n' },
    { args: 'label pod standalone a=b a- --overwrite', err: 'error: can not both modify and remove a label in the same command\n', code: 1 },
    { args: 'label pod standalone x=1 pods', err: 'error: all resources must be specified before label changes: pods\n', code: 1 },
    { args: 'label pod standalone x=1 --resource-version=1', err: 'Error from server (Conflict): Operation cannot be fulfilled on pods "standalone": the object has been modified; please apply your changes to the latest version and try again\n', code: 1 },
    { args: "annotate pod standalone note='hello world'", golden: 'annotate-pod' },
    { args: 'annotate pod standalone note=again', golden: 'annotate-pod-no-overwrite' },
    { args: 'annotate pod standalone note-', golden: 'annotate-pod-remove' },
    { args: 'annotate pod standalone note', err: 'error: at least one annotation update is required\n', code: 1 },
    { args: 'annotate pod standalone kubernetes.io/change-cause=x', out: 'pod/standalone annotated\n' },
    { args: 'annotate pod standalone kubernetes.io/change-cause=y', out: 'pod/standalone annotated\n' },
    { args: 'label pods nope x=y', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 },
  ];
  for (const k of steps) {
    const r = await kubectl(c.engine, k.args);
    const out = k.golden ? golden(k.golden, 'out') : (k.out ?? '');
    const err = k.golden ? golden(k.golden, 'err') : (k.err ?? '');
    t.equal(r.stdout, out, `${k.args}: stdout`);
    t.equal(r.stderr, err, `${k.args}: stderr`);
    t.equal(r.code, k.code ?? (err ? 1 : 0), `${k.args}: exit code`);
  }
  const live = c.engine.client().get(c.engine.api.kinds.resolve('pod')!, 'default', 'standalone');
  t.same(live.metadata.labels, { a: 'b', run: 'standalone', tier: 'x' }, 'the labels as changed, without the dry run');
  t.equal(live.metadata.annotations?.['kubernetes.io/change-cause'], 'y', 'change-cause may always be overwritten');
});

t.test('--local edits the file offline', async (t) => {
  const c = await newTestCluster();
  const cwd = process.cwd();
  process.chdir(path.join(SHARED_GOLDEN_DIR, 'fixtures'));
  t.teardown(() => process.chdir(cwd));
  for (const name of ['label-local-yaml', 'label-local-overwrite-error', 'label-local-remove-yaml', 'annotate-local-yaml']) {
    const line = fs.readFileSync(path.join(SHARED_GOLDEN_DIR, 'cases.tsv'), 'utf8').split('\n').find((l) => l.startsWith(`${name}\t`))!;
    const args = line.split('\t')[1].replace(/^timeout \d+ kubectl /, '');
    const r = await kubectl(c.engine, args);
    t.equal(r.stdout, golden(name, 'out'), `${name} stdout`);
    t.equal(r.stderr, golden(name, 'err'), `${name} stderr`);
  }
  const r = await kubectl(c.engine, 'label pod x --local a=b');
  t.equal(r.stderr, 'error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set\n');
});
