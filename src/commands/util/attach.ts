import type { KubeObject } from '../../cluster/api/types.js';
import { StatusError } from '../../cluster/api/status.js';
import type { CommandContext } from '../context.js';
import { CommandError } from './errors.js';
import { containerShellSession, SHELLS } from './shellSession.js';

/** How often kubectl looks again while it waits for a pod (simulated time moves on meanwhile). */
const POLL_MS = 500;

type PodCondition = (pod: KubeObject) => boolean | 'completed';

/** Running with the Ready condition, or already finished (run.go's podRunningAndReady). */
export const podRunningAndReady: PodCondition = (p) => {
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 'completed';
  return phase === 'Running' && (p.status?.conditions ?? []).some((c: KubeObject) => c.type === 'Ready' && c.status === 'True');
};

export const podCompleted: PodCondition = (p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Succeeded; a failed pod is an error (run.go's podSucceeded). */
export const podSucceeded: PodCondition = (p) => {
  if (p.status?.phase === 'Failed') throw new CommandError(`error: pod ${p.metadata.namespace}/${p.metadata.name} failed`);
  return p.status?.phase === 'Succeeded';
};

/** Waits as kubectl's waitForPod does, the cluster catching up between looks, for at most `timeoutMs`. */
export async function waitForPod(ctx: CommandContext, namespace: string, name: string, timeoutMs: number, until: PodCondition): Promise<KubeObject> {
  const engine = await ctx.engine();
  const client = await ctx.client();
  const spec = client.kinds.forKind('Pod')!;
  const start = client.now();
  for (;;) {
    await engine.sync();
    let pod: KubeObject;
    try {
      pod = client.get(spec, namespace, name);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) throw new CommandError(`error: pods "${name}" not found`);
      throw e;
    }
    if (until(pod)) return pod;
    if (client.now() - start >= timeoutMs || ctx.signal?.aborted) throw new CommandError('error: timed out waiting for the condition');
    await ctx.sleep(POLL_MS);
  }
}

/** The container's command line as it runs: command and args, or the image's (a bare shell for busybox). */
function argvOf(c: KubeObject): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])];
}

/** A container that runs a shell reading its standard input: attaching opens a session with it. */
export function isShellOnStdin(c: KubeObject): boolean {
  const argv = argvOf(c);
  return !!c.stdin && (argv.length === 0 || (argv.length === 1 && SHELLS.includes(argv[0])));
}

/**
 * Attached to a running container: its output as it comes until it ends, or, for a shell reading its
 * standard input, a session in it, whose exit code is returned. kubectl's own lines go to stderr first.
 */
export async function attachTo(ctx: CommandContext, pod: KubeObject, c: KubeObject, opts: { tty: boolean; stdin: boolean; quiet: boolean; from?: number }): Promise<{ session?: number }> {
  const client = await ctx.client();
  client.connect(client.kinds.forKind('Pod')!, pod.metadata.namespace, pod.metadata.name!, 'attach');
  // a TTY needs standard input, and a terminal to read it from
  const tty = opts.tty && opts.stdin && !!ctx.io.typed;
  if (opts.tty && opts.stdin && !tty && !opts.quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!opts.quiet) ctx.io.err("If you don't see a command prompt, try pressing enter.\n");
  const engine = await ctx.engine();
  if (opts.stdin && isShellOnStdin(c)) {
    const io = tty ? ctx.io : { ...ctx.io, typed: undefined };
    const code = await containerShellSession(io, engine, pod, c, argvOf(c)[0] ?? 'sh', ctx);
    // the shell itself ends: at a terminal by `exit` or Ctrl-D, through a pipe when stdinOnce closes its input
    if (tty || c.stdinOnce) await (await import('../../cluster/kubelet/stdin.js')).endAttachedShell(engine, pod, c.name, code);
    // a container that restarts keeps its shell: kubectl says how to come back
    if (!opts.quiet && tty && pod.spec?.restartPolicy === 'Always') {
      if ((pod.spec?.ephemeralContainers ?? []).some((e: KubeObject) => e.name === c.name))
        ctx.io.out(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${c.name} -i -t' if it is still running\n`);
      else ctx.io.out(`Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${c.name} -i -t' command when the pod is running\n`);
    }
    return { session: code };
  }
  await followContainer(ctx, pod, c, opts.from);
  return {};
}

/** The container's log from the start of its current run (or from `from`), printed as it grows, until the run ends. */
export async function followContainer(ctx: CommandContext, pod: KubeObject, c: KubeObject, from = -Infinity): Promise<void> {
  const { containerLog } = await import('../logs.js');
  const engine = await ctx.engine();
  const client = await ctx.client();
  const spec = client.kinds.forKind('Pod')!;
  let printed = 0;
  let run: number | undefined;
  let current = pod;
  for (;;) {
    const log = await containerLog(engine, current, c, false, client.now(), run);
    run ??= log.started;
    for (const l of log.lines.slice(printed)) if (l.at >= from) ctx.io.out(`${l.text}\n`);
    printed = log.lines.length;
    if (log.ended || ctx.signal?.aborted) return;
    await ctx.sleep(POLL_MS);
    await engine.sync();
    try {
      current = client.get(spec, pod.metadata.namespace, pod.metadata.name!);
    } catch {
      return;
    }
    if (current.metadata.uid !== pod.metadata.uid) return;
  }
}
