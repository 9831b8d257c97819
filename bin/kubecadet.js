#!/usr/bin/env node
import fs from 'node:fs';
import module from 'node:module';
// Node >= 22.1 caches compiled code between runs; start-up is a feature.
module.enableCompileCache?.();
// The bundle (scripts/bundle.js) starts in a fraction of the time of the separate modules. A tsc run after
// the last full build leaves it stale (it is older than tsc's build info): then the modules tsc just wrote run.
const mtime = (p) => fs.statSync(new URL(p, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime('../dist/bundle/cli.js');
const compiled = mtime('../dist/.tsbuildinfo');
await import(bundled !== undefined && (compiled === undefined || bundled >= compiled) ? '../dist/bundle/cli.js' : '../dist/src/cli.js');
