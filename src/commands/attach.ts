import { parseDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import { findOrDefaultContainer } from './util/podcmd.js';

const flags: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
];

/** `kubectl attach POD`: the output of a running container from now on, or a session with its shell (-i). */
async function run(ctx: CommandContext): Promise<number> {
  const timeout = parseDuration(str(ctx.flags['pod-running-timeout'])) ?? 0;
  if (timeout <= 0) throw new UsageError('--pod-running-timeout must be higher than zero');
  if (!ctx.args.length) throw new CommandError('error: at least 1 argument is required for attach');
  if (ctx.args.length > 2) throw new CommandError(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${ctx.args.length}: [${ctx.args.join(' ')}]`);
  const { findPod } = await import('./exec.js');
  const pod = await findPod(ctx, ctx.args.length === 2 ? `${ctx.args[0]}/${ctx.args[1]}` : ctx.args[0]);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CommandError(`error: cannot attach a container in a completed pod; current phase is ${phase}`);
  const { name, container: c } = findOrDefaultContainer(pod, str(ctx.flags.container), ctx.flags.quiet === true, (line) => ctx.io.err(line));
  if (!c) throw new CommandError(`error: cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
  let tty = ctx.flags.tty === true;
  if (tty && !c.tty) {
    tty = false;
    if (ctx.flags.quiet !== true) ctx.io.err(`error: Unable to use a TTY - container ${c.name} did not allocate one\n`);
  } else if (!tty && c.tty) tty = true; // a container started with a TTY can only be attached with one
  const { attachTo } = await import('./util/attach.js');
  const client = await ctx.client();
  await attachTo(ctx, pod, c, { tty, stdin: ctx.flags.stdin === true, quiet: ctx.flags.quiet === true, from: client.now() });
  return 0;
}

export const verb: Verb = {
  name: 'attach',
  flags,
  help: `Attach to a process that is already running inside an existing container.

Examples:
  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
  # for selecting the container to be attached or the first container in the pod will be chosen
  kubectl attach mypod
  
  # Get output from ruby-container from pod mypod
  kubectl attach mypod -c ruby-container
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl attach mypod -c ruby-container -i -t
  
  # Get output from the first pod of a replica set named nginx
  kubectl attach rs/nginx

Usage:
  kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
