import { runKubectl } from '../../src/commands/kubectl.js';
import { bufferIO } from '../../src/commands/util/io.js';
import type { Engine } from '../../src/cluster/engine.js';
import { splitWords } from '../../src/cluster/meta/words.js';

/** Command lines in tests split as a shell would (quotes, no expansion). */
export const splitArgs = splitWords;

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}


/** Runs a kubectl command in-process against an open engine and returns what it printed; a command that polls moves the clock instead of sleeping. */
export async function kubectl(
  engine: Engine,
  args: string | string[],
  opts: { stdin?: string; terminal?: boolean; env?: NodeJS.ProcessEnv; signal?: AbortSignal; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Result> {
  // terminal: stdin is typed at a terminal, line by line (kubectl exec -it, run -it)
  const io = bufferIO(opts.stdin, { terminal: opts.terminal });
  const argv = typeof args === 'string' ? splitArgs(args) : args;
  const code = await runKubectl(argv, { io, engine, env: opts.env ?? { ...process.env, KUBECADET_HOME: '/nonexistent-kubecadet-home' }, signal: opts.signal, sleep: opts.sleep ?? (async (ms) => engine.shiftClock(ms)) });
  return { stdout: io.stdout, stderr: io.stderr, code };
}
