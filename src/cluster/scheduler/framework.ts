import type { KubeObject } from '../api/types.js';
import { plugins as defaultPlugins } from './plugins/index.js';
import { emptyResources, podRequestsNonZero, sumRequests, toResources } from './resources.js';
import { hostPorts } from './plugins/nodePorts.js';
import type { CycleState, FilterFailure, NodeInfo, SchedulerPlugin } from './types.js';

export interface ScheduleResult {
  node?: string;
  /** the FitError message when no node fits */
  message?: string;
  /** per node: the plugin verdicts, for "why did it land there" explanations */
  diagnosis: Record<string, { filter: Record<string, string>; score?: Record<string, number> }>;
  /** nodes that failed only for reasons evicting pods could fix */
  resolvable: string[];
}

function isActive(p: KubeObject): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export function buildNodeInfos(nodes: KubeObject[], pods: KubeObject[]): NodeInfo[] {
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (!n || !isActive(p)) continue;
    let list = byNode.get(n);
    if (!list) byNode.set(n, (list = []));
    list.push(p);
  }
  return nodes.map((node) => {
    const name = node.metadata.name!;
    const bound = byNode.get(name) ?? [];
    const usedPorts = new Set<string>();
    for (const p of bound) for (const hp of hostPorts(p)) usedPorts.add(hp);
    return {
      node,
      name,
      labels: node.metadata.labels ?? {},
      pods: bound,
      allocatable: { ...emptyResources(), ...toResources(node.status?.allocatable ?? node.status?.capacity) },
      requested: sumRequests(bound),
      nonZeroRequested: bound.reduce(
        (acc, p) => {
          const r = podRequestsNonZero(p);
          return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
        },
        { cpu: 0, memory: 0 },
      ),
      usedPorts,
    };
  });
}

/** Runs the filters of one node; the first plugin that rejects decides, as kube-scheduler's framework does. */
export function filterNode(pod: KubeObject, node: NodeInfo, state: CycleState, plugins: SchedulerPlugin[]): { plugin: string; failure: FilterFailure } | undefined {
  for (const p of plugins) {
    const f = p.filter?.(pod, node, state);
    if (f) return { plugin: p.name, failure: f };
  }
  return undefined;
}

/** `0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu.` */
export function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()]
    .map(([r, n]) => `${n} ${r}`)
    .sort()
    .join(', ');
}

/**
 * How many feasible nodes kube-scheduler looks for before it stops filtering (percentageOfNodesToScore's
 * adaptive default: all nodes below 100, else 50% minus 1% per 125 nodes, at least 5% and 100 nodes).
 */
export function numFeasibleNodesToFind(total: number): number {
  if (total < 100) return total;
  const pct = Math.max(5, 50 - Math.floor(total / 125));
  return Math.max(100, Math.floor((total * pct) / 100));
}

let scratch = new Float64Array(0);

/** One scheduling cycle for a pod: filter the nodes, score the feasible ones, pick the best. */
export function schedulePod(pod: KubeObject, state: CycleState, plugins: SchedulerPlugin[] = defaultPlugins, explain = false): ScheduleResult {
  const diagnosis: ScheduleResult['diagnosis'] = {};
  const feasible: NodeInfo[] = [];
  const reasons: string[] = [];
  const resolvable: string[] = [];
  state.cycle = new Map();
  for (const p of plugins) if (p.preFilter) state.cycle.set(p.name, p.preFilter(pod, state));
  // only the filters that can reject a node for this pod run over the nodes, in the profile's order
  const filters = plugins.filter((p) => p.filter && !p.skipFilter?.(pod, state));
  const nodes = state.nodes;
  const want = numFeasibleNodesToFind(nodes.length);
  const start = (state.nextStartNodeIndex ?? 0) % Math.max(1, nodes.length);
  let visited = 0;
  for (let i = start; visited < nodes.length && feasible.length < want; visited++, i = i + 1 === nodes.length ? 0 : i + 1) {
    const n = nodes[i];
    const verdict = filterNode(pod, n, state, filters);
    if (explain) diagnosis[n.name] = { filter: verdict ? { [verdict.plugin]: verdict.failure.reasons.join(', ') } : { all: 'passed' } };
    if (verdict) {
      reasons.push(...verdict.failure.reasons);
      if (!verdict.failure.unresolvable) resolvable.push(n.name);
    } else feasible.push(n);
  }
  if (nodes.length) state.nextStartNodeIndex = (start + visited) % nodes.length;
  const total = state.nodes.length;
  if (!feasible.length) {
    return { message: `0/${total} nodes are available: ${histogram(reasons)}.`, diagnosis, resolvable };
  }
  if (feasible.length === 1) return { node: feasible[0].name, diagnosis, resolvable };
  // score buffers are reused from pod to pod: thousands of pods would otherwise each allocate two
  if (scratch.length < 2 * feasible.length) scratch = new Float64Array(4 * feasible.length);
  const totals = scratch.subarray(0, feasible.length).fill(0);
  const raw = scratch.subarray(feasible.length, 2 * feasible.length);
  for (const p of plugins) {
    if (!p.score || (!explain && p.skipScore?.(pod, state))) continue;
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < feasible.length; i++) {
      const v = p.score(pod, feasible[i], state);
      raw[i] = v;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const weight = p.weight ?? 1;
    for (let i = 0; i < feasible.length; i++) {
      let s = raw[i];
      if (p.normalize === 'reverse') s = max === 0 ? 100 : Math.round(((max - s) * 100) / max);
      else if (p.normalize !== 'none') s = max === min ? (max === 0 ? 0 : 100) : max > 0 ? Math.round((Math.max(0, s) * 100) / max) : 0;
      if (explain) (diagnosis[feasible[i].name].score ??= {})[p.name] = s;
      totals[i] += s * weight;
    }
  }
  // ties go to the first node in search order (kube-scheduler picks at random; stable is kinder to lessons)
  let bestIndex = 0;
  for (let i = 1; i < feasible.length; i++) if (totals[i] > totals[bestIndex]) bestIndex = i;
  const best = feasible[bestIndex];
  return { node: best.name, diagnosis, resolvable };
}
