import type { KubeObject } from '../api/types.js';
import { buildNodeInfos, filterNode, histogram } from './framework.js';
import type { CycleState, NodeInfo, SchedulerPlugin } from './types.js';

/**
 * DefaultPreemption, the PostFilter plugin: when a pod fits nowhere, find the node where evicting the fewest
 * and least important lower-priority pods would make room, nominate the pod to it and evict those pods. The
 * pod itself is placed by a later cycle, once its victims are gone.
 */
export interface PreemptionResult {
  /** the nominated node and the pods to evict, when preemption found room */
  node?: string;
  victims?: KubeObject[];
  /** what kube-scheduler appends to the FitError message (empty when preemption succeeded) */
  message: string;
}

function priority(p: KubeObject): number {
  return p.spec?.priority ?? 0;
}

function startTime(p: KubeObject): number {
  return Date.parse(p.status?.startTime ?? p.metadata.creationTimestamp ?? '') || 0;
}

/** MoreImportantPod: higher priority first, then the pod that started earlier. */
function moreImportant(a: KubeObject, b: KubeObject): number {
  return priority(b) - priority(a) || startTime(a) - startTime(b);
}

/** PodEligibleToPreemptOthers: undefined when the pod may preempt, else the reason it may not. */
function ineligible(pod: KubeObject, state: CycleState): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    // victims of an earlier preemption are still leaving: wait for them rather than evict more
    const node = state.nodes.find((n) => n.name === nominated);
    if (node?.pods.some((p) => p.metadata.deletionTimestamp && priority(p) < priority(pod)))
      return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/** Whether the pod passes every filter on `node` in a cluster where only `bound` pods remain. */
function fits(pod: KubeObject, node: NodeInfo, bound: KubeObject[], state: CycleState, plugins: SchedulerPlugin[]): string[] | undefined {
  const info = buildNodeInfos([node.node], bound)[0];
  const trial: CycleState = {
    ...state,
    nodes: state.nodes.map((n) => (n.name === node.name ? info : n)),
    boundPods: bound,
    cycle: new Map(),
  };
  for (const p of plugins) if (p.preFilter) trial.cycle!.set(p.name, p.preFilter(pod, trial));
  return filterNode(pod, info, trial, plugins)?.failure.reasons;
}

interface Candidate {
  node: NodeInfo;
  victims: KubeObject[];
}

/** SelectVictimsOnNode: remove every lower-priority pod, then give back all that can stay, most important first. */
function selectVictims(pod: KubeObject, node: NodeInfo, state: CycleState, plugins: SchedulerPlugin[]): Candidate | string[] {
  const potential = node.pods.filter((p) => priority(p) < priority(pod)).sort(moreImportant);
  if (!potential.length) return ['No preemption victims found for incoming pod'];
  const gone = new Set(potential.map((p) => p.metadata.uid));
  const remaining = state.boundPods.filter((p) => !gone.has(p.metadata.uid));
  const failure = fits(pod, node, remaining, state, plugins);
  if (failure) return failure;
  const victims: KubeObject[] = [];
  for (const p of potential) {
    remaining.push(p);
    if (fits(pod, node, remaining, state, plugins)) {
      remaining.pop();
      victims.push(p);
    }
  }
  return { node, victims };
}

/** pickOneNodeForPreemption: the lowest top victim priority, then the lowest sum, then the fewest victims. */
function pick(candidates: Candidate[]): Candidate {
  const top = (c: Candidate) => Math.max(...c.victims.map(priority));
  const sum = (c: Candidate) => c.victims.reduce((s, p) => s + priority(p) + 2 ** 31, 0);
  return candidates.reduce((best, c) => {
    const d = top(c) - top(best) || sum(c) - sum(best) || c.victims.length - best.victims.length;
    return d < 0 ? c : best;
  });
}

export function preempt(pod: KubeObject, state: CycleState, resolvable: string[], plugins: SchedulerPlugin[]): PreemptionResult {
  const why = ineligible(pod, state);
  if (why) return { message: why };
  const reasons: string[] = [];
  const candidates: Candidate[] = [];
  for (const node of state.nodes) {
    if (!resolvable.includes(node.name)) {
      reasons.push('Preemption is not helpful for scheduling');
      continue;
    }
    const r = selectVictims(pod, node, state, plugins);
    if (Array.isArray(r)) reasons.push(...r);
    else candidates.push(r);
  }
  if (!candidates.length) return { message: `preemption: 0/${state.nodes.length} nodes are available: ${histogram(reasons)}.` };
  const best = pick(candidates);
  return { node: best.node.name, victims: best.victims, message: '' };
}
