import { StatusError, notFound } from '../status.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

/**
 * NamespaceLifecycle: nothing may be created in a namespace that does not exist or is terminating,
 * and the namespaces a cluster cannot work without cannot be deleted.
 */
const IMMORTAL = ['default', 'kube-system', 'kube-public'];

export const NamespaceLifecycle = {
  name: 'NamespaceLifecycle',
  validate(attrs, doc) {
    const { spec, operation } = attrs;
    if (spec.kind === 'Namespace' && spec.group === '') {
      if (operation === 'DELETE' && IMMORTAL.includes(attrs.name))
        throw new StatusError('Forbidden', 403, `namespaces "${attrs.name}" is forbidden: this namespace may not be deleted`, {
          name: attrs.name,
          kind: 'namespaces',
        });
      return;
    }
    if (!spec.namespaced || operation !== 'CREATE') return;
    const ns = doc.objects['/namespaces']?.[`/${attrs.namespace}`];
    if (!ns) throw notFound('namespaces', '', attrs.namespace ?? '');
    if (ns.status?.phase === 'Terminating' || ns.metadata.deletionTimestamp) {
      const qr = spec.group ? `${spec.plural}.${spec.group}` : spec.plural;
      throw new StatusError(
        'Forbidden',
        403,
        `${qr} "${attrs.name}" is forbidden: unable to create new content in namespace ${attrs.namespace} because it is being terminated`,
        { name: attrs.name, group: spec.group, kind: spec.plural },
      );
    }
  },
} satisfies AdmissionPlugin;
