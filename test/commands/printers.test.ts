import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { toYAML } from '../../src/commands/printers/yaml.js';
import { toJSON } from '../../src/commands/printers/json.js';
import { GOLDEN_DIR, GOLDEN_FIXTURES } from '../helpers/golden.js';

const golden = (name: string) => fs.readFileSync(path.join(GOLDEN_DIR, `${name}.stdout`), 'utf8');
/** The fixture as `kubectl annotate --local -f FILE a=b` leaves it. */
const annotated = (file: string) => {
  const o = JSON.parse(fs.readFileSync(path.join(GOLDEN_FIXTURES, file), 'utf8'));
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), a: 'b' };
  return o;
};

t.test('yaml prints what go-yaml v2 prints for tricky strings and shapes', async (t) => {
  t.equal(toYAML(annotated('yaml-strings.json')), golden('yaml-strings'), 'quoting, literals, escapes, folding at column 80');
  t.equal(toYAML(annotated('yaml-shapes.json')), golden('yaml-shapes'), 'natural key order, nesting, numbers, complex keys');
});

t.test('json prints what encoding/json prints, 4-space indent, sorted keys', async (t) => {
  t.equal(toJSON(annotated('yaml-strings.json')), golden('json-strings'));
  t.equal(toJSON(annotated('yaml-shapes.json')), golden('json-shapes'));
});

/** The recorded `kubectl annotate --local -f yaml-shapes.json a=b -o <format>=TEMPLATE` runs with a given prefix. */
function templateCases(prefix: string): { name: string; template: string; stdout: string; stderr: string; code: number }[] {
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.args'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.args'.length);
      const args = fs.readFileSync(path.join(GOLDEN_DIR, f), 'utf8').split('\n').slice(0, -1);
      const o = args[args.length - 1];
      const read = (ext: string) => fs.readFileSync(path.join(GOLDEN_DIR, `${name}.${ext}`), 'utf8');
      return { name, template: o.slice(o.indexOf('=') + 1), stdout: read('stdout'), stderr: read('stderr'), code: Number(read('code')) };
    });
}

t.test('go-template runs as Go text/template does in kubectl, errors included', async (t) => {
  const { printGoTemplate } = await import('../../src/commands/printers/goTemplate.js');
  const cases = templateCases('gotemplate-');
  t.ok(cases.length >= 35, `${cases.length} cases`);
  for (const k of cases) {
    let stdout = '';
    let stderr = '';
    try {
      const r = printGoTemplate(k.template, annotated('yaml-shapes.json'));
      stdout = r.out;
      if (r.error) stderr = `${r.error}\n`;
    } catch (e) {
      stderr = `${(e as Error).message}\n`;
    }
    t.equal(stdout, k.stdout, `${k.name} ${k.template} stdout`);
    t.equal(stderr, k.stderr, `${k.name} ${k.template} stderr`);
  }
});

t.test('jsonpath prints what client-go jsonpath prints, errors included', async (t) => {
  const { printJSONPath } = await import('../../src/commands/printers/jsonpath.js');
  const cases = templateCases('jsonpath-');
  t.ok(cases.length >= 20, `${cases.length} cases`);
  for (const k of cases) {
    let stdout = '';
    let stderr = '';
    try {
      stdout = printJSONPath(k.template, annotated('yaml-shapes.json'));
    } catch (e) {
      stderr = (e as Error).message.endsWith('\n') ? (e as Error).message : `${(e as Error).message}\n`;
    }
    t.equal(stdout, k.stdout, `${k.name} ${k.template} stdout`);
    t.equal(stderr, k.stderr, `${k.name} ${k.template} stderr`);
  }
});

t.test('--sort-by orders as kubectl does: natural strings, numbers, quantities, missing first', async (t) => {
  const { sortObjects, naturalLess } = await import('../../src/commands/printers/sort.js');
  const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra }) as never;
  const names = (xs: { metadata: { name?: string } }[]) => xs.map((x) => x.metadata.name);
  t.same(names(sortObjects([obj('pod10'), obj('pod9'), obj('pod1'), obj('Pod2')], '.metadata.name')), ['Pod2', 'pod1', 'pod9', 'pod10']);
  t.same(names(sortObjects([obj('a', { v: 10 }), obj('b', { v: 9 }), obj('c')], '{.v}')), ['c', 'b', 'a']);
  t.same(names(sortObjects([obj('a', { q: '1Gi' }), obj('b', { q: '500Mi' }), obj('c', { q: '2' })], '.q')), ['c', 'b', 'a']);
  t.ok(naturalLess('a01', 'a1') === false && naturalLess('a1', 'a01'), 'fewer leading zeros first');
  t.ok(naturalLess('1x', 'x'), 'digits before other characters');
});

t.test('every YAML and JSON document the real kubectl printed comes back byte for byte', async (t) => {
  const { parseAllDocuments } = await import('yaml');
  const { marshal } = await import('../../src/commands/printers/json.js');
  const { sharedGoldens, localGoldens } = await import('../helpers/golden.js');
  const all = [...sharedGoldens(['']), ...localGoldens([''])].filter((k) => k.code === 0 || k.code === 124);
  /** the last -o given wins, as with pflag */
  const format = (k: { args: string[] }) => {
    let v: string | undefined;
    k.args.forEach((a, i) => {
      if (a === '-o' || a === '--output') v = k.args[i + 1];
      else if (a.startsWith('--output=')) v = a.slice(9);
      else if (a.startsWith('-o') && a.length > 2) v = a.slice(2).replace(/^=/, '');
    });
    return v;
  };
  let yamlCount = 0;
  let jsonCount = 0;
  for (const k of all) {
    const f = format(k);
    if (!k.stdout.trim() || k.args[0] === 'version') continue;
    // yaml-strings holds characters the yaml package does not read back faithfully; it is compared directly above
    if (f === 'yaml' && k.name !== 'yaml-strings') {
      // run --expose prints `---` twice between its objects: an empty document stays empty
      const docs = k.stdout.split(/^---\n/m);
      const parsed = docs.map((d) => (d === '' ? undefined : parseAllDocuments(d)[0]));
      if (parsed.some((d, i) => docs[i] !== '' && (!d || d.errors.length))) {
        t.fail(`${k.name}: kubectl's YAML does not parse`);
        continue;
      }
      const ours = parsed.map((d) => (d ? toYAML(d.toJS()) : '')).join('---\n');
      t.equal(ours, k.stdout, `${k.name}: yaml`);
      yamlCount++;
    } else if (f === 'json' && k.stdout.startsWith('{')) {
      // kubectl's own field order is kept: this checks indentation, escapes and numbers
      const docs = k.stdout.split(/(?<=^\})\n(?=\{)/m);
      const asGiven = `${docs.map((d) => marshal(JSON.parse(d), false, '    ')).join('\n')}\n`;
      // a JS object lists integer-like keys first: where kubectl sorted, sort again
      const sorted = `${docs.map((d) => marshal(JSON.parse(d), true, '    ')).join('\n')}\n`;
      t.equal(sorted === k.stdout ? sorted : asGiven, k.stdout, `${k.name}: json`);
      jsonCount++;
    }
  }
  t.ok(yamlCount > 100, `${yamlCount} YAML outputs`);
  t.ok(jsonCount > 10, `${jsonCount} JSON outputs`);
});
