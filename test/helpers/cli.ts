import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built bin, as a user runs it. Tests of the whole product go through here. */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/kubecadet.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBECADET_HOME: home, NO_COLOR: '1', ...extra };
  delete env.KUBECADET_DEBUG;
  return env;
}

/** Runs `kubecadet ARGS` synchronously in a child process. */
export function cli(home: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: cliEnv(home, opts.env), input: opts.input ?? '', encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** Starts `kubecadet ARGS` and returns the child, for watches and kills. */
export function cliSpawn(home: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [BIN, ...args], { env: cliEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'] });
}
