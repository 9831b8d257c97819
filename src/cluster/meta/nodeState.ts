import type { ClusterView } from '../view.js';

/** What the simulation knows about a node's machine: whether its kubelet runs, and since when it stopped. */
export interface NodeMachine {
  stopped?: boolean;
  stoppedAt?: number;
}

export function nodeMachine(view: Pick<ClusterView, 'sim'>, name: string): NodeMachine {
  return ((view.sim().nodes ?? {}) as Record<string, NodeMachine>)[name] ?? {};
}

/** Cluster settings a learner can change with `kubecadet cluster config` (kube-controller-manager flags). */
export interface ClusterSettings {
  /** --node-monitor-grace-period, seconds */
  nodeMonitorGracePeriod?: number;
}

export function settings(view: Pick<ClusterView, 'sim'>): ClusterSettings {
  return (view.sim().config ?? {}) as ClusterSettings;
}

export const DEFAULT_NODE_MONITOR_GRACE_SECONDS = 50;
