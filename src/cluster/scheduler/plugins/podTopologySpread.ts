import { matchesRequirements, selectorRequirements, type LabelSelector, type Requirement } from '../../meta/selectors.js';
import { nodeSelectorMatcher } from '../../meta/nodeAffinity.js';
import type { KubeObject } from '../../api/types.js';
import type { CycleState, SchedulerPlugin } from '../types.js';
import { tallyPods } from '../podTally.js';
import { cycleData } from '../cycle.js';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
}

interface Prepared {
  c: Constraint;
  /** matching pods per domain, over the nodes the pod could use at all (nodeAffinityPolicy Honor) */
  counts: Map<string, number>;
  min: number;
  /** 1 when the incoming pod matches its own selector */
  self: number;
}

/** The constraint's selector with its matchLabelKeys filled in from the pod's labels. */
function selectorFor(pod: KubeObject, c: Constraint): Requirement[] {
  const reqs = selectorRequirements(c.labelSelector ?? {});
  for (const k of c.matchLabelKeys ?? []) {
    const v = pod.metadata.labels?.[k];
    if (v !== undefined) reqs.push({ key: k, operator: 'In', values: [v] });
  }
  return reqs;
}

function prepare(pod: KubeObject, c: Constraint, state: CycleState, fits: ((node: KubeObject) => boolean) | undefined): Prepared {
  const counts = new Map<string, number>();
  const reqs = selectorFor(pod, c);
  const ns = pod.metadata.namespace;
  // the pods each node holds in the namespace that match the selector, kept across pods; whether one is
  // terminating is read now, as preemption marks its victims in the middle of a cycle
  const matching = tallyPods<KubeObject[]>(
    state.nodes,
    `PodTopologySpread\0${ns}\0${JSON.stringify(reqs)}`,
    () => [],
    (list, p) => {
      if (p.metadata.namespace === ns && matchesRequirements(p.metadata.labels, reqs)) list.push(p);
      return list;
    },
  );
  for (let i = 0; i < state.nodes.length; i++) {
    const n = state.nodes[i];
    const domain = n.labels[c.topologyKey];
    if (domain === undefined || (fits && !fits(n.node))) continue;
    let here = 0;
    for (const p of matching[i]) if (!p.metadata.deletionTimestamp) here++;
    counts.set(domain, (counts.get(domain) ?? 0) + here);
  }
  let min = counts.size ? Math.min(...counts.values()) : 0;
  if (c.minDomains && counts.size < c.minDomains) min = 0;
  return { c, counts, min, self: matchesRequirements(pod.metadata.labels, reqs) ? 1 : 0 };
}

const prepared = cycleData('PodTopologySpread', preFilter);

function preFilter(pod: KubeObject, state: CycleState): Prepared[] {
  const cs = (pod.spec?.topologySpreadConstraints ?? []) as Constraint[];
  if (!cs.length) return [];
  // nodeAffinityPolicy Honor: only nodes the pod could use count
  const fits = nodeSelectorMatcher(pod);
  return cs.map((c) => prepare(pod, c, state, fits));
}

/** Keeps pods matching a selector spread across topology domains within maxSkew. */
export const PodTopologySpread = {
  name: 'PodTopologySpread',
  weight: 2,
  normalize: 'reverse',
  preFilter,
  skipFilter: (pod, state) => !prepared(pod, state).some((p) => p.c.whenUnsatisfiable === 'DoNotSchedule'),
  filter(pod, node, state) {
    for (const p of prepared(pod, state)) {
      if (p.c.whenUnsatisfiable !== 'DoNotSchedule') continue;
      const domain = node.labels[p.c.topologyKey];
      if (domain === undefined)
        return { reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], unresolvable: true };
      if ((p.counts.get(domain) ?? 0) + p.self - p.min > p.c.maxSkew) return { reasons: ["node(s) didn't match pod topology spread constraints"] };
    }
    return undefined;
  },
  skipScore: (pod, state) => !prepared(pod, state).some((p) => p.c.whenUnsatisfiable === 'ScheduleAnyway'),
  score(pod, node, state) {
    let score = 0;
    for (const p of prepared(pod, state)) {
      if (p.c.whenUnsatisfiable !== 'ScheduleAnyway') continue;
      const domain = node.labels[p.c.topologyKey];
      if (domain !== undefined) score += p.counts.get(domain) ?? 0;
    }
    return score;
  },
} satisfies SchedulerPlugin;
