import { podRequests } from '../resources.js';
import type { SchedulerPlugin } from '../types.js';

/** Requests must fit in allocatable minus what bound pods already request; LeastAllocated scoring. */
export const NodeResourcesFit = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter(pod, node) {
    const reasons: string[] = [];
    if (node.requested.pods + 1 > node.allocatable.pods) reasons.push('Too many pods');
    const req = podRequests(pod);
    for (const [k, v] of Object.entries(req)) {
      if (k === 'pods' || !v) continue;
      if (v > (node.allocatable[k] ?? 0) - (node.requested[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    }
    return reasons.length ? { reasons } : undefined;
  },
  score(pod, node) {
    const req = podRequests(pod);
    const frac = (k: 'cpu' | 'memory') => {
      const cap = node.allocatable[k];
      if (!cap) return 0;
      return Math.max(0, (cap - node.requested[k] - (req[k] || (k === 'cpu' ? 100 : 200 * 1024 * 1024))) / cap);
    };
    return Math.round(((frac('cpu') + frac('memory')) / 2) * 100);
  },
  normalize: 'none',
} satisfies SchedulerPlugin;
