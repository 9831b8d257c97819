import { podRequests, podRequestsNonZero } from '../resources.js';
import type { KubeObject } from '../../api/types.js';
import type { NodeInfo, SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';

interface Prepared {
  /** the resources the pod asks for besides its pod slot, in the order the reasons name them */
  names: string[];
  amounts: number[];
  nonZero: ReturnType<typeof podRequestsNonZero>;
}

export function preFilter(pod: KubeObject): Prepared {
  const asked = Object.entries(podRequests(pod)).filter(([k, v]) => k !== 'pods' && v > 0);
  return { names: asked.map(([k]) => k), amounts: asked.map(([, v]) => v), nonZero: podRequestsNonZero(pod) };
}

const prepared = cycleData('NodeResourcesFit', preFilter);

/** The share of a resource left free if the pod lands on the node (LeastAllocated). */
function free(cap: number, requested: number, req: number): number {
  if (!cap) return 0;
  return Math.max(0, (cap - requested - req) / cap);
}

/** Requests must fit in allocatable minus what bound pods already request; LeastAllocated scoring. */
export const NodeResourcesFit = {
  name: 'NodeResourcesFit',
  weight: 1,
  preFilter,
  filter(pod, node: NodeInfo, state) {
    const { names, amounts } = prepared(pod, state);
    const { allocatable, requested } = node;
    // the reasons list is only built for a node that fails: most pass
    let reasons: string[] | undefined;
    if (requested.pods + 1 > allocatable.pods) reasons = ['Too many pods'];
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      // cpu and memory, which nearly every pod asks for, by name: a lookup by a variable key is slower
      const free =
        k === 'cpu' ? allocatable.cpu - requested.cpu : k === 'memory' ? allocatable.memory - requested.memory : (allocatable[k] ?? 0) - (requested[k] ?? 0);
      if (amounts[i] > free) (reasons ??= []).push(`Insufficient ${k}`);
    }
    return reasons ? { reasons } : undefined;
  },
  // LeastAllocated over cpu and memory (weight 1 each), counting containers without requests as 100m/200Mi
  score(pod, node, state) {
    const req = prepared(pod, state).nonZero;
    const { allocatable, nonZeroRequested } = node;
    return Math.round(((free(allocatable.cpu, nonZeroRequested.cpu, req.cpu) + free(allocatable.memory, nonZeroRequested.memory, req.memory)) / 2) * 100);
  },
  normalize: 'none',
} satisfies SchedulerPlugin;
