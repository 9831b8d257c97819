import { taintForMessage, toleratedBy, type Taint, type Toleration } from '../../meta/taints.js';
import type { KubeObject } from '../../api/types.js';
import type { NodeInfo, SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';

/** The tolerations that count against PreferNoSchedule taints: those without an effect or with that one. */
function preferTolerations(pod: KubeObject): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t: { effect?: string }) => !t.effect || t.effect === 'PreferNoSchedule');
}

const preferredTolerations = cycleData('TaintToleration', preferTolerations);

/** Whether any of these nodes has a PreferNoSchedule taint, remembered per node list (nodes do not change within a cycle). */
const softTainted = new WeakMap<NodeInfo[], boolean>();
function anyPreferNoSchedule(nodes: NodeInfo[]): boolean {
  let any = softTainted.get(nodes);
  if (any === undefined) {
    any = nodes.some((n) => (n.node.spec?.taints ?? []).some((t: Taint) => t.effect === 'PreferNoSchedule'));
    softTainted.set(nodes, any);
  }
  return any;
}

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
  // without PreferNoSchedule taints every node scores 0
  skipScore: (pod, state) => !anyPreferNoSchedule(state.nodes),
  score(pod, node, state) {
    const taints: Taint[] | undefined = node.node.spec?.taints;
    if (!taints?.length) return 0;
    const prefer = preferredTolerations(pod, state);
    return taints.filter((t) => t.effect === 'PreferNoSchedule' && !toleratedBy(prefer, t)).length;
  },
} satisfies SchedulerPlugin;
