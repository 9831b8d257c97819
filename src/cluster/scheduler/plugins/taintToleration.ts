import { taintForMessage, toleratedBy, type Taint } from '../../meta/taints.js';
import type { SchedulerPlugin } from '../types.js';

/** NoSchedule and NoExecute taints the pod does not tolerate rule a node out; PreferNoSchedule only scores. */
export const TaintToleration = {
  name: 'TaintToleration',
  weight: 3,
  normalize: 'reverse',
  filter(pod, node) {
    const taints: Taint[] = node.node.spec?.taints ?? [];
    const bad = taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratedBy(pod.spec?.tolerations, t));
    if (!bad) return undefined;
    return { reasons: [`node(s) had untolerated taint ${taintForMessage(bad)}`], unresolvable: true };
  },
  score(pod, node) {
    const taints: Taint[] = node.node.spec?.taints ?? [];
    const prefer = (pod.spec?.tolerations ?? []).filter((t: { effect?: string }) => !t.effect || t.effect === 'PreferNoSchedule');
    return taints.filter((t) => t.effect === 'PreferNoSchedule' && !toleratedBy(prefer, t)).length;
  },
} satisfies SchedulerPlugin;
