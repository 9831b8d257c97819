import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import { parseDuration } from '../cluster/meta/duration.js';
import { matchesRequirements, parseLabelSelector } from '../cluster/meta/selectors.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy } from './create/generator.js';
import { cordonNode, selectNodes } from './cordon.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { Verb } from './verb.js';

const POLL_MS = 1000;

/** drain's filter verdicts: delete the pod or not, and why (a fatal error, a warning, or nothing). */
interface Verdict {
  pod: KubeObject;
  delete: boolean;
  reason: 'okay' | 'skip' | 'warning' | 'error';
  message: string;
}

// the texts of k8s.io/kubectl/pkg/drain/filters.go
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
/** the order the groups are printed in (kubectl's follows map iteration) */
const ERROR_ORDER = [UNMANAGED_FATAL, LOCAL_STORAGE_FATAL, DAEMONSET_FATAL];
const WARNING_ORDER = [DAEMONSET_WARNING, LOCAL_STORAGE_WARNING, UNMANAGED_WARNING];

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
}

function finished(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerOf(pod: KubeObject): { kind: string; name: string } | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);
}

/** The filters of drain.makeFilters, in order; the first that keeps a pod decides, otherwise the last word stands. */
function classify(pod: KubeObject, o: DrainOptions, daemonSetExists: (ns: string, name: string) => boolean): Verdict {
  const v = (d: boolean, reason: Verdict['reason'], message = ''): Verdict => ({ pod, delete: d, reason, message });
  const filters: (() => Verdict)[] = [
    () => {
      const ref = controllerOf(pod);
      if (ref?.kind !== 'DaemonSet') return v(true, 'okay');
      if (!daemonSetExists(pod.metadata.namespace!, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? v(true, 'warning', msg) : v(false, 'error', msg);
      }
      return o.ignoreDaemonSets ? v(false, 'warning', DAEMONSET_WARNING) : v(false, 'error', DAEMONSET_FATAL);
    },
    () => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? v(false, 'skip') : v(true, 'okay')),
    () => {
      const local = (pod.spec.volumes ?? []).some((vol: { emptyDir?: unknown }) => vol.emptyDir);
      if (!local || finished(pod)) return v(true, 'okay');
      return o.deleteEmptyDirData ? v(true, 'warning', LOCAL_STORAGE_WARNING) : v(false, 'error', LOCAL_STORAGE_FATAL);
    },
    () => {
      if (finished(pod) || controllerOf(pod)) return v(true, 'okay');
      return o.force ? v(true, 'warning', UNMANAGED_WARNING) : v(false, 'error', UNMANAGED_FATAL);
    },
  ];
  let verdict = v(true, 'okay');
  for (const f of filters) {
    verdict = f();
    if (!verdict.delete) break;
  }
  return verdict;
}

/** Pods grouped by message: `message: ns/a, ns/b`, in a fixed order of messages. */
function grouped(verdicts: Verdict[], reason: Verdict['reason'], order: string[]): [string, string][] {
  const groups = new Map<string, string[]>();
  for (const x of verdicts.filter((x) => x.reason === reason)) {
    const list = groups.get(x.message) ?? [];
    list.push(`${x.pod.metadata.namespace}/${x.pod.metadata.name}`);
    groups.set(x.message, list);
  }
  const keys = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return keys.map((k) => [k, groups.get(k)!.join(', ')]);
}

/** An error made of several: Go's utilerrors aggregate, `[a, b]` when more than one. */
class DrainFailure extends Error {
  constructor(readonly errors: string[]) {
    super(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }
}

/** deleteOrEvictPodsSimple: sort the node's pods, refuse or warn, then evict and wait for them to go. */
async function drainNode(ctx: CommandContext, node: KubeObject, o: DrainOptions, started: number): Promise<void> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const engine = await ctx.engine();
  const client = await ctx.client();
  const podSpec = client.kinds.forKind('Pod')!;
  const dsSpec = client.kinds.forKind('DaemonSet');
  const podSelector = str(f['pod-selector']);
  const reqs = parseLabelSelector(podSelector);
  const pods = client.list(podSpec, undefined).items.filter((p) => p.spec?.nodeName === node.metadata.name && matchesRequirements(p.metadata.labels, reqs));
  const daemonSetExists = (ns: string, name: string) => {
    if (!dsSpec) return false;
    try {
      client.get(dsSpec, ns, name);
      return true;
    } catch {
      return false;
    }
  };
  const verdicts = pods.map((p) => classify(p, o, daemonSetExists));
  const errors = grouped(verdicts, 'error', ERROR_ORDER).map(([m, list]) => `cannot delete ${m}: ${list}`);
  if (errors.length) throw new DrainFailure(errors);
  const warnings = grouped(verdicts, 'warning', WARNING_ORDER).map(([m, list]) => `${m}: ${list}`);
  if (warnings.length) ctx.io.err(`Warning: ${warnings.join('; ')}\n`);
  const victims = verdicts.filter((x) => x.delete).map((x) => x.pod);
  if (dryRun === 'client') {
    for (const p of victims) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return;
  }
  const disableEviction = f['disable-eviction'] === true;
  const gracePeriod = f['grace-period'] as number;
  const timeout = parseDuration(str(f.timeout).replace(/^[-+]/, '')) ?? 0;
  const suffix = dryRun === 'server' ? ' (server dry run)' : '';
  const pending: KubeObject[] = [];
  for (const p of victims) {
    if (!disableEviction) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix}\n`);
    try {
      // an eviction is a delete that honours the pod's grace period (or --grace-period)
      await client.delete(podSpec, p.metadata.namespace, p.metadata.name!, { dryRun: dryRun === 'server', gracePeriodSeconds: gracePeriod >= 0 ? gracePeriod : undefined });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) continue;
      throw e;
    }
    pending.push(p);
  }
  if (dryRun === 'server') return;
  const word = disableEviction ? 'deleted' : 'evicted';
  // waitForDelete: each pod is reported as it disappears (or is replaced by a pod of the same name)
  for (;;) {
    await engine.sync();
    for (const p of [...pending]) {
      let gone = false;
      try {
        gone = client.get(podSpec, p.metadata.namespace, p.metadata.name!).metadata.uid !== p.metadata.uid;
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
        gone = true;
      }
      if (gone) {
        ctx.io.out(`pod/${p.metadata.name} ${word}\n`);
        pending.splice(pending.indexOf(p), 1);
      }
    }
    if (!pending.length) return;
    if (timeout && client.now() - started >= timeout)
      throw new DrainFailure(pending.map((p) => `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: global timeout reached: ${str(f.timeout)}`));
    if (ctx.signal?.aborted) throw new DrainFailure(['interrupted']);
    await ctx.sleep(POLL_MS);
  }
}

/** RunDrain: cordon, then drain each node; failures are reported per node and the command goes on. */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  dryRunStrategy(ctx);
  const { nodes, errors } = await selectNodes(ctx, 'drain NODE');
  if (errors.length) return reportErrors(ctx.io, errors.slice(0, 1));
  const o: DrainOptions = { force: f.force === true, ignoreDaemonSets: f['ignore-daemonsets'] === true, deleteEmptyDirData: f['delete-emptydir-data'] === true };
  const client = await ctx.client();
  const started = client.now();
  const fatal: string[] = [];
  const remaining: string[] = [];
  const dryRun = dryRunStrategy(ctx);
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const node of nodes) {
    try {
      await cordonNode(ctx, node, true);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      ctx.io.err(`error: unable to cordon node ${JSON.stringify(node.metadata.name)}: ${e.message}\n`);
      remaining.push(node.metadata.name!);
      fatal.push(e.message);
      continue;
    }
    try {
      await drainNode(ctx, node, o, started);
      ctx.io.out(`node/${node.metadata.name} drained${suffix}\n`);
    } catch (e) {
      if (!(e instanceof DrainFailure)) throw e;
      ctx.io.err(`error: unable to drain node ${JSON.stringify(node.metadata.name)} due to error: ${e.message}, continuing command...\n`);
      remaining.push(node.metadata.name!);
      fatal.push(...e.errors);
    }
  }
  if (remaining.length) ctx.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length) throw new CommandError(fatal.join('\n'));
  return 0;
}

const help = `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg

Examples:
  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
  kubectl drain foo --force
  
  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
  kubectl drain foo --grace-period=900

Usage:
  kubectl drain NODE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'drain',
  flags: [
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool', hidden: true },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'force', usage: "Continue even if there are pods that do not declare a controller.", type: 'bool' },
    { name: 'grace-period', usage: "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.", type: 'int', default: -1 },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'ignore-errors', type: 'bool', hidden: true },
    { name: 'pod-selector', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'timeout', usage: "The length of time to wait before giving up, zero means infinite", type: 'duration', default: '0s' },
  ],
  help,
  run,
};
