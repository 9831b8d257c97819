import { podMatchesNodeSelectorAndAffinity, termMatches } from '../../meta/nodeAffinity.js';
import type { SchedulerPlugin } from '../types.js';

export const NodeAffinity = {
  name: 'NodeAffinity',
  weight: 2,
  filter(pod, node) {
    if (podMatchesNodeSelectorAndAffinity(pod, node.node)) return undefined;
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  },
  score(pod, node) {
    const preferred: { weight: number; preference: object }[] =
      pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferred.reduce((sum, p) => sum + (termMatches(p.preference, node.node) ? p.weight : 0), 0);
  },
} satisfies SchedulerPlugin;
