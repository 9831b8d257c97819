import { StatusError, forbidden } from '../status.js';
import type { KubeObject } from '../types.js';
import type { Attributes, Verdict } from './attributes.js';
import { authorizeNode, type Lookup } from './node.js';
import { authorizeRBAC, type RbacObjects } from './rbac.js';

/** What the authorizers read of the cluster's state. */
export interface AuthzState {
  rbac: RbacObjects;
  lookup: Lookup;
}

/**
 * kube-apiserver's authorizer chain as kubeadm configures it (`--authorization-mode=Node,RBAC`), behind
 * the privileged-group authorizer that lets system:masters do anything. The first Allow wins; with none,
 * the request is refused.
 */
export function authorize(state: AuthzState, a: Attributes): Verdict {
  if (a.user.groups.includes('system:masters')) return { decision: 'Allow', reason: '' };
  const reasons: string[] = [];
  for (const authorizer of [(x: Attributes) => authorizeNode(state.lookup, x), (x: Attributes) => authorizeRBAC(state.rbac, x)]) {
    const v = authorizer(a);
    if (v.decision === 'Allow') return v;
    if (v.reason) reasons.push(v.reason);
    if (v.decision === 'Deny') break;
  }
  return { decision: 'NoOpinion', reason: reasons.join(', ') };
}

/** The 403 the API server answers a refused request with (endpoints/handlers/responsewriters.ForbiddenStatusError). */
export function forbiddenError(a: Attributes, reason: string): StatusError {
  const who = `User "${a.user.name}"`;
  if (a.path !== undefined) {
    return new StatusError('Forbidden', 403, `forbidden: ${who} cannot ${a.verb} path "${a.path}"${reason ? `: ${reason}` : ''}`);
  }
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return forbidden(a.resource!, a.apiGroup ?? '', a.name ?? '', `${who} cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" ${scope}${reason ? `: ${reason}` : ''}`);
}

/** What the authorizers read of a store document (for admission plugins that authorize, like CertificateApproval). */
export function authzStateOf(doc: { objects: Record<string, Record<string, KubeObject>> }): AuthzState {
  return {
    rbac: (plural) => Object.values(doc.objects[`rbac.authorization.k8s.io/${plural}`] ?? {}),
    lookup: (group, plural, namespace, name) => doc.objects[`${group}/${plural}`]?.[`${namespace ?? ''}/${name}`],
  };
}
