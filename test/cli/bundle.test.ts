import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliEnv } from '../helpers/cli.js';

/** The package root (this file runs from dist/test/cli/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = path.join(ROOT, 'dist/bundle/cli.js');
const MODULES = path.join(ROOT, 'dist/src/cli.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-bundle-'));
t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));
// a loader hook that names every module the process loads, one per line, in a file of its own
const hook = path.join(work, 'hook.mjs');
fs.writeFileSync(hook, `import fs from 'node:fs';\nexport async function load(url, context, next) {\n  if (process.env.LOADED) fs.appendFileSync(process.env.LOADED, url + '\\n');\n  return next(url, context);\n}\n`);

function run(entry: string, home: string, args: string[], loaded?: string) {
  const pre = loaded ? ['--no-warnings', '--experimental-loader', pathToFileURL(hook).href] : [];
  const r = spawnSync(process.execPath, [...pre, entry, ...args], { env: cliEnv(home, loaded ? { LOADED: loaded } : {}), encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

t.test('the bundle behaves as the separate modules do, data files included', async (t) => {
  // a fresh home reads fixtures/ (the default cluster), explain reads the OpenAPI documents, lesson --list the course
  const cases = [['kubectl', 'get', 'nodes'], ['kubectl', 'explain', 'pods.spec.containers.ports'], ['lesson', '--list'], ['cluster', 'list']];
  for (const args of cases) {
    const bundled = run(BUNDLE, path.join(work, 'home-bundle'), args);
    const modules = run(MODULES, path.join(work, 'home-modules'), args);
    t.equal(bundled.code, 0, `${args.join(' ')}: ${bundled.stderr}`);
    t.equal(bundled.stderr, modules.stderr, `${args.join(' ')}: same stderr`);
    t.equal(bundled.stdout.replace(/\b\d+s\b/g, 'AGE'), modules.stdout.replace(/\b\d+s\b/g, 'AGE'), `${args.join(' ')}: same stdout`);
  }
});

t.test('kubectl get pods from the bundle loads no module of its own beside it, and nothing it does not use', async (t) => {
  const home = path.join(work, 'home-lazy');
  t.equal(run(BUNDLE, home, ['kubectl', 'get', 'pods']).code, 0, 'the cluster is created');
  const loaded = path.join(work, 'loaded.txt');
  const r = run(BUNDLE, home, ['kubectl', 'get', 'pods'], loaded);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stderr, 'No resources found in default namespace.\n');
  const urls = fs.readFileSync(loaded, 'utf8').trim().split('\n');
  t.ok(urls.includes(pathToFileURL(BUNDLE).href), 'the bundle ran');
  t.same(urls.filter((u) => u.startsWith(pathToFileURL(path.join(ROOT, 'dist/src')).href)), [], 'no module of dist/src is loaded');
  t.same(urls.filter((u) => /\/node_modules\/(ink|react|yaml|lowdb|commander)\//.test(u)), [], 'no Ink, React, yaml, lowdb or commander');
  // the controllers, the scheduler and explain's OpenAPI code live in chunks of their own, loaded on first use
  const code = urls.filter((u) => u.startsWith('file:')).map((u) => fs.readFileSync(fileURLToPath(u), 'utf8')).join('\n');
  for (const marker of ['dist/src/cluster/controllers/', 'dist/src/cluster/scheduler/', 'dist/src/cluster/api/openapi.js', 'dist/src/tutor/'])
    t.notOk(code.includes(`// ${marker}`), `no module of ${marker} is loaded`);
});
