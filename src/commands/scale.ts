import { StatusError } from '../cluster/api/status.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, outputFormat } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { CommandError } from './util/errors.js';
import { selectResources } from './util/select.js';
import type { Verb } from './verb.js';

/** How an error reads inside another error's message (the Go error string, without kubectl's prefix). */
function errorString(e: string | StatusError): string {
  return typeof e === 'string' ? e.replace(/^error: /, '') : e.message;
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const replicas = f.replicas as number;
  const currentReplicas = f['current-replicas'] as number;
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  if (replicas < 0) throw new CommandError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (currentReplicas < -1) throw new CommandError('error: The --current-replicas must specify an integer of -1 or greater');
  const client = await ctx.client();
  if (!ctx.args.length && !(f.filename as string[]).length)
    throw new CommandError(`error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  const sel = await selectResources(ctx, client, { allowAll: true });
  const resourceVersion = str(f['resource-version']);
  if (resourceVersion && sel.items.length > 1) throw new CommandError('error: cannot use --resource-version with multiple resources');
  if (!sel.items.length) {
    const why = sel.errors.length === 1 ? errorString(sel.errors[0]) : sel.errors.length ? `[${sel.errors.map(errorString).join(', ')}]` : '';
    throw new CommandError(`error: no objects passed to scale${why ? ` ${why}` : ''}`);
  }
  for (const s of sel.items) {
    if (dryRun !== 'client') {
      // ScaleSimple: a blind merge patch of the scale subresource, or, with preconditions, a GET and a PUT
      if (currentReplicas !== -1 || resourceVersion) {
        const scale = client.getScale(s.spec, s.namespace, s.name);
        if (currentReplicas !== -1 && scale.spec.replicas !== currentReplicas)
          throw new CommandError(`error: Expected replicas to be ${currentReplicas}, was ${scale.spec.replicas}`);
        if (resourceVersion && scale.metadata.resourceVersion !== resourceVersion)
          throw new CommandError(`error: Expected resource version to be ${resourceVersion}, was ${scale.metadata.resourceVersion}`);
        await client.writeScale(s.spec, s.namespace, s.name, { scale: { ...scale, spec: { replicas } } }, { dryRun: dryRun === 'server' });
      } else await client.writeScale(s.spec, s.namespace, s.name, { type: 'merge', patch: { spec: { replicas } } }, { dryRun: dryRun === 'server' });
    }
    // kubectl prints the object as it read it, before the scale
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(s.object)} scaled${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [s.object], true));
  }
  return 0;
}

const help = `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo
  
  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubectl scale --replicas=3 -f foo.yaml
  
  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql
  
  # Scale multiple replication controllers
  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3
  
  # Scale stateful set named 'web' to 3
  kubectl scale --replicas=3 statefulset/web

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'scale',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'filename', usage: "Filename, directory, or URL to files identifying the resource to set a new size", short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'replicas', usage: "The new desired number of replicas. Required.", type: 'int', default: 0, required: true },
    { name: 'resource-version', usage: "Precondition for resource version. Requires that the current resource version match this value in order to scale.", type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'timeout', usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).", type: 'duration', default: '0s' },
  ],
  help,
  run,
};
