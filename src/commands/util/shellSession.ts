import type { KubeObject } from '../../cluster/api/types.js';
import type { Engine } from '../../cluster/engine.js';
import type { IO } from './io.js';

/** What one command line run in a container printed and how it ended. */
export interface LineResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Waits as long as a command in a container took (its sleeps, the timeouts it waited out), as a terminal on a
 * real cluster does; one that never ends waits until Ctrl-C. Returns false when Ctrl-C stopped the wait.
 */
export async function waitOut(took: number | undefined, sleep: (ms: number) => Promise<void>, signal?: AbortSignal): Promise<boolean> {
  if (!took) return true;
  if (took === Infinity) {
    if (!signal) return true;
    while (!signal.aborted) await sleep(60_000);
  } else await sleep(took);
  return !signal?.aborted;
}

/**
 * An interactive shell in a container, as `kubectl exec -it POD -- sh` and `kubectl run -it ... -- sh` open
 * one: each line typed runs as the container's shell would run it, `exit` or the end of input ends the
 * session. Without a terminal, standard input is read whole and run as one script, as a shell reading a
 * pipe does. Returns the exit code of the last command.
 */
export async function shellSession(io: IO, prompt: string, runLine: (line: string) => Promise<LineResult>): Promise<number> {
  let last = 0;
  if (!io.typed) {
    const script = (await io.readStdin?.()) ?? '';
    if (!script.trim()) return 0;
    const r = await runLine(script);
    io.out(r.stdout);
    io.err(r.stderr);
    return r.code;
  }
  for await (const line of io.typed(() => prompt)) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'exit') return words[1] === undefined ? last : Number(words[1]) || 0;
    if (!line.trim()) continue;
    const r = await runLine(line);
    io.out(r.stdout);
    // a terminal shows both streams in one place
    io.out(r.stderr);
    last = r.code;
  }
  return last;
}

/** The prompt a root shell shows: busybox's ash `/ # `, bash's `root@HOST:/# `. */
export function shellPrompt(shell: string, hostname: string): string {
  return shell.split('/').pop() === 'bash' ? `root@${hostname}:/# ` : '/ # ';
}

/** The shells a container image may have: a bare one of these reads commands from its standard input. */
export const SHELLS = ['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash'];

/**
 * A session with `shell` in container `c` (`kubectl exec -it`, `kubectl attach -it`): each line runs through
 * the kubelet's exec after the cluster caught up, taking the time it takes (with `wait`), and a program the
 * image lacks is the shell's complaint (`sh: curl: not found`), not the end of the session.
 */
export async function containerShellSession(io: IO, engine: Engine, pod: KubeObject, c: KubeObject, shell: string, wait?: { sleep: (ms: number) => Promise<void>; signal?: AbortSignal }): Promise<number> {
  const [{ ClusterView }, { execInContainer }] = await Promise.all([import('../../cluster/view.js'), import('../../cluster/kubelet/exec.js')]);
  const sh = shell.split('/').pop()!;
  return shellSession(io, shellPrompt(sh, pod.spec?.hostname ?? pod.metadata.name!), async (line) => {
    await engine.sync();
    const r = execInContainer(new ClusterView(() => engine.store.read()), pod, c, [shell, '-c', line], engine.clock.now());
    if (wait) await waitOut(r.took, wait.sleep, wait.signal);
    const missing = /^exec: "([^"]*)"/.exec(r.startError ?? '')?.[1];
    if (missing !== undefined) return { stdout: r.stdout, stderr: sh === 'bash' ? `bash: ${missing}: command not found\n` : `${sh}: ${missing}: not found\n`, code: 127 };
    return r;
  });
}

