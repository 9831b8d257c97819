#!/usr/bin/env node
// Part of the build: bundles the CLI from the compiled modules in dist/src into dist/bundle. Node 20 has no
// compile cache for ES modules, and a `kubecadet kubectl get pods` loaded about a hundred of them: resolving,
// reading, compiling and linking each was most of its start-up. Packages from node_modules stay imports.
// - dist/bundle/cli.js: every command, as ES modules; dynamic imports stay separate chunks, so the tutor
//   (Ink, React), the controllers, explain's OpenAPI, yaml and lowdb still load only when used.
// - dist/bundle/kubectl.cjs: `kubecadet kubectl` alone, as one CommonJS module in its function wrapper, which
//   bin/kubecadet.js compiles with V8's code cache (the one compile cache Node 20 offers). Dynamic imports
//   become modules initialised on first use, so they still run only when used. Its first line names its
//   content, the key of its cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'dist/src');
const outdir = path.join(root, 'dist/bundle');

/**
 * Modules find their data (fixtures/, the OpenAPI documents, the course, bin/) relative to their own URL.
 * In a chunk that URL is the chunk's: each module's import.meta.url becomes the URL of its file in dist/src,
 * so the bundle and the per-module build read the same files.
 */
const moduleUrl = (format) => ({
  name: 'module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const rel = JSON.stringify(path.relative(outdir, args.path).split(path.sep).join('/'));
      const url = format === 'esm' ? `new URL(${rel}, import.meta.url).href` : `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${rel})).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
});
const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' };

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({ ...common, entryPoints: [path.join(src, 'cli.js')], outdir, splitting: true, format: 'esm', chunkNames: 'chunk-[hash]', plugins: [moduleUrl('esm')] });
const kubectl = await esbuild.build({ ...common, entryPoints: [path.join(src, 'kubectlEntry.js')], format: 'cjs', write: false, plugins: [moduleUrl('cjs')] });
// A script compiled by vm has no import(): the packages it imports on first use (lowdb, yaml) come through the
// __import its wrapper is given (bin/kubecadet.js).
// bin/kubecadet.js reads the script as latin1, much faster than utf8: the few characters beyond ASCII (in regular
// expressions and comments) are written as \u escapes, which mean the same there.
const code = kubectl.outputFiles[0].text
  .replace(/\bimport\((?=")/g, '__import(')
  // one namespace object per Node module, not one per importing module: each copies every export of node:fs
  .replace(/__toESM\(require\(("node:[a-z_/]+")\), 1\)/g, '__builtin($1)')
  .replace(/[^\x00-\x7f]/g, (c, at, text) => {
    if (text[at - 1] === '\\' || c.length !== 1) throw new Error(`bundle: cannot escape ${JSON.stringify(c)} in kubectl.cjs`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
if (/\bimport\(/.test(code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ''))) throw new Error('bundle: kubectl.cjs imports something other than a package name');
// after the "use strict" directive, which only counts as the first statement
if (!code.startsWith('"use strict";\n')) throw new Error('bundle: kubectl.cjs does not start with "use strict"');
const script = code.replace('\n', '\nfunction __builtin(id) {\n  return (__builtin[id] ??= __toESM(require(id), 1));\n}\n');
// The file is the function Node would wrap a CommonJS module in, so that bin/kubecadet.js compiles the text as read,
// without copying 1.5 MB into a wrapper first.
const wrapped = `(function (exports, require, module, __filename, __dirname, __import) {${script}\n})\n`;
fs.writeFileSync(path.join(outdir, 'kubectl.cjs'), `// ${crypto.createHash('sha256').update(wrapped).digest('hex').slice(0, 32)}\n${wrapped}`);
// the module scope beside the chunks, as package-scopes.js writes for dist/src
fs.writeFileSync(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
