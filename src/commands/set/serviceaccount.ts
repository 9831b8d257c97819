import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { NO_RESOURCES, selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';
import { podSpecOf } from './podTemplate.js';
import { aggregateError, objectName, throwSelectionErrors, writeChange } from './writeChange.js';
import { setFlags } from './setFlags.js';

/**
 * `set serviceaccount`: the last argument is the account, the rest name the objects. Every object is
 * patched and reported, changed or not (set serviceaccount does not pass over unchanged ones).
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const local = f.local === true;
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const output = outputFormat(ctx);
  if (!ctx.args.length) throw new CommandError('error: serviceaccount is required');
  const account = ctx.args[ctx.args.length - 1];
  const resources = ctx.args.slice(0, -1);
  // with --local the resource arguments are not given to the builder at all
  if (local && !(f.filename as string[]).length && !str(f.kustomize)) throw new CommandError(NO_RESOURCES);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: local ? [] : resources, allowAll: true, local });
  // the builder's errors end the command before anything is changed
  throwSelectionErrors(sel.errors);
  const errors: string[] = [];
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    const spec = podSpecOf(after);
    if (!spec) {
      errors.push(`error: ${objectName(s, local)} the object is not a pod or does not have a pod template: *v1.${s.object.kind}\n`);
      continue;
    }
    spec.serviceAccountName = account;
    const failed = await writeChange(ctx, s, after, { client, local, dryRun, output, word: 'serviceaccount updated', failure: 'failed to patch ServiceAccountName ' });
    if (failed) errors.push(failed);
  }
  if (errors.length) throw aggregateError(errors);
  return 0;
}

const help = `Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset

Aliases:
serviceaccount, sa

Examples:
  # Set deployment nginx-deployment's service account to serviceaccount1
  kubectl set serviceaccount deployment nginx-deployment serviceaccount1
  
  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
  kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml

Usage:
  kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = setFlags({
  all: 'Select all resources, in the namespace of the specified resource types',
  filename: 'Filename, directory, or URL to files identifying the resource to get from a server.',
  local: 'If true, set serviceaccount will NOT contact api-server but run locally.',
});

export const verb: Verb = { name: 'serviceaccount', aliases: ['sa'], flags, help, run };
