import type { KubeObject } from '../types.js';
import { allow, noOpinion, type Attributes, type Verdict } from './attributes.js';

/** Looks a stored object up: `(group, plural, namespace, name)`. */
export type Lookup = (group: string, plural: string, namespace: string | undefined, name: string) => KubeObject | undefined;

/** The node a `system:node:NAME` identity in group system:nodes is the kubelet of, else undefined. */
export function nodeIdentity(a: Attributes): string | undefined {
  if (!a.user.groups.includes('system:nodes') || !a.user.name.startsWith('system:node:')) return undefined;
  return a.user.name.slice('system:node:'.length) || undefined;
}

const READ = new Set(['get', 'list', 'watch']);

/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node): what a kubelet may do, in the graph of its node.
 * It reads the objects it needs (kubelets here read what the pods of their node mount, so reads stay
 * open), writes its own Node and Lease, the status of the pods bound to it, its mirror pods and events.
 * Anything else gets no opinion, which RBAC then refuses: kubeadm binds no role to system:nodes.
 */
export function authorizeNode(lookup: Lookup, a: Attributes): Verdict {
  const node = nodeIdentity(a);
  if (node === undefined || a.path !== undefined) return noOpinion();
  const group = a.apiGroup ?? '';
  const ours = `node '${node}'`;
  if (READ.has(a.verb)) return allow();
  if (group === '' && a.resource === 'nodes') {
    if (a.name === node || (a.verb === 'create' && !a.subresource)) return allow();
    return noOpinion(`${ours} cannot modify node '${a.name}'`);
  }
  if (group === 'coordination.k8s.io' && a.resource === 'leases') {
    if (a.namespace === 'kube-node-lease' && (a.name === node || a.verb === 'create')) return allow();
    return noOpinion(`can only access node lease with the same name as the requesting node`);
  }
  if ((group === '' || group === 'events.k8s.io') && a.resource === 'events') {
    if (['create', 'update', 'patch'].includes(a.verb)) return allow();
    return noOpinion();
  }
  if (group === '' && a.resource === 'pods') {
    // mirror pods of static pods are created by the kubelet itself
    if (a.verb === 'create' && !a.subresource) return allow();
    if (a.subresource === 'eviction' && a.verb === 'create') return allow();
    const pod = a.name ? lookup('', 'pods', a.namespace, a.name) : undefined;
    if (!pod || pod.spec?.nodeName !== node) return noOpinion(`no relationship found between ${ours} and this object`);
    if (a.subresource === 'status' && ['update', 'patch'].includes(a.verb)) return allow();
    if (!a.subresource && ['delete', 'update', 'patch'].includes(a.verb)) return allow();
    return noOpinion();
  }
  if (group === '' && a.resource === 'serviceaccounts' && a.subresource === 'token' && a.verb === 'create') return allow();
  // a kubelet asks for its certificates (system:node's rules, which the Node authorizer applies itself)
  if (group === 'certificates.k8s.io' && a.resource === 'certificatesigningrequests' && !a.subresource && a.verb === 'create') return allow();
  if (group === '' && a.resource === 'persistentvolumeclaims' && a.subresource === 'status' && ['update', 'patch'].includes(a.verb)) return allow();
  return noOpinion();
}
