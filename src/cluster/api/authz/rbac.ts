import type { KubeObject } from '../types.js';
import { selectorMatches, type LabelSelector } from '../../meta/selectors.js';
import { allow, noOpinion, type Attributes, type Verdict } from './attributes.js';
import type { UserInfo } from './identity.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** The stored RBAC objects the authorizer reads: `rbac.authorization.k8s.io/roles` and the like. */
export type RbacObjects = (plural: 'roles' | 'rolebindings' | 'clusterroles' | 'clusterrolebindings') => KubeObject[];

// The matching helpers of pkg/apis/rbac/v1/evaluation_helpers.go, one per rule field.

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

// `*` covers every resource and subresource; `*/scale` covers the scale subresource of any resource.
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (subresource !== '' && r === `*/${subresource}`));
}

/** No resourceNames means every name; otherwise the request must name one of them (so create, list, watch never match). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** `*` is every path; a trailing `*` is a prefix. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.path !== undefined) return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
  const sub = a.subresource ?? '';
  const combined = sub ? `${a.resource}/${sub}` : (a.resource ?? '');
  return verbMatches(rule, a.verb) && apiGroupMatches(rule, a.apiGroup ?? '') && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, a.name ?? '');
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

/** Whether a binding's subject is this user (a ServiceAccount subject without a namespace takes the binding's). */
export function appliesTo(user: UserInfo, s: Subject, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.name === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount':
      return user.name === `system:serviceaccount:${s.namespace || bindingNamespace}:${s.name}`;
    default:
      return false;
  }
}

/**
 * A ClusterRole's rules. One with an aggregationRule holds the union of the ClusterRoles its selectors
 * pick, as the clusterrole-aggregation controller keeps it; reading them live means a ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-view: "true"` counts at once.
 */
export function clusterRoleRules(role: KubeObject, all: KubeObject[], seen = new Set<string>()): PolicyRule[] {
  const selectors = (role.aggregationRule?.clusterRoleSelectors ?? []) as LabelSelector[];
  if (!role.aggregationRule) return (role.rules ?? []) as PolicyRule[];
  seen.add(role.metadata.name!);
  const rules: PolicyRule[] = [];
  for (const other of all) {
    if (seen.has(other.metadata.name!)) continue;
    if (!selectors.some((s) => selectorMatches(s, other.metadata.labels))) continue;
    seen.add(other.metadata.name!);
    for (const r of clusterRoleRules(other, all, seen)) if (!rules.some((x) => JSON.stringify(x) === JSON.stringify(r))) rules.push(r);
  }
  return rules;
}

/** One binding that applies to a user, with the rules it grants: what `auth can-i --list` shows. */
export interface Grant {
  binding: string;
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding';
  role: string;
  roleKind: 'ClusterRole' | 'Role';
  rules: PolicyRule[];
  /** the binding's subject that matched the user, as the authorizer's reason names it */
  subject: string;
}

/** The rules granted to a user in a namespace (cluster-wide ones included), binding by binding. */
export function grantsFor(objects: RbacObjects, user: UserInfo, namespace: string | undefined): Grant[] {
  const clusterRoles = objects('clusterroles');
  const byName = new Map(clusterRoles.map((r) => [r.metadata.name!, r]));
  const grants: Grant[] = [];
  for (const b of objects('clusterrolebindings')) {
    const s = (b.subjects ?? []).find((s: Subject) => appliesTo(user, s, ''));
    if (!s) continue;
    const role = b.roleRef?.kind === 'ClusterRole' ? byName.get(b.roleRef.name) : undefined;
    if (role)
      grants.push({ binding: b.metadata.name!, bindingKind: 'ClusterRoleBinding', role: role.metadata.name!, roleKind: 'ClusterRole', rules: clusterRoleRules(role, clusterRoles), subject: describeSubject(s, '') });
  }
  if (namespace) {
    const roles = new Map(objects('roles').filter((r) => r.metadata.namespace === namespace).map((r) => [r.metadata.name!, r]));
    for (const b of objects('rolebindings')) {
      if (b.metadata.namespace !== namespace) continue;
      const s = (b.subjects ?? []).find((s: Subject) => appliesTo(user, s, namespace));
      if (!s) continue;
      const subject = describeSubject(s, namespace);
      if (b.roleRef?.kind === 'ClusterRole') {
        const role = byName.get(b.roleRef.name);
        if (role) grants.push({ binding: b.metadata.name!, bindingKind: 'RoleBinding', role: role.metadata.name!, roleKind: 'ClusterRole', rules: clusterRoleRules(role, clusterRoles), subject });
      } else if (b.roleRef?.kind === 'Role') {
        const role = roles.get(b.roleRef.name);
        if (role) grants.push({ binding: b.metadata.name!, bindingKind: 'RoleBinding', role: role.metadata.name!, roleKind: 'Role', rules: (role.rules ?? []) as PolicyRule[], subject });
      }
    }
  }
  return grants;
}

/** describeSubject: `Group "system:masters"`, `ServiceAccount "robot/ns"` (the binding's namespace when the subject has none). */
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** The RBAC authorizer: allows what some binding grants, has no opinion otherwise (RBAC never denies). */
export function authorizeRBAC(objects: RbacObjects, a: Attributes): Verdict {
  for (const g of grantsFor(objects, a.user, a.namespace || undefined)) {
    if (g.rules.some((r) => ruleAllows(a, r))) {
      const where = g.bindingKind === 'RoleBinding' ? `RoleBinding "${g.binding}/${a.namespace}"` : `ClusterRoleBinding "${g.binding}"`;
      return allow(`RBAC: allowed by ${where} of ${g.roleKind} "${g.role}" to ${g.subject}`);
    }
  }
  return noOpinion();
}
