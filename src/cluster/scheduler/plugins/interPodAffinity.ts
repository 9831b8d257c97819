import { matchesRequirements, selectorMatches, selectorRequirements, type LabelSelector } from '../../meta/selectors.js';
import type { KubeObject } from '../../api/types.js';
import type { CycleState, FilterFailure, NodeInfo, SchedulerPlugin } from '../types.js';
import { tallyPods } from '../podTally.js';
import { cycleData } from '../cycle.js';

interface Term {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

/** `<topologyKey>=<value>` domains. */
type Domains = Set<string>;

interface Prepared {
  /** domains where an existing pod's required anti-affinity forbids the incoming pod */
  forbidden: Domains;
  /** per required affinity term: domains holding a matching pod, or 'anywhere' for the first pod of a group */
  affinity: (Domains | 'anywhere')[];
  affinityKeys: string[];
  /** per required anti-affinity term: domains holding a matching pod */
  anti: Domains[];
  antiKeys: string[];
  /** preferred terms: weight and matching domains */
  preferred: { weight: number; key: string; domains: Domains }[];
}

function inNamespaces(owner: KubeObject, term: Term, state: CycleState): (ns: string) => boolean {
  if (term.namespaceSelector) {
    const sel = term.namespaceSelector;
    const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
    if (empty) return () => true;
    return (ns) => (term.namespaces ?? []).includes(ns) || selectorMatches(sel, state.namespaceLabels(ns));
  }
  const list = term.namespaces?.length ? term.namespaces : [owner.metadata.namespace ?? 'default'];
  return (ns) => list.includes(ns);
}

/** Whether a pod is one a term of `owner` selects; the term is read once, for many pods. */
function termMatcher(owner: KubeObject, term: Term, state: CycleState): (target: KubeObject) => boolean {
  if (!term.labelSelector) return () => false;
  const inNs = inNamespaces(owner, term, state);
  const reqs = selectorRequirements(term.labelSelector);
  return (target) => inNs(target.metadata.namespace ?? '') && matchesRequirements(target.metadata.labels, reqs);
}

function termMatches(owner: KubeObject, term: Term, target: KubeObject, state: CycleState): boolean {
  return termMatcher(owner, term, state)(target);
}

/** The domains (topologyKey=value) of the nodes holding pods that match a term of `owner`. */
function domainsOf(owner: KubeObject, term: Term, state: CycleState): Domains {
  const out: Domains = new Set();
  const matches = termMatcher(owner, term, state);
  for (const n of state.nodes) {
    const v = n.labels[term.topologyKey];
    if (v === undefined) continue;
    if (n.pods.some(matches)) out.add(`${term.topologyKey}=${v}`);
  }
  return out;
}

function required(pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): Term[] {
  return pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

function preFilter(pod: KubeObject, state: CycleState): Prepared {
  const forbidden: Domains = new Set();
  // per node, its pods with required anti-affinity (kube-scheduler's NodeInfo.PodsWithRequiredAntiAffinity)
  const withAnti = tallyPods<KubeObject[]>(
    state.nodes,
    'InterPodAffinity\0podsWithRequiredAntiAffinity',
    () => [],
    (list, p) => {
      if (required(p, 'podAntiAffinity').length) list.push(p);
      return list;
    },
  );
  for (let i = 0; i < withAnti.length; i++) {
    if (!withAnti[i].length) continue;
    for (const other of withAnti[i])
      for (const term of required(other, 'podAntiAffinity')) {
        const v = state.nodes[i].labels[term.topologyKey];
        if (v !== undefined && termMatches(other, term, pod, state)) forbidden.add(`${term.topologyKey}=${v}`);
      }
  }
  const affinityTerms = required(pod, 'podAffinity');
  const affinity = affinityTerms.map((term) => {
    const d = domainsOf(pod, term, state);
    // the first pod of a group may land anywhere if it matches its own term and nothing matches yet
    const matches = termMatcher(pod, term, state);
    if (!d.size && matches(pod) && !state.boundPods.some(matches)) return 'anywhere' as const;
    return d;
  });
  const antiTerms = required(pod, 'podAntiAffinity');
  const aff = pod.spec?.affinity ?? {};
  const preferred = [
    ...(aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: { weight: number; podAffinityTerm: Term }) => ({
      weight: w.weight,
      key: w.podAffinityTerm.topologyKey,
      domains: domainsOf(pod, w.podAffinityTerm, state),
    })),
    ...(aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: { weight: number; podAffinityTerm: Term }) => ({
      weight: -w.weight,
      key: w.podAffinityTerm.topologyKey,
      domains: domainsOf(pod, w.podAffinityTerm, state),
    })),
  ];
  return {
    forbidden,
    affinity,
    affinityKeys: affinityTerms.map((t) => t.topologyKey),
    anti: antiTerms.map((t) => domainsOf(pod, t, state)),
    antiKeys: antiTerms.map((t) => t.topologyKey),
    preferred,
  };
}

const prepared = cycleData('InterPodAffinity', preFilter);

function domainOf(node: NodeInfo, key: string): string | undefined {
  const v = node.labels[key];
  return v === undefined ? undefined : `${key}=${v}`;
}

/** Required and preferred pod (anti-)affinity, including the anti-affinity of pods already placed. */
export const InterPodAffinity = {
  name: 'InterPodAffinity',
  weight: 2,
  preFilter,
  skipFilter(pod, state) {
    const p = prepared(pod, state);
    return !p.forbidden.size && !p.affinity.length && !p.anti.length;
  },
  skipScore: (pod, state) => !prepared(pod, state).preferred.length,
  filter(pod, node, state): FilterFailure | undefined {
    const p = prepared(pod, state);
    for (const d of p.forbidden) {
      const key = d.slice(0, d.indexOf('='));
      if (domainOf(node, key) === d) return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"] };
    }
    for (let i = 0; i < p.affinity.length; i++) {
      const want = p.affinity[i];
      const here = domainOf(node, p.affinityKeys[i]);
      if (want === 'anywhere' ? here !== undefined : here !== undefined && want.has(here)) continue;
      return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
    }
    for (let i = 0; i < p.anti.length; i++) {
      const here = domainOf(node, p.antiKeys[i]);
      if (here !== undefined && p.anti[i].has(here)) return { reasons: ["node(s) didn't match pod anti-affinity rules"] };
    }
    return undefined;
  },
  score(pod, node, state) {
    let score = 0;
    for (const w of prepared(pod, state).preferred) {
      const here = domainOf(node, w.key);
      if (here !== undefined && w.domains.has(here)) score += w.weight;
    }
    return score;
  },
} satisfies SchedulerPlugin;
