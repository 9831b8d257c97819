import { runKubectl } from '../../src/commands/kubectl.js';
import { bufferIO } from '../../src/commands/util/io.js';
import type { Engine } from '../../src/cluster/engine.js';

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

/** Splits a command line the way a shell would for the simple cases tests need (quotes, no expansion). */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}

/** Runs a kubectl command in-process against an open engine and returns what it printed; a command that polls moves the clock instead of sleeping. */
export async function kubectl(engine: Engine, args: string | string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; sleep?: (ms: number) => Promise<void> } = {}): Promise<Result> {
  const io = bufferIO(opts.stdin);
  const argv = typeof args === 'string' ? splitArgs(args) : args;
  const code = await runKubectl(argv, { io, engine, env: opts.env ?? { ...process.env, KUBECADET_HOME: '/nonexistent-kubecadet-home' }, signal: opts.signal, sleep: opts.sleep ?? (async (ms) => engine.shiftClock(ms)) });
  return { stdout: io.stdout, stderr: io.stderr, code };
}
