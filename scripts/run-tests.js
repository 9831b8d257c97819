#!/usr/bin/env node
// Runs the compiled tap tests and closes with a plain `N passed, N failed` line, which CI reads.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tapBin = require.resolve('tap/package.json').replace(/package\.json$/, 'dist/esm/run.mjs');
const args = process.argv.slice(2);
const child = spawn(process.execPath, [tapBin, ...args], {
  stdio: ['inherit', 'pipe', 'inherit'],
});
let tail = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  tail = (tail + d.toString()).slice(-4000);
});
child.on('close', (code) => {
  const m = [...tail.matchAll(/# \{ total: (\d+), pass: (\d+)(?:, fail: (\d+))?[^}]*\}/g)].pop();
  if (m) {
    const pass = Number(m[2]);
    const fail = m[3] ? Number(m[3]) : 0;
    console.log(`${pass} passed, ${fail} failed`);
  }
  process.exit(code ?? 1);
});
