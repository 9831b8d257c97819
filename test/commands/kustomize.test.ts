import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

// kustomize runs client-side, so every case under test/golden/fixtures/kustomize was recorded from the real
// kubectl (test/golden/record-kustomize.sh): output byte for byte, errors up to klog's time and pid.
const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/golden');
const fixtures = path.join(golden, 'fixtures/kustomize');
const recorded = path.join(golden, 'kubectl-kustomize');
const klog = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm;

t.test('kubectl kustomize builds what the real one builds', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const cases = fs.readdirSync(fixtures).sort();
  t.ok(cases.length >= 9);
  for (const name of cases) {
    const r = await kubectl(c.engine, ['kustomize', path.join(fixtures, name)]);
    const want = (ext: string) => fs.readFileSync(path.join(recorded, `${name}.${ext}`), 'utf8');
    t.equal(r.stdout, want('stdout'), `${name}: stdout`);
    t.equal(r.stderr.replace(klog, '').split(fixtures).join('<FIXTURES>'), want('stderr').replace(klog, ''), `${name}: stderr`);
    t.equal(r.code, Number(want('code')), `${name}: exit code`);
  }
  const two = await kubectl(c.engine, ['kustomize', 'a', 'b']);
  t.match(two.stderr, /"command failed" err="specify one path to kustomization.yaml"\n$/);
});

t.test('apply, get and delete -k work on what kustomize builds', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const prod = path.join(fixtures, 'prod');
  const warning = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";
  t.same(await kubectl(c.engine, ['apply', '-k', prod]), {
    stdout: 'namespace/prod created\nconfigmap/prod-settings-9bd8t8dch2 created\nservice/prod-web created\ndeployment.apps/prod-web created\n',
    stderr: warning,
    code: 0,
  });
  t.same((await kubectl(c.engine, ['get', '-k', prod, '-o', 'name'])).stdout, 'namespace/prod\nconfigmap/prod-settings-9bd8t8dch2\nservice/prod-web\ndeployment.apps/prod-web\n');
  t.equal((await kubectl(c.engine, 'get deploy prod-web -n prod -o jsonpath={.spec.template.spec.containers[0].image}')).stdout, 'nginx:1.27');
  t.same((await kubectl(c.engine, ['apply', '-k', prod])).stdout, 'namespace/prod unchanged\nconfigmap/prod-settings-9bd8t8dch2 unchanged\nservice/prod-web unchanged\ndeployment.apps/prod-web unchanged\n');
  const missing = path.join(fixtures, 'missing-kustomization');
  const why = `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${missing}'`;
  t.same(await kubectl(c.engine, ['apply', '-k', missing]), { stdout: '', stderr: `error: ${why}\n`, code: 1 });
  t.same(await kubectl(c.engine, ['get', '-k', missing]), { stdout: '', stderr: `${why}\n`, code: 1 }, 'get prints it without error:');
  t.same(await kubectl(c.engine, ['apply', '-k', prod, '-f', 'x.yaml']), { stdout: '', stderr: 'error: only one of -f or -k can be specified\n', code: 1 });
  const del = await kubectl(c.engine, ['delete', '-k', prod, '--wait=false']);
  t.equal(del.stdout, 'namespace "prod" deleted\nconfigmap "prod-settings-9bd8t8dch2" deleted\nservice "prod-web" deleted\ndeployment.apps "prod-web" deleted\n');
});
