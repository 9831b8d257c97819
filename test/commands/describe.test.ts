import t from 'tap';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { recordedCluster } from '../helpers/recordedCluster.js';

t.test('describe: every recorded case, byte for byte, on the cluster the recordings saw', async (t) => {
  const c = await recordedCluster();
  const cases = sharedGoldens(['describe-', 'help-describe']);
  t.equal(cases.length, 19);
  for (const g of cases) {
    let stdout = g.stdout;
    // a real API server keeps a DaemonSet's TemplateGeneration in this annotation; the recording's fake server did not
    if (g.name === 'describe-ds') stdout = stdout.replace('Annotations:    <none>', 'Annotations:    deprecated.daemonset.template.generation: 1');
    t.same(await kubectl(c.engine, g.args), { stdout, stderr: g.stderr, code: g.code }, `${g.name}: kubectl ${g.args.join(' ')}`);
  }
});
