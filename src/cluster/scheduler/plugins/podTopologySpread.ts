import { selectorMatches, type LabelSelector } from '../../meta/selectors.js';
import { podMatchesNodeSelectorAndAffinity } from '../../meta/nodeAffinity.js';
import type { KubeObject } from '../../api/types.js';
import type { CycleState, SchedulerPlugin } from '../types.js';

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

function selectorFor(pod: KubeObject, c: Constraint): LabelSelector {
  const sel: LabelSelector = structuredClone(c.labelSelector ?? {});
  for (const k of c.matchLabelKeys ?? []) {
    const v = pod.metadata.labels?.[k];
    if (v !== undefined) (sel.matchExpressions ??= []).push({ key: k, operator: 'In', values: [v] });
  }
  return sel;
}

function prepare(pod: KubeObject, c: Constraint, state: CycleState): Prepared {
  const counts = new Map<string, number>();
  const sel = selectorFor(pod, c);
  for (const n of state.nodes) {
    const domain = n.labels[c.topologyKey];
    if (domain === undefined || !podMatchesNodeSelectorAndAffinity(pod, n.node)) continue;
    let here = 0;
    for (const p of n.pods)
      if (p.metadata.namespace === pod.metadata.namespace && !p.metadata.deletionTimestamp && selectorMatches(sel, p.metadata.labels)) here++;
    counts.set(domain, (counts.get(domain) ?? 0) + here);
  }
  let min = counts.size ? Math.min(...counts.values()) : 0;
  if (c.minDomains && counts.size < c.minDomains) min = 0;
  return { c, counts, min, self: selectorMatches(sel, pod.metadata.labels) ? 1 : 0 };
}

function prepared(pod: KubeObject, state: CycleState): Prepared[] {
  return (state.cycle?.get('PodTopologySpread') as Prepared[] | undefined) ?? preFilter(pod, state);
}

function preFilter(pod: KubeObject, state: CycleState): Prepared[] {
  const cs = (pod.spec?.topologySpreadConstraints ?? []) as Constraint[];
  return cs.map((c) => prepare(pod, c, state));
}

/** Keeps pods matching a selector spread across topology domains within maxSkew. */
export const PodTopologySpread = {
  name: 'PodTopologySpread',
  weight: 2,
  normalize: 'reverse',
  preFilter,
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
