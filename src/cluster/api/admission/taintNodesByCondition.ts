import type { AdmissionPlugin } from './admissionPlugin.js';

/**
 * TaintNodesByCondition: a new Node starts tainted `node.kubernetes.io/not-ready:NoSchedule`, so no pod
 * is scheduled to it before its kubelet has reported Ready; the node lifecycle controller takes the
 * taint off once the Ready condition is True.
 */
export const TaintNodesByCondition = {
  name: 'TaintNodesByCondition',
  mutate(attrs) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || attrs.spec.plural !== 'nodes' || attrs.spec.group !== '') return;
    const spec = (attrs.object.spec ??= {});
    const taints: { key: string; effect: string }[] = (spec.taints ??= []);
    // MatchTaint: the same key and effect, whatever the value
    if (!taints.some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule'))
      taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  },
} satisfies AdmissionPlugin;
