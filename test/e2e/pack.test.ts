import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The package root (this file runs from dist/test/e2e/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

t.test('the published package installs and runs kubectl from a fresh home', async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-pack-'));
  t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));

  // dist/ is already built (the tests run from it): skip `prepare`, which would build again
  const packed = run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  t.equal(packed.code, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const files = info.files.map((f) => f.path).sort();

  // besides the modules, the build writes the compiled course and a module-scope package.json per folder
  const shipped = /^(bin\/[^/]+\.js|bin\/package\.json|dist\/src\/.+\.js|dist\/src\/(.+\/)?package\.json|dist\/src\/lessons\/course\.json|dist\/bundle\/[^/]+\.c?js|dist\/bundle\/package\.json|fixtures\/.+|src\/lessons\/content\/(exam\/(cka|ckad)\/)?[^/]+\.yaml|README\.md|package\.json)$/;
  t.same(files.filter((f) => !shipped.test(f)), [], 'only bin/, dist/src/, dist/bundle/, fixtures/, the lessons and exam tasks, README and package.json are shipped');
  // the course's lesson files and the exam tasks are data read at run time; no other source ships
  t.same(files.filter((f) => /(^|\/)test\/|\.test\.|\.ts$|^src\/|^bench\//.test(f) && !/^src\/lessons\/content\/(exam\/(cka|ckad)\/)?[^/]+\.yaml$/.test(f)), [], 'no tests, no sources, no benchmarks');
  for (const f of ['bin/kubecadet.js', 'dist/src/cli.js', 'dist/src/commands/kubectl.js', 'dist/src/lessons/course.json', 'dist/bundle/cli.js', 'dist/bundle/kubectl.cjs', 'fixtures/clusters/default.yaml', 'src/lessons/content/exam/cka/cka-fix-image-tag.yaml', 'README.md', 'package.json'])
    t.ok(files.includes(f), `${f} is shipped`);

  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const installed = run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, info.filename)], app);
  t.equal(installed.code, 0, installed.stderr);

  const home = path.join(work, 'home');
  const env: NodeJS.ProcessEnv = { ...process.env, KUBECADET_HOME: home, NO_COLOR: '1' };
  delete env.KUBECADET_DEBUG;
  const r = run(npx, ['--yes', 'kubecadet', 'kubectl', 'get', 'nodes'], app, env);
  t.equal(r.stderr, '');
  t.equal(r.code, 0);
  t.match(r.stdout, /^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready +control-plane +\w+ +v1\.32\.\d+\n(\S+ +Ready +\S+ +\w+ +v1\.32\.\d+\n)*$/);
  t.ok(fs.existsSync(path.join(home, 'clusters', 'kubernetes.json')), 'the cluster was created in the fresh home');
  // kubectl ran from its bundle, which left its code cache inside the installed package
  const cache = path.join(app, 'node_modules', 'kubecadet', 'node_modules', '.cache', 'kubecadet');
  t.equal(fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.endsWith('.cache')).length : 0, 1, 'the kubectl bundle cached its compiled code');
});
