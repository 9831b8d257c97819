#!/usr/bin/env node
// Part of the build: bundles the CLI from the compiled modules in dist/src into dist/bundle. Node 20 has no
// compile cache for ES modules, and a `kubecadet kubectl get pods` loaded about a hundred of them: resolving,
// reading, compiling and linking each was most of its start-up. Dynamic imports stay separate chunks, so the
// tutor (Ink, React), the controllers, explain's OpenAPI, yaml and lowdb still load only when used. Packages
// from node_modules stay imports.
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
const moduleUrl = {
  name: 'module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const rel = path.relative(outdir, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(src, 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  plugins: [moduleUrl],
  logLevel: 'warning',
});
// the module scope beside the chunks, as package-scopes.js writes for dist/src
fs.writeFileSync(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
