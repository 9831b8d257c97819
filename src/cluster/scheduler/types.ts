import type { KubeObject } from '../api/types.js';

/** What the scheduler knows about a node while it places one pod (kube-scheduler's NodeInfo). */
export interface NodeInfo {
  node: KubeObject;
  name: string;
  labels: Record<string, string>;
  /** pods bound to the node that still hold resources (not Succeeded/Failed) */
  pods: KubeObject[];
  allocatable: Resources;
  requested: Resources;
  /** requests with kube-scheduler's non-zero defaults (100m CPU, 200Mi memory per container), for scoring */
  nonZeroRequested: { cpu: number; memory: number };
  /** `<protocol>/<hostIP>/<port>` in use */
  usedPorts: Set<string>;
}

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  'ephemeral-storage': number;
  pods: number;
  [extended: string]: number;
}

/** A filter verdict: undefined when the node passes; otherwise the reasons and whether preemption could help. */
export interface FilterFailure {
  reasons: string[];
  /** UnschedulableAndUnresolvable: evicting pods would not change the answer */
  unresolvable?: boolean;
}

export interface CycleState {
  /** all nodes, for plugins that look across domains (spread, inter-pod affinity) */
  nodes: NodeInfo[];
  /** every pod in the cluster bound to a node */
  boundPods: KubeObject[];
  /** namespace labels, for namespaceSelector terms */
  namespaceLabels: (ns: string) => Record<string, string>;
  /** what PreFilter computed for the pod being scheduled, by plugin name (reset for every pod) */
  cycle?: Map<string, unknown>;
  /** where the next pod's search over nodes starts (kube-scheduler rotates it) */
  nextStartNodeIndex?: number;
}

/** A kube-scheduler plugin: only the extension points it needs. */
export interface SchedulerPlugin {
  /** the plugin's Name in kube-scheduler */
  name: string;
  /** score weight in the default profile */
  weight?: number;
  /** once per pod before the nodes are filtered: computes what filter and score need (stored in state.cycle) */
  preFilter?(pod: KubeObject, state: CycleState): unknown;
  filter?(pod: KubeObject, node: NodeInfo, state: CycleState): FilterFailure | undefined;
  /**
   * true when Filter cannot reject any node for this pod (kube-scheduler's PreFilter Skip status): the
   * framework then does not call it. Runs after every preFilter, so it may read state.cycle.
   */
  skipFilter?(pod: KubeObject, state: CycleState): boolean;
  /**
   * true when Score gives every node the same raw score for this pod (PreScore's Skip): a constant adds
   * the same to every node's total, so the choice does not change. Still scored when a diagnosis is asked.
   */
  skipScore?(pod: KubeObject, state: CycleState): boolean;
  /** raw score; normalised to 0..100 across feasible nodes by normalize (default: scale to max) */
  score?(pod: KubeObject, node: NodeInfo, state: CycleState): number;
  /** reverse: lower raw scores are better (TaintToleration counts intolerable taints) */
  normalize?: 'max' | 'reverse' | 'none';
}
