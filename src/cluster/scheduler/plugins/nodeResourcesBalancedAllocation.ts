import { podRequestsNonZero } from '../resources.js';
import type { SchedulerPlugin } from '../types.js';

/** Prefers nodes whose cpu and memory would be used in similar proportions. */
export const NodeResourcesBalancedAllocation = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  normalize: 'none',
  score(pod, node, state) {
    const req = (state.cycle?.get('NodeResourcesFit') as { nonZero: { cpu: number; memory: number } } | undefined)?.nonZero ?? podRequestsNonZero(pod);
    const cpu = node.allocatable.cpu ? Math.min(1, (node.nonZeroRequested.cpu + req.cpu) / node.allocatable.cpu) : 1;
    const mem = node.allocatable.memory ? Math.min(1, (node.nonZeroRequested.memory + req.memory) / node.allocatable.memory) : 1;
    return Math.round((1 - Math.abs(cpu - mem) / 2) * 100);
  },
} satisfies SchedulerPlugin;
