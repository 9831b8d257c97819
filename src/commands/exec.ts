import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { goTypeName, selectorsForObject } from './util/selectorsForObject.js';
import { CommandError, SilentExit, UsageError } from './util/errors.js';
import { containerShellSession, SHELLS, waitOut } from './util/shellSession.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import { containerStatusByName, findOrDefaultContainer } from './util/podcmd.js';

const HELP = `Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'filename', usage: "to use to exec into the resource", short: 'f', type: 'stringSlice' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
];

/** The pod `exec` runs in: a pod name, or TYPE/NAME of a workload (its first pod, as kubectl picks it). */
export async function findPod(ctx: CommandContext, target: string): Promise<KubeObject> {
  const client = await ctx.client();
  const podSpec = client.kinds.forKind('Pod', '')!;
  if (!target.includes('/')) return client.get(podSpec, ctx.namespace, target);
  const [type, name] = target.split('/');
  const spec = client.kinds.resolve(type);
  if (!spec) throw new CommandError(`error: the server doesn't have a resource type "${type}"`);
  if (spec === podSpec) return client.get(podSpec, ctx.namespace, name);
  const owner = client.get(spec, ctx.namespace, name);
  const sel = selectorsForObject(owner, !spec.custom);
  if ('error' in sel) throw new CommandError(`error: cannot attach to ${goTypeName(owner, !spec.custom)}: ${sel.error}`);
  const pods = client
    .list(podSpec, ctx.namespace, { labelSelector: sel.selector })
    .items.filter((p) => !p.metadata.deletionTimestamp)
    .sort((a, b) => Number(b.status?.phase === 'Running') - Number(a.status?.phase === 'Running') || String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
  if (!pods.length) throw new CommandError(`error: cannot attach to ${spec.kind} ${name}: no pods found`);
  return pods[0];
}

async function run(ctx: CommandContext): Promise<number> {
  const { args, argsLenAtDash } = ctx;
  if (args.length === 0 && !(ctx.flags.filename as string[]).length)
    throw new UsageError('pod, type/name or --filename must be specified');
  const target = args[0];
  if (argsLenAtDash < 0 && args.length > 1)
    throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  const command = argsLenAtDash >= 0 ? args.slice(Math.max(argsLenAtDash, 1)) : [];
  if (!command.length) throw new CommandError('error: you must specify at least one command for the container');
  // kubectl asks whether standard input is a terminal
  if (ctx.flags.tty === true && ctx.flags.stdin === true && !ctx.io.typed && !ctx.flags.quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const pod = await findPod(ctx, target);
  const { name, container: c } = findOrDefaultContainer(pod, str(ctx.flags.container), ctx.flags.quiet === true, (line) => ctx.io.err(line));
  if (!c) throw new CommandError(`error: unable to upgrade connection: container ${name} not found in pod ${pod.metadata.name}`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CommandError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  const cs = containerStatusByName(pod, name!);
  if (!cs?.state?.running) throw new CommandError(`error: unable to upgrade connection: container not found ("${name}")`);
  // the exec stream itself is a request of its own: POST pods/exec, which RBAC must allow
  const client = await ctx.client();
  client.connect(client.kinds.forKind('Pod')!, pod.metadata.namespace, pod.metadata.name!, 'exec');
  const shell = SHELLS.includes(command[0]) && !command.includes('-c');
  const engine = await ctx.engine();
  if (shell && ctx.flags.stdin === true) {
    // an interactive shell: line by line at a terminal (-it), else standard input as one script
    const io = ctx.flags.tty === true ? ctx.io : { ...ctx.io, typed: undefined };
    const code = await containerShellSession(io, engine, pod, c, command[0], ctx);
    if (code !== 0) {
      ctx.io.err(`command terminated with exit code ${code}\n`);
      throw new SilentExit(code);
    }
    return 0;
  }
  const [{ ClusterView }, { execInContainer }] = await Promise.all([import('../cluster/view.js'), import('../cluster/kubelet/exec.js')]);
  const exec = async (argv: string[]) => {
    await engine.sync();
    const r = execInContainer(new ClusterView(() => engine.store.read()), pod, c, argv, engine.clock.now());
    if (r.startError) {
      const id = (cs.containerID ?? '').replace('containerd://', '');
      throw new CommandError(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${r.startError}: unknown`,
      );
    }
    return r;
  };
  const r = await exec(command);
  // Ctrl-C while the command still runs: kubectl goes, with what the command had not yet printed
  if (!(await waitOut(r.took, ctx.sleep, ctx.signal))) throw new SilentExit(130);
  ctx.io.out(r.stdout);
  ctx.io.err(r.stderr);
  if (r.code !== 0) {
    ctx.io.err(`command terminated with exit code ${r.code}\n`);
    throw new SilentExit(r.code);
  }
  return 0;
}

/** `kubectl exec POD -- CMD`: runs a command in a simulated container (busybox-like programs, DNS, HTTP). */
export const verb: Verb = {
  name: 'exec',
  flags,
  help: HELP,
  run,
};
