import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { tempHome } from '../helpers/cluster.js';
import { BIN, cli, cliEnv } from '../helpers/cli.js';

// `kubecadet kubectl get pods -A | head -1`: the reader may close the pipe before the command writes; it stops quietly
t.test('a reader that closes the pipe early gets no stack trace', async (t) => {
  const home = tempHome();
  const child = spawn(process.execPath, [BIN, 'kubectl', 'get', 'pods', '-A'], { env: cliEnv(home) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(stderr, '', 'nothing on stderr');
  t.equal(code, 0);
});

// Commands write to descriptor 1 directly. A pipe can be non-blocking (creating process.stdout makes it so, and a
// descriptor shared with another process may have been): a reader slower than the writer then gets EAGAIN, and
// the rest of the output must still reach it, whole and in order.
t.test('output larger than a non-blocking pipe holds reaches a slow reader whole', async (t) => {
  const home = tempHome();
  const file = path.join(home, 'big.txt');
  fs.writeFileSync(file, 'kubecadet '.repeat(100_000));
  t.equal(cli(home, ['kubectl', 'create', 'configmap', 'big', `--from-file=${file}`]).code, 0);
  const args = [BIN, 'kubectl', 'get', 'configmap', 'big', '-o', 'yaml'];
  const expected = spawnSync(process.execPath, args, { env: cliEnv(home), encoding: 'utf8', maxBuffer: 1 << 24 }).stdout;
  t.ok(expected.length > 1_000_000, 'the blocking run printed the whole configmap');
  const touch = path.join(home, 'touch-stdout.cjs');
  fs.writeFileSync(touch, 'process.stdout;\n');
  const child = spawn(process.execPath, ['--require', touch, ...args], { env: cliEnv(home) });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.pause();
  setTimeout(() => {
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d)).resume();
  }, 300);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(stderr, '');
  t.equal(code, 0);
  t.equal(stdout.length, expected.length);
  t.ok(stdout === expected, 'the same bytes in the same order');
});
