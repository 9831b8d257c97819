import { toleratedBy } from '../../meta/taints.js';
import type { SchedulerPlugin } from '../types.js';

/** Cordoned nodes take no new pods, unless the pod tolerates node.kubernetes.io/unschedulable. */
export const NodeUnschedulable = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.node.spec?.unschedulable) return undefined;
    if (toleratedBy(pod.spec?.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  },
} satisfies SchedulerPlugin;
