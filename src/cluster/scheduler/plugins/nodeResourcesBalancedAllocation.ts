import type { SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';
import { preFilter as resourcesFitPreFilter } from './nodeResourcesFit.js';

/** the pod's requests with non-zero defaults, as NodeResourcesFit's PreFilter computed them */
const requests = cycleData('NodeResourcesFit', resourcesFitPreFilter);

/** Prefers nodes whose cpu and memory would be used in similar proportions. */
export const NodeResourcesBalancedAllocation = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  normalize: 'none',
  score(pod, node, state) {
    const req = requests(pod, state).nonZero;
    const cpu = node.allocatable.cpu ? Math.min(1, (node.nonZeroRequested.cpu + req.cpu) / node.allocatable.cpu) : 1;
    const mem = node.allocatable.memory ? Math.min(1, (node.nonZeroRequested.memory + req.memory) / node.allocatable.memory) : 1;
    return Math.round((1 - Math.abs(cpu - mem) / 2) * 100);
  },
} satisfies SchedulerPlugin;
