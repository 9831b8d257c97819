import type { SchedulerPlugin } from '../types.js';

export const NodeName = {
  name: 'NodeName',
  skipFilter: (pod) => !pod.spec?.nodeName,
  filter(pod, node) {
    const want = pod.spec?.nodeName;
    if (!want || want === node.name) return undefined;
    return { reasons: ["node(s) didn't match the requested node name"], unresolvable: true };
  },
} satisfies SchedulerPlugin;
