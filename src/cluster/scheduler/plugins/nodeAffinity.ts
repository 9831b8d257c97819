import { nodeSelectorMatcher, termMatches } from '../../meta/nodeAffinity.js';
import type { KubeObject } from '../../api/types.js';
import type { SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';

interface Preferred {
  weight: number;
  preference: object;
}

function preferred(pod: KubeObject): Preferred[] {
  return pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
}

const matcher = cycleData('NodeAffinity', nodeSelectorMatcher);

export const NodeAffinity = {
  name: 'NodeAffinity',
  weight: 2,
  preFilter: (pod) => nodeSelectorMatcher(pod),
  // a pod with neither nodeSelector nor required node affinity fits every node
  skipFilter: (pod, state) => matcher(pod, state) === undefined,
  filter(pod, node, state) {
    const matches = matcher(pod, state);
    if (!matches || matches(node.node)) return undefined;
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  },
  skipScore: (pod) => !preferred(pod).length,
  score(pod, node) {
    return preferred(pod).reduce((sum, p) => sum + (termMatches(p.preference, node.node) ? p.weight : 0), 0);
  },
} satisfies SchedulerPlugin;
