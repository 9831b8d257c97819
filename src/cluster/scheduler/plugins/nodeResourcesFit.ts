import { podRequests, podRequestsNonZero } from '../resources.js';
import type { SchedulerPlugin } from '../types.js';

/** Requests must fit in allocatable minus what bound pods already request; LeastAllocated scoring. */
export const NodeResourcesFit = {
  name: 'NodeResourcesFit',
  weight: 1,
  preFilter(pod) {
    const req = podRequests(pod);
    return { req, asked: Object.entries(req).filter(([k, v]) => k !== 'pods' && v > 0), nonZero: podRequestsNonZero(pod) };
  },
  filter(pod, node, state) {
    const reasons: string[] = [];
    if (node.requested.pods + 1 > node.allocatable.pods) reasons.push('Too many pods');
    const pre = state.cycle?.get('NodeResourcesFit') as { asked: [string, number][] } | undefined;
    const asked = pre?.asked ?? Object.entries(podRequests(pod)).filter(([k, v]) => k !== 'pods' && v > 0);
    for (const [k, v] of asked) if (v > (node.allocatable[k] ?? 0) - (node.requested[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    return reasons.length ? { reasons } : undefined;
  },
  // LeastAllocated over cpu and memory (weight 1 each), counting containers without requests as 100m/200Mi
  score(pod, node, state) {
    const req = (state.cycle?.get('NodeResourcesFit') as { nonZero: ReturnType<typeof podRequestsNonZero> } | undefined)?.nonZero ?? podRequestsNonZero(pod);
    const frac = (k: 'cpu' | 'memory') => {
      const cap = node.allocatable[k];
      if (!cap) return 0;
      return Math.max(0, (cap - node.nonZeroRequested[k] - req[k]) / cap);
    };
    return Math.round(((frac('cpu') + frac('memory')) / 2) * 100);
  },
  normalize: 'none',
} satisfies SchedulerPlugin;
