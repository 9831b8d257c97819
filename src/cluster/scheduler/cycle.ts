import type { KubeObject } from '../api/types.js';
import type { CycleState } from './types.js';

/**
 * How a plugin's per-node calls read what its PreFilter computed for the pod being scheduled: from
 * state.cycle, remembered while the cycle is the same one (a Map lookup per node and plugin adds up over
 * thousands of pods and nodes), or computed on the spot when the plugin runs outside a scheduling cycle.
 */
export function cycleData<T>(plugin: string, compute: (pod: KubeObject, state: CycleState) => T): (pod: KubeObject, state: CycleState) => T {
  let cycle: Map<string, unknown> | undefined;
  let value: T;
  return (pod, state) => {
    if (state.cycle !== undefined && state.cycle === cycle) return value;
    if (!state.cycle?.has(plugin)) return compute(pod, state);
    cycle = state.cycle;
    value = state.cycle.get(plugin) as T;
    return value;
  };
}
