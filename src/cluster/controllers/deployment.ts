import { rfc3339 } from '../clock.js';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef, isControlledBy } from '../meta/ownerRefs.js';
import { podTemplateHash } from '../meta/hash.js';
import { isPodActive } from '../meta/podUtil.js';
import type { ControllerSpec } from './controllerSpec.js';

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const HASH = 'pod-template-hash';

/** intstr percentages: maxSurge rounds up, maxUnavailable rounds down; both 0 means maxUnavailable 1. */
export function resolveFenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const value = (v: unknown, def: string, up: boolean) => {
    const x = v ?? def;
    if (typeof x === 'number') return x;
    const m = /^(\d+)%$/.exec(String(x));
    if (!m) return Number(x) || 0;
    const f = (Number(m[1]) * replicas) / 100;
    return up ? Math.ceil(f) : Math.floor(f);
  };
  const surge = value(ru.maxSurge, '25%', true);
  let unavailable = value(ru.maxUnavailable, '25%', false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function templateWithoutHash(t: KubeObject | undefined): unknown {
  const c: KubeObject = structuredClone(t ?? ({} as KubeObject));
  if (c.metadata?.labels) delete c.metadata.labels[HASH];
  return c;
}

function sameTemplate(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  return JSON.stringify(sortDeep(templateWithoutHash(a))) === JSON.stringify(sortDeep(templateWithoutHash(b)));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

function replicasOf(rs: KubeObject): number {
  return rs.spec?.replicas ?? 0;
}

function setCondition(conds: Record<string, unknown>[], type: string, status: string, reason: string, message: string, now: number): void {
  const i = conds.findIndex((c) => c.type === type);
  const old = conds[i];
  const ts = rfc3339(now);
  const next = {
    type,
    status,
    lastUpdateTime: old && old.status === status && old.reason === reason && old.message === message ? old.lastUpdateTime : ts,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : ts,
    reason,
    message,
  };
  if (i >= 0) conds[i] = next;
  else conds.push(next);
}

/**
 * The deployment controller: one ReplicaSet per pod template (named with the pod-template-hash), rolled
 * from old to new within maxSurge/maxUnavailable (or all at once for Recreate), with revisions, history
 * clean-up, pause, and the Available/Progressing conditions.
 */
async function syncDeployment(ctx: SyncContext, d: KubeObject): Promise<void> {
  const rsSpec = ctx.kinds.forKind('ReplicaSet', 'apps')!;
  const dSpec = ctx.kinds.forKind('Deployment', 'apps')!;
  const ns = d.metadata.namespace!;
  if (d.metadata.deletionTimestamp) return;
  const all = ctx.view.list('apps/replicasets', ns).filter((rs) => isControlledBy(rs, d));
  let newRS = all.find((rs) => sameTemplate(rs.spec?.template, d.spec?.template));
  const olds = () => ctx.view.list('apps/replicasets', ns).filter((rs) => isControlledBy(rs, d) && rs.metadata.uid !== newRS?.metadata.uid);
  const maxRevision = Math.max(0, ...all.map(revisionOf));
  const replicas = d.spec?.replicas ?? 1;
  const { surge, unavailable } = resolveFenceposts(d);
  const recreate = d.spec?.strategy?.type === 'Recreate';
  const paused = !!d.spec?.paused;
  const scale = async (rs: KubeObject, to: number) => {
    const from = replicasOf(rs);
    if (from === to) return rs;
    const fresh = structuredClone(ctx.view.get('apps/replicasets', ns, rs.metadata.name!)!);
    fresh.spec.replicas = to;
    fresh.metadata.annotations = { ...fresh.metadata.annotations, [DESIRED]: String(replicas), [MAX]: String(replicas + (recreate ? 0 : surge)) };
    const stored = await ctx.client.update(rsSpec, fresh);
    await ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
    return stored;
  };
  let created = false;
  if (!newRS && !paused) {
    const hash = podTemplateHash(d.spec?.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH]: hash } };
    const oldPods = olds().reduce((s, rs) => s + replicasOf(rs), 0);
    let start = replicas;
    if (recreate) start = oldPods > 0 ? 0 : replicas;
    else if (all.length) start = Math.max(0, Math.min(replicas, replicas + surge - oldPods));
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
      if (k !== 'kubectl.kubernetes.io/last-applied-configuration' && k !== REVISION) annotations[k] = v;
    annotations[DESIRED] = String(replicas);
    annotations[MAX] = String(replicas + (recreate ? 0 : surge));
    annotations[REVISION] = String(maxRevision + 1);
    newRS = await ctx.client.create(
      rsSpec,
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: ns,
          labels: { ...template.metadata.labels },
          annotations,
          ownerReferences: [controllerRef(d)],
        },
        spec: {
          replicas: start,
          minReadySeconds: d.spec?.minReadySeconds ?? 0,
          selector: {
            ...d.spec.selector,
            matchLabels: { ...d.spec.selector?.matchLabels, [HASH]: hash },
          },
          template,
        },
      },
      ns,
    );
    created = true;
    if (start > 0) await ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${start}`);
  } else if (newRS && revisionOf(newRS) < maxRevision && !paused) {
    // a rollback to an older template: the old ReplicaSet becomes the newest revision again
    const fresh = structuredClone(newRS);
    const prev = fresh.metadata.annotations?.[REVISION];
    fresh.metadata.annotations = { ...fresh.metadata.annotations, [REVISION]: String(maxRevision + 1) };
    const history = fresh.metadata.annotations['deployment.kubernetes.io/revision-history'];
    fresh.metadata.annotations['deployment.kubernetes.io/revision-history'] = history ? `${history},${prev}` : String(prev);
    newRS = await ctx.client.update(rsSpec, fresh);
  }
  if (newRS && !paused) {
    if (recreate) {
      for (const rs of olds()) await scale(rs, 0);
      const oldActive = ctx.view
        .list('/pods', ns)
        .filter((p) => isPodActive(p) || p.metadata.deletionTimestamp)
        .filter((p) => olds().some((rs) => isControlledBy(p, rs)));
      if (!oldActive.length) newRS = await scale(newRS, replicas);
    } else {
      // scale the new ReplicaSet up within the surge room
      const total = () => ctx.view.list('apps/replicasets', ns).filter((rs) => isControlledBy(rs, d)).reduce((s, rs) => s + replicasOf(rs), 0);
      if (replicasOf(newRS) > replicas) newRS = await scale(newRS, replicas);
      else if (replicasOf(newRS) < replicas) {
        const room = replicas + surge - total();
        if (room > 0) newRS = await scale(newRS, Math.min(replicas, replicasOf(newRS) + room));
      }
      // scale old ReplicaSets down while keeping enough available
      const oldList = olds().sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
      if (oldList.some((rs) => replicasOf(rs) > 0)) {
        const minAvailable = replicas - unavailable;
        const current = ctx.view.get('apps/replicasets', ns, newRS!.metadata.name!)!;
        const newUnavailable = replicasOf(current) - (current.status?.availableReplicas ?? 0);
        let maxScaledDown = total() - minAvailable - newUnavailable;
        // first old pods that are not available anyway
        for (const rs of oldList) {
          if (maxScaledDown <= 0) break;
          const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
          if (unhealthy <= 0) continue;
          const by = Math.min(unhealthy, maxScaledDown);
          await scale(rs, replicasOf(rs) - by);
          maxScaledDown -= by;
        }
        const avail = ctx.view
          .list('apps/replicasets', ns)
          .filter((rs) => isControlledBy(rs, d))
          .reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
        let down = avail - minAvailable;
        for (const rs of olds().sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)))) {
          if (down <= 0) break;
          const r = replicasOf(rs);
          if (!r) continue;
          const by = Math.min(r, down);
          await scale(rs, r - by);
          down -= by;
        }
      }
    }
  } else if (newRS && paused && replicasOf(newRS) !== replicas && !olds().some((rs) => replicasOf(rs) > 0)) {
    newRS = await scale(newRS, replicas);
  }
  // history: old ReplicaSets at 0 beyond revisionHistoryLimit go, oldest first
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  const idle = olds()
    .filter((rs) => replicasOf(rs) === 0 && !(rs.status?.replicas ?? 0))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) await ctx.client.delete(rsSpec, ns, rs.metadata.name!);
  await syncStatus(ctx, dSpec, d, newRS, created);
}

async function syncStatus(ctx: SyncContext, dSpec: NonNullable<ReturnType<SyncContext['kinds']['forKind']>>, d: KubeObject, newRS: KubeObject | undefined, created: boolean): Promise<void> {
  const ns = d.metadata.namespace!;
  const fresh = ctx.view.get('apps/deployments', ns, d.metadata.name!);
  if (!fresh) return;
  const owned = ctx.view.list('apps/replicasets', ns).filter((rs) => isControlledBy(rs, fresh));
  const cur = newRS ? ctx.view.get('apps/replicasets', ns, newRS.metadata.name!) : undefined;
  const replicas = fresh.spec?.replicas ?? 1;
  const sum = (f: (rs: KubeObject) => number) => owned.reduce((s, rs) => s + f(rs), 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const { unavailable: maxUnavailable } = resolveFenceposts(fresh);
  const status: Record<string, unknown> = {
    observedGeneration: fresh.metadata.generation,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: cur?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicas - available),
  };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!status[k]) delete status[k];
  if (fresh.status?.collisionCount) status.collisionCount = fresh.status.collisionCount;
  const conds: Record<string, unknown>[] = structuredClone(fresh.status?.conditions ?? []);
  const now = ctx.now;
  if (available >= replicas - maxUnavailable) setCondition(conds, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now);
  else setCondition(conds, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now);
  const name = cur?.metadata.name ?? '';
  const progressing = conds.find((c) => c.type === 'Progressing');
  const oldPods = owned.filter((rs) => rs !== cur && rs.metadata.uid !== cur?.metadata.uid).reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0);
  const complete = cur && (cur.status?.availableReplicas ?? 0) >= replicas && (cur.status?.replicas ?? 0) === replicas && oldPods === 0 && replicasOf(cur) === replicas;
  if (fresh.spec?.paused) setCondition(conds, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now);
  else if (complete) setCondition(conds, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, now);
  else if (created) setCondition(conds, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, now);
  else if (progressing?.reason === 'DeploymentPaused') setCondition(conds, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now);
  else if (cur && progressing?.reason !== 'ProgressDeadlineExceeded') {
    const before = JSON.stringify(fresh.status ?? {});
    const changed = JSON.stringify({ ...fresh.status, ...status, conditions: fresh.status?.conditions }) !== before;
    if (!progressing || changed || progressing.reason === 'NewReplicaSetAvailable')
      setCondition(conds, 'Progressing', 'True', progressing?.reason === 'NewReplicaSetCreated' && !changed ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`, now);
    const deadline = fresh.spec?.progressDeadlineSeconds ?? 600;
    const p = conds.find((c) => c.type === 'Progressing')!;
    if (Date.parse(String(p.lastUpdateTime)) + deadline * 1000 <= now)
      setCondition(conds, 'Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`, now);
  }
  // Available first, then Progressing, as the controller writes them
  conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
  status.conditions = conds;
  const revision = cur?.metadata.annotations?.[REVISION];
  if (revision && fresh.metadata.annotations?.[REVISION] !== revision) {
    const withRev = structuredClone(fresh);
    withRev.metadata.annotations = { ...withRev.metadata.annotations, [REVISION]: revision };
    await ctx.client.update(dSpec, withRev);
  }
  const latest = ctx.view.get('apps/deployments', ns, fresh.metadata.name!)!;
  if (JSON.stringify(status) !== JSON.stringify(latest.status ?? {}))
    await ctx.client.update(dSpec, { ...structuredClone(latest), status }, { subresource: 'status' });
}

export const deploymentController = {
  name: 'deployment-controller',
  aliases: ['deployment'],
  user: 'system:serviceaccount:kube-system:deployment-controller',
  eventSource: 'deployment-controller',
  async sync(ctx) {
    for (const d of ctx.view.list('apps/deployments')) await syncDeployment(ctx, d);
  },
  nextDue(view, now) {
    // a rollout that stalls runs into its progress deadline
    let due: number | undefined;
    for (const d of view.list('apps/deployments')) {
      const p = (d.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
      if (!p || p.status !== 'True' || p.reason === 'NewReplicaSetAvailable') continue;
      const at = Date.parse(p.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
      if (at > now && (due === undefined || at < due)) due = at;
    }
    return due;
  },
} satisfies ControllerSpec;
