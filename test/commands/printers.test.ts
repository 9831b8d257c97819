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
