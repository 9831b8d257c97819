import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { GOLDEN_FIXTURES, localGoldens, sharedGoldens } from '../helpers/golden.js';
import { wrapString } from '../../src/commands/explain.js';

/**
 * The explain-* recordings are the real kubectl v1.32 against test/golden/fake-apiserver.mjs, which
 * serves discovery and the OpenAPI v3 documents from the same data (record-explain.sh): every byte of
 * the rendering, the field lookup and the errors is kubectl's.
 */
t.test('explain matches the real kubectl byte for byte', async (t) => {
  const c = await newTestCluster();
  const crd = fs.readFileSync(path.join(GOLDEN_FIXTURES, 'explain/crontab-crd.yaml'), 'utf8');
  const applied = await kubectl(c.engine, 'apply -f -', { stdin: crd });
  t.equal(applied.stdout, 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
  await c.engine.sync();
  const cases = localGoldens(['explain-']);
  t.ok(cases.length >= 40, `${cases.length} recorded cases`);
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.stdout, `${k.name}: stdout`);
    t.equal(r.stderr, k.stderr, `${k.name}: stderr`);
    t.equal(r.code, k.code, `${k.name}: exit code`);
  }
  const [help] = sharedGoldens(['help-explain']);
  const r = await kubectl(c.engine, 'explain --help');
  t.equal(r.stdout, help.stdout, 'help text');
});

t.test('explain wraps like go-wordwrap: at spaces, long words whole, newlines kept', async (t) => {
  t.equal(wrapString('aaa bbb ccc', 7), 'aaa bbb\nccc');
  t.equal(wrapString('aaaaaaaaaa bb', 5), 'aaaaaaaaaa\nbb');
  t.equal(wrapString('a b\n\nc', 10), 'a b\n\nc');
  t.equal(wrapString('ab\u00a0cd ef', 5), 'ab\u00a0cd\nef', 'a no-break space joins words');
});
