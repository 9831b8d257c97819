import { selectorMatches, type LabelSelector } from '../../meta/selectors.js';
import type { KubeObject } from '../../api/types.js';
import type { CycleState, NodeInfo, SchedulerPlugin } from '../types.js';

interface Term {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

function termNamespaces(owner: KubeObject, term: Term, state: CycleState): (ns: string) => boolean {
  if (term.namespaceSelector) {
    const sel = term.namespaceSelector;
    const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
    if (empty) return () => true;
    return (ns) => (term.namespaces ?? []).includes(ns) || selectorMatches(sel, state.namespaceLabels(ns));
  }
  const list = term.namespaces?.length ? term.namespaces : [owner.metadata.namespace ?? 'default'];
  return (ns) => list.includes(ns);
}

/** Pods matching a term of `owner`, on nodes in the same topology domain as `node`. */
function matchesInDomain(owner: KubeObject, term: Term, node: NodeInfo, state: CycleState): boolean {
  const domain = node.labels[term.topologyKey];
  if (domain === undefined) return false;
  const inNs = termNamespaces(owner, term, state);
  return state.nodes.some(
    (n) =>
      n.labels[term.topologyKey] === domain &&
      n.pods.some((p) => inNs(p.metadata.namespace ?? '') && selectorMatches(term.labelSelector ?? {}, p.metadata.labels) && !!term.labelSelector),
  );
}

function required(pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): Term[] {
  return pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

export const InterPodAffinity = {
  name: 'InterPodAffinity',
  weight: 2,
  filter(pod, node, state) {
    // existing pods' anti-affinity against the incoming pod
    for (const n of state.nodes) {
      for (const other of n.pods) {
        for (const term of required(other, 'podAntiAffinity')) {
          const domain = n.labels[term.topologyKey];
          if (domain === undefined || node.labels[term.topologyKey] !== domain) continue;
          if (termNamespaces(other, term, state)(pod.metadata.namespace ?? '') && selectorMatches(term.labelSelector ?? {}, pod.metadata.labels) && term.labelSelector)
            return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"] };
        }
      }
    }
    for (const term of required(pod, 'podAffinity')) {
      if (matchesInDomain(pod, term, node, state)) continue;
      // the first pod of a group may land anywhere if it matches its own term and nothing else matches yet
      const anyMatch = state.boundPods.some(
        (p) => termNamespaces(pod, term, state)(p.metadata.namespace ?? '') && selectorMatches(term.labelSelector ?? {}, p.metadata.labels),
      );
      const self = selectorMatches(term.labelSelector ?? {}, pod.metadata.labels);
      if (!anyMatch && self && node.labels[term.topologyKey] !== undefined) continue;
      return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
    }
    for (const term of required(pod, 'podAntiAffinity')) {
      if (matchesInDomain(pod, term, node, state)) return { reasons: ["node(s) didn't match pod anti-affinity rules"] };
    }
    return undefined;
  },
  score(pod, node, state) {
    let score = 0;
    const aff = pod.spec?.affinity ?? {};
    for (const w of aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      if (matchesInDomain(pod, w.podAffinityTerm, node, state)) score += w.weight;
    for (const w of aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      if (matchesInDomain(pod, w.podAffinityTerm, node, state)) score -= w.weight;
    return score;
  },
} satisfies SchedulerPlugin;
