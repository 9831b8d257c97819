#!/usr/bin/env node
import module from 'node:module';
// Node >= 22.1 caches compiled code between runs; start-up is a feature.
module.enableCompileCache?.();
// Node's own modules through require: an ES import of node:fs builds its ES facade, which reads every export
// and so loads the streams (a few milliseconds) before anything needs them.
const require = module.createRequire(import.meta.url);
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { fileURLToPath } = require('node:url');

// The bundles (scripts/bundle.js) start in a fraction of the time of the separate modules. A tsc run after the
// last full build leaves them stale (older than tsc's build info): then the modules tsc just wrote run.
const mtime = (p) => fs.statSync(new URL(p, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const compiled = mtime('../dist/.tsbuildinfo');
const fresh = (p) => {
  const m = mtime(p);
  return m !== undefined && (compiled === undefined || m >= compiled);
};

/**
 * Runs the kubectl bundle, a CommonJS script, with V8's code cache: compiling it is most of what is left of
 * a kubectl command's start-up. The cache is kept in node_modules/.cache, named after the script's content
 * and the Node that made it (V8 refuses a cache of another version; it does not compare the text), and
 * written once, as the first run ends.
 */
function runKubectlBundle(file) {
  const source = fs.readFileSync(file, 'utf8');
  const dir = fileURLToPath(new URL('../node_modules/.cache/kubecadet/', import.meta.url));
  const cacheFile = path.join(dir, `kubectl-${source.slice(3, source.indexOf('\n'))}-${process.version}-${process.arch}.cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const filename = fileURLToPath(file);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __import) {${source}\n})`, { filename, cachedData });
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a read-only install runs without the cache
      }
    });
  const mod = { exports: {} };
  // the script's import() of packages (scripts/bundle.js), resolved from here as from the bundle: same package
  script.runInThisContext()(mod.exports, module.createRequire(filename), mod, filename, path.dirname(filename), (specifier) => import(specifier));
}

const kubectl = process.argv[2] === 'kubectl' || process.argv[2] === 'k';
if (kubectl && fresh('../dist/bundle/kubectl.cjs')) runKubectlBundle(new URL('../dist/bundle/kubectl.cjs', import.meta.url));
else await import(fresh('../dist/bundle/cli.js') ? '../dist/bundle/cli.js' : '../dist/src/cli.js');
