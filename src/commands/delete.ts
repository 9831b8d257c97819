import { StatusError } from '../cluster/api/status.js';
import type { DeleteOptions } from '../cluster/api/server.js';
import type { Client } from '../cluster/client/client.js';
import { parseDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, type DryRunStrategy } from './create/generator.js';
import { withSource } from './apply.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { NO_RESOURCES, selectResources, type Selected } from './util/select.js';
import type { Verb } from './verb.js';

const flags: FlagSpec[] = [
  { name: 'all', usage: "Delete all resources, in the namespace of the specified resource types.", type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', usage: "containing the resource to delete.", short: 'f', type: 'stringSlice' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'kustomize', usage: "Process a kustomization directory. This flag can't be used together with -f or -R.", short: 'k', type: 'string' },
  { name: 'now', type: 'bool' },
  { name: 'output', usage: "Output mode. Use \"-o name\" for shorter output (resource/name).", short: 'o', type: 'string' },
  { name: 'raw', usage: "Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.", type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'wait', type: 'bool', default: true },
];

type Propagation = NonNullable<DeleteOptions['propagationPolicy']>;

interface DeleteCmdOptions {
  cascade: Propagation;
  gracePeriod: number;
  force: boolean;
  ignoreNotFound: boolean;
  dryRun: DryRunStrategy;
  output: string;
  wait: boolean;
  /** ms; 0 waits (nearly) for ever, as kubectl's week */
  timeout: number;
}

/** cmdutil.GetCascadingStrategy, with its warnings for the deprecated boolean values. */
function cascadingStrategy(ctx: CommandContext): Propagation {
  const v = str(ctx.flags.cascade);
  switch (v.toLowerCase()) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
  }
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) {
    ctx.io.err(`warning: --cascade=${v} is deprecated (boolean value) and can be replaced with --cascade=background.\n`);
    return 'Background';
  }
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) {
    ctx.io.err(`warning: --cascade=${v} is deprecated (boolean value) and can be replaced with --cascade=orphan.\n`);
    return 'Orphan';
  }
  throw new CommandError(`error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
}

/** DeleteOptions.Complete and Validate, in kubectl's order. */
function complete(ctx: CommandContext): DeleteCmdOptions {
  const f = ctx.flags;
  const cascade = cascadingStrategy(ctx);
  const dryRun = dryRunStrategy(ctx);
  let ignoreNotFound = f['ignore-not-found'] === true;
  if ((f.all === true || str(f.selector) || str(f['field-selector'])) && !ctx.changed.has('ignore-not-found')) ignoreNotFound = true;
  let gracePeriod = Number(f['grace-period']);
  const force = f.force === true;
  if (f.now === true) {
    if (gracePeriod !== -1) throw new CommandError('error: --now and --grace-period cannot be specified together');
    gracePeriod = 1;
  }
  // a grace period of 0 means 1 unless --force says immediately
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  return {
    cascade,
    gracePeriod,
    force,
    ignoreNotFound,
    dryRun,
    output: str(f.output),
    wait: f.wait === true,
    timeout: parseDuration(str(f.timeout)) ?? 0,
  };
}

function validate(ctx: CommandContext, o: DeleteCmdOptions): void {
  if (o.output !== '' && o.output !== 'name') throw new CommandError(`error: unexpected -o output mode: ${o.output}. We only support '-o name'`);
  if (ctx.flags.all === true && str(ctx.flags['field-selector'])) throw new CommandError('error: cannot set --all and --field-selector at the same time');
  if (o.gracePeriod === 0 && o.force)
    ctx.io.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  else if (o.gracePeriod > 0 && o.force) throw new CommandError('error: --force and --grace-period greater than 0 cannot be specified together');
}

/** `pod "x" deleted`, `deployment.apps "web" force deleted (dry run)`, or `pod/x` with -o name. */
function deletedLine(s: Selected, o: DeleteCmdOptions): string {
  const kind = s.spec.group ? `${s.spec.kind.toLowerCase()}.${s.spec.group}` : s.spec.kind.toLowerCase();
  if (o.output === 'name') return `${kind}/${s.name}\n`;
  let operation = o.gracePeriod === 0 ? 'force deleted' : 'deleted';
  if (o.dryRun === 'client') operation += ' (dry run)';
  else if (o.dryRun === 'server') operation += ' (server dry run)';
  return `${kind} "${s.name}" ${operation}\n`;
}

/**
 * `--wait`: polls until every deleted object is gone (or was replaced by one with another uid), while
 * the command's ticker keeps the simulated cluster moving; gives up after --timeout like kubectl wait.
 */
export async function waitForDeletion(ctx: CommandContext, client: Client, deleted: { s: Selected; uid?: string }[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + (timeoutMs || 168 * 3600 * 1000);
  for (const { s, uid } of deleted) {
    for (;;) {
      let live;
      try {
        live = client.get(s.spec, s.namespace, s.name);
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound') break;
        throw e;
      }
      if (uid && live.metadata.uid !== uid) break;
      if (ctx.signal?.aborted) return;
      if (Date.now() >= deadline) throw new CommandError(`error: timed out waiting for the condition on ${s.spec.plural}/${s.name}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** --interactive: lists what would go and asks, as kubectl's confirmation() does; only `y` (any case) goes on. */
async function confirmed(ctx: CommandContext, items: Selected[]): Promise<boolean> {
  if (!items.length) return true; // the delete itself says `No resources found`
  ctx.io.out(`You are about to delete the following ${items.length} resource(s):\n`);
  for (const s of items) ctx.io.out(`${s.spec.group ? `${s.spec.kind.toLowerCase()}.${s.spec.group}` : s.spec.kind.toLowerCase()}/${s.name}\n`);
  ctx.io.out('Do you want to continue? (y/n): ');
  const answer = (await ctx.io.readWord?.()) ?? '';
  if (answer.toLowerCase() === 'y') return true;
  ctx.io.out('deletion is cancelled\n');
  return false;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = complete(ctx);
  const filenames = ctx.flags.filename as string[];
  if (ctx.flags.all === true && str(ctx.flags.selector)) throw new CommandError("error: setting 'all' parameter but found a non empty selector. ");
  if (!ctx.args.length && !filenames.length && !str(ctx.flags.kustomize)) throw new CommandError(NO_RESOURCES);
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, { allowAll: true, allNamespaces: ctx.flags['all-namespaces'] === true, fetch: false });
  validate(ctx, o);
  if (ctx.flags.interactive === true && !(await confirmed(ctx, sel.items))) return 0;
  const errors: (string | StatusError)[] = [...sel.errors];
  const deleted: { s: Selected; uid?: string }[] = [];
  let warnClusterScope = ctx.explicitNamespace && ctx.flags['all-namespaces'] !== true;
  for (const s of sel.items) {
    if (warnClusterScope && !s.spec.namespaced) {
      ctx.io.err('warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnClusterScope = false;
    }
    if (o.dryRun === 'client') {
      ctx.io.out(deletedLine(s, o));
      continue;
    }
    try {
      const gone = await client.delete(s.spec, s.namespace, s.name, {
        gracePeriodSeconds: o.gracePeriod >= 0 ? o.gracePeriod : undefined,
        propagationPolicy: o.cascade,
        dryRun: o.dryRun === 'server',
      });
      ctx.io.out(deletedLine(s, o));
      deleted.push({ s, uid: gone.metadata.uid });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason === 'NotFound' && o.ignoreNotFound) continue;
      errors.push(withSource(e, 'deleting', s.source));
    }
  }
  if (errors.length) return reportErrors(ctx.io, errors);
  if (!sel.items.length) {
    ctx.io.out('No resources found\n');
    return 0;
  }
  if (o.wait && o.dryRun === 'none') await waitForDeletion(ctx, client, deleted, o.timeout);
  return 0;
}

const help = `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.

Examples:
  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json
  
  # Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl delete -k dir
  
  # Delete resources from all files that end with '.json'
  kubectl delete -f '*.json'
  
  # Delete a pod based on the type and name in the JSON passed into stdin
  cat pod.json | kubectl delete -f -
  
  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo
  
  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel
  
  # Delete a pod with minimal delay
  kubectl delete pod foo --now
  
  # Force delete a pod on a dead node
  kubectl delete pod foo --force
  
  # Delete all pods
  kubectl delete pods --all
  
  # Delete all pods only if the user confirms the deletion
  kubectl delete pods --all --interactive

Usage:
  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'delete', flags, help, run };
