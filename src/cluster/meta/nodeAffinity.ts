import type { KubeObject } from '../api/types.js';

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!) || (r.values ?? []).length !== 1) return false;
      const a = Number(value);
      const b = Number(r.values![0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
  }
  return false;
}

/** A term matches when all its expressions and fields match; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  return (
    exprs.every((r) => matchRequirement(r, labels[r.key])) &&
    fields.every((r) => matchRequirement(r, r.key === 'metadata.name' ? node.metadata.name : undefined))
  );
}

/** nodeSelector and required node affinity (terms ORed), both of which must hold. */
export function podMatchesNodeSelectorAndAffinity(pod: KubeObject, node: KubeObject): boolean {
  return nodeSelectorMatcher(pod)?.(node) ?? true;
}

/**
 * podMatchesNodeSelectorAndAffinity for one pod over many nodes: the pod's side is read once. Undefined
 * when the pod has neither a nodeSelector nor required node affinity (every node matches).
 */
export function nodeSelectorMatcher(pod: KubeObject): ((node: KubeObject) => boolean) | undefined {
  const selector = Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>);
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!selector.length && !required) return undefined;
  const terms: NodeSelectorTerm[] = required ? (required.nodeSelectorTerms ?? []) : [];
  return (node) => {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of selector) if (labels[k] !== v) return false;
    return !required || terms.some((t) => termMatches(t, node));
  };
}
