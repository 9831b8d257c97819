#!/usr/bin/env node
// A CommonJS script (bin/package.json): an ES module as the main entry starts Node's ES module loader before the
// first line runs, a few milliseconds that `kubecadet kubectl` does not need.
'use strict';
const module_ = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { pathToFileURL } = require('node:url');

// Node >= 22.1 caches compiled code between runs; start-up is a feature.
module_.enableCompileCache?.();

const root = path.join(__dirname, '..');
// The bundles (scripts/bundle.js) start in a fraction of the time of the separate modules. A tsc run after the
// last full build leaves them stale (older than tsc's build info): then the modules tsc just wrote run.
const mtime = (p) => fs.statSync(path.join(root, p), { throwIfNoEntry: false })?.mtimeMs;
const compiled = mtime('dist/.tsbuildinfo');
const fresh = (p) => {
  const m = mtime(p);
  return m !== undefined && (compiled === undefined || m >= compiled);
};

/**
 * Runs the kubectl bundle, a CommonJS script, with V8's code cache: compiling it is most of what is left of
 * a kubectl command's start-up. The cache is kept in node_modules/.cache, named after the script's content
 * and the Node that made it (V8 refuses a cache of another version; it does not compare the text), and
 * written once, as the first run ends, replacing the cache of the install's earlier build.
 */
function runKubectlBundle(filename) {
  // the bundle is ASCII (scripts/bundle.js checks): latin1 decodes it byte for byte, in a third of utf8's time
  const source = fs.readFileSync(filename, 'latin1');
  const dir = path.join(root, 'node_modules/.cache/kubecadet');
  // one cache per install (installs sharing node_modules, as worktrees do, would replace each other's)
  let place = 0x811c9dc5;
  for (let i = 0; i < filename.length; i++) place = Math.imul(place ^ filename.charCodeAt(i), 0x01000193) >>> 0;
  const prefix = `kubectl-${place.toString(16).padStart(8, '0')}-`;
  const name = `${prefix}${source.slice(3, source.indexOf('\n'))}-${process.version}-${process.arch}.cache`;
  const cacheFile = path.join(dir, name);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // the file is a CommonJS module already in its function wrapper (scripts/bundle.js)
  const script = new vm.Script(source, { filename, cachedData });
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
        for (const f of fs.readdirSync(dir)) if (f.startsWith(prefix) && f !== name) fs.rmSync(path.join(dir, f), { force: true });
      } catch {
        // a read-only install runs without the cache
      }
    });
  const mod = { exports: {} };
  // the script's import() of packages (scripts/bundle.js), resolved from here as from the bundle: same package
  script.runInThisContext()(mod.exports, module_.createRequire(filename), mod, filename, path.dirname(filename), (specifier) => import(specifier));
}

const kubectl = process.argv[2] === 'kubectl' || process.argv[2] === 'k';
if (kubectl && fresh('dist/bundle/kubectl.cjs')) runKubectlBundle(path.join(root, 'dist/bundle/kubectl.cjs'));
else import(pathToFileURL(path.join(root, fresh('dist/bundle/cli.js') ? 'dist/bundle/cli.js' : 'dist/src/cli.js')).href);
