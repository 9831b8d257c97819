import { selectorMatches, type LabelSelector } from '../../meta/selectors.js';
import { podMatchesNodeSelectorAndAffinity } from '../../meta/nodeAffinity.js';
import type { KubeObject } from '../../api/types.js';
import type { CycleState, NodeInfo, SchedulerPlugin } from '../types.js';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
}

function selectorFor(pod: KubeObject, c: Constraint): LabelSelector {
  const sel: LabelSelector = structuredClone(c.labelSelector ?? {});
  for (const k of c.matchLabelKeys ?? []) {
    const v = pod.metadata.labels?.[k];
    if (v !== undefined) (sel.matchExpressions ??= []).push({ key: k, operator: 'In', values: [v] });
  }
  return sel;
}

/** Matching pods per domain, over the nodes the pod could use at all (nodeAffinityPolicy Honor). */
function domainCounts(pod: KubeObject, c: Constraint, state: CycleState): Map<string, number> {
  const counts = new Map<string, number>();
  const sel = selectorFor(pod, c);
  for (const n of state.nodes) {
    const domain = n.labels[c.topologyKey];
    if (domain === undefined || !podMatchesNodeSelectorAndAffinity(pod, n.node)) continue;
    const here = n.pods.filter(
      (p) => p.metadata.namespace === pod.metadata.namespace && !p.metadata.deletionTimestamp && selectorMatches(sel, p.metadata.labels),
    ).length;
    counts.set(domain, (counts.get(domain) ?? 0) + here);
  }
  return counts;
}

function constraints(pod: KubeObject, mode: Constraint['whenUnsatisfiable']): Constraint[] {
  return ((pod.spec?.topologySpreadConstraints ?? []) as Constraint[]).filter((c) => c.whenUnsatisfiable === mode);
}

export const PodTopologySpread = {
  name: 'PodTopologySpread',
  weight: 2,
  normalize: 'reverse',
  filter(pod, node: NodeInfo, state) {
    for (const c of constraints(pod, 'DoNotSchedule')) {
      const domain = node.labels[c.topologyKey];
      if (domain === undefined)
        return { reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], unresolvable: true };
      const counts = domainCounts(pod, c, state);
      let min = Math.min(...counts.values());
      if (c.minDomains && counts.size < c.minDomains) min = 0;
      const self = selectorMatches(selectorFor(pod, c), pod.metadata.labels) ? 1 : 0;
      if ((counts.get(domain) ?? 0) + self - min > c.maxSkew)
        return { reasons: ["node(s) didn't match pod topology spread constraints"] };
    }
    return undefined;
  },
  score(pod, node, state) {
    let score = 0;
    for (const c of constraints(pod, 'ScheduleAnyway')) {
      const domain = node.labels[c.topologyKey];
      if (domain === undefined) continue;
      score += domainCounts(pod, c, state).get(domain) ?? 0;
    }
    return score;
  },
} satisfies SchedulerPlugin;
