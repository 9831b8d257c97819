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

/** One scheduling cycle for a pod: filter every node, score the feasible ones, pick the best. */
export function schedulePod(pod: KubeObject, state: CycleState, plugins: SchedulerPlugin[] = defaultPlugins): ScheduleResult {
  const diagnosis: ScheduleResult['diagnosis'] = {};
  const feasible: NodeInfo[] = [];
  const reasons: string[] = [];
  const resolvable: string[] = [];
  for (const n of state.nodes) {
    const verdict = filterNode(pod, n, state, plugins);
    diagnosis[n.name] = { filter: {} };
    if (verdict) {
      diagnosis[n.name].filter[verdict.plugin] = verdict.failure.reasons.join(', ');
      reasons.push(...verdict.failure.reasons);
      if (!verdict.failure.unresolvable) resolvable.push(n.name);
    } else {
      diagnosis[n.name].filter.all = 'passed';
      feasible.push(n);
    }
  }
  const total = state.nodes.length;
  if (!feasible.length) {
    return { message: `0/${total} nodes are available: ${histogram(reasons)}.`, diagnosis, resolvable };
  }
  if (feasible.length === 1) return { node: feasible[0].name, diagnosis, resolvable };
  const totals = new Map<string, number>(feasible.map((n) => [n.name, 0]));
  for (const p of plugins) {
    if (!p.score) continue;
    const raw = feasible.map((n) => p.score!(pod, n, state));
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    feasible.forEach((n, i) => {
      let s = raw[i];
      if (p.normalize === 'reverse') s = max === 0 ? 100 : Math.round(((max - s) * 100) / max);
      else if (p.normalize !== 'none') s = max === min ? (max === 0 ? 0 : 100) : max > 0 ? Math.round((Math.max(0, s) * 100) / max) : 0;
      (diagnosis[n.name].score ??= {})[p.name] = s;
      totals.set(n.name, totals.get(n.name)! + s * (p.weight ?? 1));
    });
  }
  // ties go to the first node in name order (kube-scheduler picks at random; stable is kinder to lessons)
  let best = feasible[0];
  for (const n of feasible) if (totals.get(n.name)! > totals.get(best.name)!) best = n;
  return { node: best.name, diagnosis, resolvable };
}
