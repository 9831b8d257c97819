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
const KUBECTL_BUNDLE = path.join(ROOT, 'dist/bundle/kubectl.cjs');
const BIN = path.join(ROOT, 'bin/kubecadet.js');
const MODULES = path.join(ROOT, 'dist/src/cli.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-bundle-'));
t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));
// a loader hook that names every module the process loads, one per line, in a file of its own
const hook = path.join(work, 'hook.mjs');
fs.writeFileSync(hook, `import fs from 'node:fs';\nexport async function load(url, context, next) {\n  if (process.env.LOADED) fs.appendFileSync(process.env.LOADED, url + '\\n');\n  return next(url, context);\n}\n`);

/** A kubectl bundle as scripts/bundle.js writes it: its content's name, then a CommonJS module in its function wrapper. */
const wrapped = (name: string, body: string) => `// ${name}\n(function (exports, require, module, __filename, __dirname, __import) {${body}\n})\n`;

function run(entry: string, home: string, args: string[], loaded?: string) {
  const pre = loaded ? ['--no-warnings', '--experimental-loader', pathToFileURL(hook).href] : [];
  const r = spawnSync(process.execPath, [...pre, entry, ...args], { env: cliEnv(home, loaded ? { LOADED: loaded } : {}), encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

t.test('bin/kubecadet.js runs the bundles while they are newer than the last tsc run, and the modules otherwise', async (t) => {
  const root = path.join(work, 'package');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ type: 'module' }));
  write('bin/kubecadet.js', fs.readFileSync(BIN, 'utf8'));
  write('bin/package.json', fs.readFileSync(path.join(ROOT, 'bin/package.json'), 'utf8'));
  write('dist/src/cli.js', 'console.log("modules", process.argv.slice(2).join(" "));\n');
  write('dist/bundle/cli.js', 'console.log("bundle", process.argv.slice(2).join(" "));\n');
  write('dist/bundle/kubectl.cjs', wrapped('0123456789abcdef', 'console.log("kubectl bundle", process.argv.slice(3).join(" "), typeof require, typeof __import);'));
  const old = new Date(Date.now() - 60_000);
  write('dist/.tsbuildinfo', '{}');
  fs.utimesSync(path.join(root, 'dist/.tsbuildinfo'), old, old);
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/kubecadet.js'), ...args], { encoding: 'utf8' });

  t.equal(run('lesson', '--list').stdout, 'bundle lesson --list\n');
  t.equal(run('kubectl', 'get', 'pods').stdout, 'kubectl bundle get pods function function\n');
  t.equal(run('k', 'get', 'pods').stdout, 'kubectl bundle get pods function function\n');
  const caches = () => fs.readdirSync(path.join(root, 'node_modules/.cache/kubecadet'));
  const [cache] = caches();
  t.match(caches(), [new RegExp(`^kubectl-[0-9a-f]{8}-0123456789abcdef-${process.version}-${process.arch}\\.cache$`)], 'the compiled kubectl bundle is cached, named after its place, its content and this Node');
  t.equal(run('kubectl', 'version').stdout, 'kubectl bundle version function function\n', 'and runs from the cache');
  fs.writeFileSync(path.join(root, 'node_modules/.cache/kubecadet/kubectl-00000000-fedcba9876543210-v20.0.0-x64.cache'), 'another install');
  write('dist/bundle/kubectl.cjs', wrapped('00112233445566778899', 'console.log("rebuilt");'));
  t.equal(run('kubectl', 'version').stdout, 'rebuilt\n');
  t.same(
    caches().sort(),
    ['kubectl-00000000-fedcba9876543210-v20.0.0-x64.cache', cache.replace('0123456789abcdef', '00112233445566778899')],
    "a new build's cache replaces the old one of the same install, and leaves other installs' alone",
  );
  write('dist/bundle/kubectl.cjs', wrapped('0123456789abcdef', 'console.log("kubectl bundle", process.argv.slice(3).join(" "), typeof require, typeof __import);'));

  fs.utimesSync(path.join(root, 'dist/.tsbuildinfo'), new Date(), new Date());
  t.equal(run('lesson', '--list').stdout, 'modules lesson --list\n', 'a tsc run after the bundles: the modules');
  t.equal(run('kubectl', 'get', 'pods').stdout, 'modules kubectl get pods\n');
  fs.rmSync(path.join(root, 'dist/.tsbuildinfo'));
  t.equal(run('kubectl', 'get', 'pods').stdout, 'kubectl bundle get pods function function\n', 'an installed package (no tsc build info): the bundles');
});

t.test('the bundles behave as the separate modules do, data files included', async (t) => {
  // a fresh home reads fixtures/ (the default cluster), explain reads the OpenAPI documents, lesson --list the course
  const cases = [['kubectl', 'get', 'nodes'], ['kubectl', 'explain', 'pods.spec.containers.ports'], ['lesson', '--list'], ['cluster', 'list']];
  // the kubectl bundle through bin/kubecadet.js, twice: once compiling it, once from the code cache
  const kubectlCases = (name: string) => [
    ...cases.filter((c) => c[0] === 'kubectl'),
    ['kubectl', 'create', 'configmap', name, '--from-literal=a=b'],
    ['kubectl', 'get', 'configmap', name, '-o', 'yaml'],
  ];
  const same = (a: { stdout: string }, b: { stdout: string }, what: string) =>
    t.equal(a.stdout.replace(/\b\d+s\b/g, 'AGE').replace(/(creationTimestamp|resourceVersion|uid): .*/g, '$1'), b.stdout.replace(/\b\d+s\b/g, 'AGE').replace(/(creationTimestamp|resourceVersion|uid): .*/g, '$1'), what);
  for (const args of [...cases, ...kubectlCases('x'), ...kubectlCases('y')]) {
    const kubectl = args[0] === 'kubectl';
    const bundled = kubectl ? run(BIN, path.join(work, 'home-bundle'), args) : run(BUNDLE, path.join(work, 'home-bundle'), args);
    const modules = run(MODULES, path.join(work, 'home-modules'), args);
    t.equal(bundled.code, 0, `${args.join(' ')}: ${bundled.stderr}`);
    t.equal(bundled.stderr, modules.stderr, `${args.join(' ')}: same stderr`);
    same(bundled, modules, `${args.join(' ')}: same stdout`);
  }
});

t.test('the kubectl bundle holds no Ink, React, chalk or commander, and imports packages only on first use', async (t) => {
  const code = fs.readFileSync(KUBECTL_BUNDLE, 'utf8');
  t.match(code, /^\/\/ [0-9a-f]{32}\n\(function \(exports, require, module, __filename, __dirname, __import\) \{"use strict";\n/, 'its first line names its content; then comes the function wrapper');
  t.same(code.match(/require\("(?!node:)[^"]+"\)/g)?.filter((r) => !/"yaml"/.test(r)) ?? [], [], 'it requires no package but yaml');
  t.notMatch(code, /\bimport\(/, 'no import() is left for vm to refuse');
  t.notMatch(code, /[^\x00-\x7f]/, 'it is ASCII, so bin/kubecadet.js may read it as latin1');
  const home = path.join(work, 'home-kubectl-lazy');
  t.equal(run(BIN, home, ['kubectl', 'get', 'pods']).code, 0, 'the cluster is created');
  const loaded = path.join(work, 'loaded-kubectl.txt');
  const r = run(BIN, home, ['kubectl', 'get', 'pods'], loaded);
  t.equal(r.stderr, 'No resources found in default namespace.\n');
  const urls = fs.readFileSync(loaded, 'utf8').trim().split('\n');
  t.ok(urls.includes(pathToFileURL(BIN).href), 'bin/kubecadet.js ran');
  t.same(urls.filter((u) => u.startsWith(pathToFileURL(path.join(ROOT, 'dist')).href) || /\/node_modules\/(lowdb|steno|yaml)\//.test(u)), [], 'no ES module of dist/ is loaded (the bundle runs as a script), and neither lowdb nor yaml');
  // Node's modules a table printed to a pipe does not need: the streams of process.stdout (net, tty), crypto
  const builtins = path.join(work, 'builtins.cjs');
  fs.writeFileSync(builtins, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(work, 'builtins.txt'))}, process.moduleLoadList.join('\\n')));\n`);
  // without the test runner's hooks, which load what they use: it puts them back into NODE_OPTIONS of any child it sees start
  const p = spawnSync('env', ['-u', 'NODE_OPTIONS', process.execPath, '--require', builtins, BIN, 'kubectl', 'get', 'pods'], { env: cliEnv(home), encoding: 'utf8' });
  t.equal(p.stderr, 'No resources found in default namespace.\n');
  const list = fs.readFileSync(path.join(work, 'builtins.txt'), 'utf8').split('\n');
  t.same(list.filter((m) => /^NativeModule (net|tty|crypto|internal\/fs\/sync_write_stream)$/.test(m)), [], 'neither node:net, node:tty, node:crypto nor a stdout stream is loaded');
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
