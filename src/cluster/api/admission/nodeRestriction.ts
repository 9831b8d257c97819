import { forbidden } from '../status.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/** The node a kubelet's identity (`system:node:NAME` in system:nodes) speaks for, else undefined. */
function nodeOf(attrs: AdmissionAttributes): string | undefined {
  const u = attrs.userInfo;
  if (!u || !u.groups.includes('system:nodes') || !u.name.startsWith('system:node:')) return undefined;
  return u.name.slice('system:node:'.length) || undefined;
}

/**
 * NodeRestriction (kubeadm turns it on): a kubelet may create only mirror pods bound to itself, delete
 * only pods bound to itself, and create or change only its own Node, whatever RBAC would allow.
 */
export const NodeRestriction = {
  name: 'NodeRestriction',
  validate(attrs) {
    const node = nodeOf(attrs);
    if (node === undefined || attrs.spec.group !== '' || attrs.subresource) return;
    const refuse = (why: string) => {
      throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, why);
    };
    if (attrs.spec.plural === 'pods') {
      if (attrs.operation === 'CREATE') {
        if (!attrs.object.metadata.annotations?.['kubernetes.io/config.mirror'])
          refuse(`pod does not have "kubernetes.io/config.mirror" annotation, node "${node}" can only create mirror pods`);
        if (attrs.object.spec?.nodeName !== node) refuse(`node "${node}" can only create pods with spec.nodeName set to itself`);
      }
      if (attrs.operation === 'DELETE' && attrs.object.spec?.nodeName !== node) refuse(`node "${node}" can only delete pods with spec.nodeName set to itself`);
    }
    if (attrs.spec.plural === 'nodes' && (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE') && attrs.name !== node)
      refuse(`node "${node}" is not allowed to modify node "${attrs.name}"`);
  },
} satisfies AdmissionPlugin;
