import fs from 'node:fs';
import path from 'node:path';
import { homeDir } from './cluster/home.js';
import { endOnClosedPipe, processIO } from './commands/util/io.js';

/** Time running out submits the exam, whatever command notices first; with no exam running this is one stat. */
export async function submitExamIfTimeIsUp(): Promise<void> {
  if (fs.existsSync(path.join(homeDir(), 'exam', 'current.json'))) await (await import('./examCli.js')).submitIfTimeIsUp(homeDir());
}

/**
 * The verbs that wait under kubectl's interrupt handler (util/interrupt): SIGINT or SIGTERM stops them with
 * os.Exit(1), as the real kubectl does (measured: `kubectl get pods -w` against a server, then Ctrl-C, exits 1).
 */
const INTERRUPT_EXITS_1 = new Set(['get', 'events', 'logs', 'rollout', 'run', 'wait', 'delete', 'debug']);

/** `kubecadet kubectl ARGS` (or `k`): straight to the kubectl layer, with Ctrl-C ending a watch as kubectl's does. */
export async function kubectlMain(args: string[]): Promise<number> {
  const { runKubectl, verbOf } = await import('./commands/kubectl.js');
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  try {
    const code = await runKubectl(args, { io: processIO(), signal: ac.signal });
    return ac.signal.aborted && INTERRUPT_EXITS_1.has(verbOf(args) ?? '') ? 1 : code;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/**
 * A reader that stops early (`kubecadet check | head`) closes the pipe: stop quietly, as kubectl does on SIGPIPE.
 * Commands write through processIO, which sees EPIPE itself; the streams, for what else writes to them, get the
 * same handling when first used, since creating them costs start-up time a command that does not use them saves.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const get = Object.getOwnPropertyDescriptor(process, name)?.get;
    if (!get) continue;
    let watched = false;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: true,
      get() {
        const stream = get.call(process) as NodeJS.WriteStream;
        if (!watched) {
          watched = true;
          stream.on('error', (e: NodeJS.ErrnoException) => {
            if (e.code !== 'EPIPE') throw e;
            endOnClosedPipe();
          });
        }
        return stream;
      },
    });
  }
}
