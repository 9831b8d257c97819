import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import { parseDuration } from '../../cluster/meta/duration.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { selectRollable } from './patcher.js';

/** What a status viewer reports: the line to print and whether the rollout is over. */
interface RolloutStatus {
  message: string;
  done: boolean;
}

const POLL_MS = 1000;

/** rollout_status.go DeploymentStatusViewer. */
function deploymentStatus(d: KubeObject, revision: number): RolloutStatus {
  const name = JSON.stringify(d.metadata.name);
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (current !== revision) throw new CommandError(`error: desired revision (${revision}) is different from the running revision (${current})`);
  }
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = (st.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`error: deployment ${name} exceeded its progress deadline`);
  const updated = st.updatedReplicas ?? 0;
  const replicas = d.spec.replicas ?? 1;
  if (updated < replicas) return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment ${name} rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment ${name} rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment ${name} successfully rolled out\n`, done: true };
}

/** rollout_status.go DaemonSetStatusViewer. */
function daemonSetStatus(ds: KubeObject): RolloutStatus {
  if (ds.spec.updateStrategy?.type !== 'RollingUpdate') throw new CommandError('error: rollout status is only available for RollingUpdate strategy type');
  const name = JSON.stringify(ds.metadata.name);
  const st = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = st.desiredNumberScheduled ?? 0;
  const updated = st.updatedNumberScheduled ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  if ((st.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

/** rollout_status.go StatefulSetStatusViewer. */
function statefulSetStatus(sts: KubeObject): RolloutStatus {
  const strategy = sts.spec.updateStrategy ?? {};
  if (strategy.type !== 'RollingUpdate') throw new CommandError('error: rollout status is only available for RollingUpdate strategy type');
  const st = sts.status ?? {};
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  if (ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = st.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && updated < replicas - partition)
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision)
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

function viewerFor(kind: string, revision: number): (obj: KubeObject) => RolloutStatus {
  switch (kind) {
    case 'Deployment':
      return (o) => deploymentStatus(o, revision);
    case 'DaemonSet':
      return daemonSetStatus;
    case 'StatefulSet':
      return statefulSetStatus;
  }
  throw new CommandError(`error: no status viewer has been implemented for ${kind}`);
}

/**
 * `rollout status`: looks at the object until its viewer says done, printing each new message. The
 * simulated cluster is moved on between looks, so the controllers advance the rollout meanwhile.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  if (!ctx.args.length && !(f.filename as string[]).length && !str(f.kustomize)) throw new CommandError('error: required resource not specified');
  const revision = f.revision as number;
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  const timeout = parseDuration(str(f.timeout).replace(/^[-+]/, '')) ?? 0;
  const watch = f.watch === true;
  const engine = await ctx.engine();
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  if (sel.errors.length) {
    const e = sel.errors[0];
    throw typeof e === 'string' ? new CommandError(e) : e;
  }
  if (sel.items.length !== 1)
    throw new CommandError(`error: rollout status is only supported on individual resources and resource collections - ${sel.items.length} resources were found`);
  const { spec, namespace, name } = sel.items[0];
  const viewer = viewerFor(spec.kind, revision);
  if (!watch) {
    ctx.io.out(viewer(sel.items[0].object).message);
    return 0;
  }
  const start = client.now();
  let last = '';
  for (;;) {
    await engine.sync();
    let obj: KubeObject;
    try {
      obj = client.get(spec, namespace, name);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) throw new CommandError('error: object has been deleted');
      throw e;
    }
    const status = viewer(obj);
    if (status.message !== last) ctx.io.out(status.message);
    last = status.message;
    if (status.done) return 0;
    const left = timeout ? start + timeout - client.now() : POLL_MS;
    if (left <= 0) throw new CommandError('error: timed out waiting for the condition');
    if (ctx.signal?.aborted) return 1;
    await ctx.sleep(Math.min(POLL_MS, left));
  }
}

const help = `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.

Examples:
  # Watch the rollout status of a deployment
  kubectl rollout status deployment/nginx

Usage:
  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'status',
  flags: [
    { name: 'filename', usage: "Filename, directory, or URL to files identifying the resource to get from a server.", short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'timeout', usage: "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).", type: 'duration', default: '0s' },
    { name: 'watch', usage: "Watch the status of the rollout until it's done.", short: 'w', type: 'bool', default: true },
  ],
  help,
  run,
};
