import { age, humanDuration } from '../../meta/duration.js';
import { defaultPodSpec, validatePodSpec } from './podSpec.js';
import { forbiddenField, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

type ContainerStatus = { name: string; ready?: boolean; started?: boolean; restartCount?: number; state?: any; lastState?: any };

function isSidecar(pod: KubeObject, name: string): boolean {
  return (pod.spec?.initContainers ?? []).some((c: any) => c.name === name && c.restartPolicy === 'Always');
}

function latest(a: number | undefined, finishedAt: string | undefined): number | undefined {
  if (!finishedAt) return a;
  const t = Date.parse(finishedAt);
  return a === undefined || t > a ? t : a;
}

/**
 * READY, STATUS and RESTARTS of `kubectl get pods`, computed as printers.go printPod does: while the pod
 * initializes, restarts count every init container; afterwards only sidecars and regular containers.
 */
export function podCells(pod: KubeObject, now: number): { ready: string; reason: string; restarts: string } {
  const status = pod.status ?? {};
  const conditions: any[] = status.conditions ?? [];
  let reason: string = status.reason || status.phase || '';
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const initSpecs: any[] = pod.spec?.initContainers ?? [];
  const total = (pod.spec?.containers ?? []).length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    lastRestart = latest(lastRestart, c.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(pod, c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = latest(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  if (!initializing || conditions.some((c) => c.type === 'Initialized' && c.status === 'True')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = latest(lastRestart, c.lastState?.terminated?.finishedAt);
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  const restartText = restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, reason, restarts: restartText };
}

/** The STATUS cell of `kubectl get pods`. */
export function podStatusReason(pod: KubeObject): string {
  return podCells(pod, 0).reason;
}

function readinessGates(pod: KubeObject): string {
  const gates: any[] = pod.spec?.readinessGates ?? [];
  if (!gates.length) return '<none>';
  const conds: any[] = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return `${ok}/${gates.length}`;
}

const MUTABLE_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podSpecUpdateErrors(obj: KubeObject, old: KubeObject): FieldError[] {
  const strip = (spec: any) => {
    const s = structuredClone(spec ?? {});
    for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    // the scheduler binds through the binding subresource; nodeName may go from unset to set
    if (!old.spec?.nodeName) delete s.nodeName;
    return JSON.stringify(s);
  };
  if (strip(obj.spec) !== strip(old.spec)) return [forbiddenField('spec', MUTABLE_MSG)];
  const oldTol = JSON.stringify(old.spec?.tolerations ?? []);
  const newTol: any[] = obj.spec?.tolerations ?? [];
  const kept = (old.spec?.tolerations ?? []).every((t: any) => newTol.some((n) => JSON.stringify(n) === JSON.stringify(t)));
  if (!kept && oldTol !== JSON.stringify(newTol)) return [forbiddenField('spec', MUTABLE_MSG)];
  return [];
}

/**
 * ValidatePodEphemeralContainersUpdate: the spec as a whole is valid, and the ephemeral containers already
 * there stay as they are (each looked up by name, as a patch may reorder them); they are only ever added.
 */
export function validateEphemeralContainersUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePodSpec(obj.spec, 'spec');
  if (old.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return [forbiddenField('', 'static pods do not support ephemeral containers')];
  const now: any[] = obj.spec?.ephemeralContainers ?? [];
  for (const before of old.spec?.ephemeralContainers ?? []) {
    const after = now.find((c) => c.name === before.name);
    if (!after) errs.push(forbiddenField('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(before.name)} may not be removed\n`));
    else if (JSON.stringify(sortKeys(after)) !== JSON.stringify(sortKeys(before)))
      errs.push(forbiddenField('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(before.name)} may not be changed\n${fieldDiff(before, after)}`));
  }
  return errs;
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** The fields that differ, one `-`/`+` pair each (the API server words it with go-cmp, whose layout is unstable by design). */
function fieldDiff(before: any, after: any): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  let out = '';
  for (const k of keys) {
    const a = JSON.stringify(sortKeys(before[k]));
    const b = JSON.stringify(sortKeys(after[k]));
    if (a === b) continue;
    if (a !== undefined) out += `- \t${k}: ${a}\n`;
    if (b !== undefined) out += `+ \t${k}: ${b}\n`;
  }
  return out;
}

export const pod = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    defaultPodSpec(obj.spec);
    defaultPodOnly(obj.spec);
  },
  prepareForCreate(obj, ctx) {
    obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
    void ctx;
  },
  validate(obj, old) {
    const errs = validatePodSpec(obj.spec, 'spec');
    if (old) errs.push(...podSpecUpdateErrors(obj, old));
    // ephemeral containers come only through the ephemeralcontainers subresource
    else if (obj.spec?.ephemeralContainers?.length) errs.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Ready' },
      { name: 'Status' },
      { name: 'Restarts' },
      { name: 'Age' },
      { name: 'IP', priority: 1 },
      { name: 'Node', priority: 1 },
      { name: 'Nominated Node', priority: 1 },
      { name: 'Readiness Gates', priority: 1 },
    ],
    row: (o, now) => {
      const cells = podCells(o, now);
      return [
        o.metadata.name!,
        cells.ready,
        cells.reason,
        cells.restarts,
        age(o.metadata.creationTimestamp, now),
        o.status?.podIPs?.[0]?.ip || '<none>',
        o.spec?.nodeName || '<none>',
        o.status?.nominatedNodeName || '<none>',
        readinessGates(o),
      ];
    },
  },
  fieldSelectors: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(!!o.spec?.hostNetwork),
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
  },
} satisfies KindSpec;

/**
 * SetDefaults_Pod: what a Pod gets and a workload's template does not. Requests default to limits,
 * service links are on, and host-network pods publish their container ports on the host (in templates
 * that stopped in 1.28, behind DefaultHostNetworkHostPortsInPodTemplates).
 */
export function defaultPodOnly(spec: KubeObject['spec']): void {
  if (!spec) return;
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const limits = c.resources?.limits;
    if (limits) {
      c.resources.requests ??= {};
      for (const [k, v] of Object.entries(limits)) c.resources.requests[k] ??= v;
    }
    if (spec.hostNetwork) for (const p of c.ports ?? []) if (p.hostPort === undefined) p.hostPort = p.containerPort;
  }
}

/** Guaranteed when every container has equal cpu and memory requests and limits; BestEffort with none. */
export function qosClass(pod: KubeObject): string {
  const containers: any[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
