import { taintForMessage, toleratedBy, type Taint, type Toleration } from '../../meta/taints.js';
import type { KubeObject } from '../../api/types.js';
import type { SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';

/** The tolerations that count against PreferNoSchedule taints: those without an effect or with that one. */
function preferTolerations(pod: KubeObject): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t: { effect?: string }) => !t.effect || t.effect === 'PreferNoSchedule');
}

const preferredTolerations = cycleData('TaintToleration', preferTolerations);

/** NoSchedule and NoExecute taints the pod does not tolerate rule a node out; PreferNoSchedule only scores. */
export const TaintToleration = {
  name: 'TaintToleration',
  weight: 3,
  normalize: 'reverse',
  preFilter: (pod) => preferTolerations(pod),
  filter(pod, node) {
    const taints: Taint[] | undefined = node.node.spec?.taints;
    if (!taints?.length) return undefined;
    const bad = taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratedBy(pod.spec?.tolerations, t));
    if (!bad) return undefined;
    return { reasons: [`node(s) had untolerated taint ${taintForMessage(bad)}`], unresolvable: true };
  },
  score(pod, node, state) {
    const taints: Taint[] | undefined = node.node.spec?.taints;
    if (!taints?.length) return 0;
    const prefer = preferredTolerations(pod, state);
    return taints.filter((t) => t.effect === 'PreferNoSchedule' && !toleratedBy(prefer, t)).length;
  },
} satisfies SchedulerPlugin;
