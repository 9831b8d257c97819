import t from 'tap';
import { buildNodeInfos, schedulePod } from '../../src/cluster/scheduler/framework.js';
import { podRequests, podRequestsNonZero } from '../../src/cluster/scheduler/resources.js';
import { tallyPods } from '../../src/cluster/scheduler/podTally.js';
import type { CycleState, NodeInfo } from '../../src/cluster/scheduler/types.js';
import type { KubeObject } from '../../src/cluster/api/types.js';

// The framework over many pods in one cycle, as the scheduler drives it: what PreFilter keeps per node
// between pods (spread counts, pods with anti-affinity) must follow every bind, and plugins skipped for a
// pod must not change where it lands.

function node(name: string, zone: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
    spec: {},
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
    ...extra,
  };
}

function pod(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'web' }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }], ...spec },
  };
}

/** A cycle over these nodes and bound pods, and the bind the scheduler does after each placement. */
function cycle(nodes: KubeObject[], bound: KubeObject[] = []) {
  const infos = buildNodeInfos(nodes, bound);
  const state: CycleState = { nodes: infos, boundPods: bound.filter((p) => p.spec.nodeName), namespaceLabels: () => ({}) };
  const place = (p: KubeObject, explain = false) => {
    const r = schedulePod(p, state, undefined, explain);
    if (!r.node) return r;
    const stored = { ...p, spec: { ...p.spec, nodeName: r.node } };
    const info = infos.find((n) => n.name === r.node)!;
    info.pods.push(stored);
    for (const [k, v] of Object.entries(podRequests(stored))) info.requested[k] = (info.requested[k] ?? 0) + v;
    const nz = podRequestsNonZero(stored);
    info.nonZeroRequested.cpu += nz.cpu;
    info.nonZeroRequested.memory += nz.memory;
    state.boundPods.push(stored);
    return r;
  };
  return { infos, state, place };
}

const zones = [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('c1', 'c')];
const spread = (maxSkew: number) => ({
  topologySpreadConstraints: [{ maxSkew, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
});

t.test('topology spread counts every pod bound earlier in the same cycle', async (t) => {
  const { place } = cycle(zones);
  const perZone: Record<string, number> = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 9; i++) perZone[place(pod(`w${i}`, spread(1))).node![0]]++;
  t.same(perZone, { a: 3, b: 3, c: 3 }, 'maxSkew 1 over three zones');
  // a pod of another app is not counted, nor counts
  place(pod('other', {}, { app: 'db' }));
  t.same(place(pod('w9', spread(1))).node![0], 'a', 'the tenth goes to the first zone in search order, skew 1');
});

t.test('topology spread counts pods bound before the cycle, on nodes the pod cannot use too', async (t) => {
  const tainted = node('b1', 'b', { spec: { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] } });
  const { place } = cycle([node('a1', 'a'), tainted], [{ ...pod('old'), spec: { ...pod('old').spec, nodeName: 'a1' } }]);
  t.equal(
    place(pod('w', spread(1))).message,
    "0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) had untolerated taint {dedicated: }.",
  );
  t.equal(place(pod('w', spread(2))).node, 'a1', 'within maxSkew 2');
  t.equal(place(pod('w', spread(2))).message?.startsWith('0/2 nodes are available: 1 node(s) didn\'t match pod topology spread constraints'), true, 'the pod placed just before counts');
});

t.test('a pod marked for deletion in the middle of a cycle (a preemption victim) no longer counts for spread', async (t) => {
  const tainted = node('b1', 'b', { spec: { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] } });
  const { infos, place } = cycle([node('a1', 'a'), tainted]);
  t.equal(place(pod('w1', spread(1))).node, 'a1');
  t.match(place(pod('w2', spread(1))).message, /didn't match pod topology spread constraints/);
  infos[0].pods[0].metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  t.equal(place(pod('w3', spread(1))).node, 'a1', 'the victim is not counted');
});

t.test('existing pods\' required anti-affinity, bound in the same cycle, keeps later pods away', async (t) => {
  const { place } = cycle(zones);
  const anti = {
    affinity: {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'web' } } }] },
    },
  };
  t.equal(place(pod('guard', anti, { app: 'guard' })).node, 'a1');
  // plain web pods carry no terms of their own: only the guard's anti-affinity keeps them out of zone a
  const placed = [0, 1, 2, 3].map((i) => place(pod(`w${i}`)).node);
  t.notOk(placed.some((n) => n!.startsWith('a')), `zone a avoided: ${placed.join(',')}`);
  t.equal(
    place(pod('w4', { nodeSelector: { 'kubernetes.io/hostname': 'a2' } })).message,
    "0/4 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, 3 node(s) didn't match Pod's node affinity/selector.",
  );
});

t.test('host ports: checked for a pod that asks for one, on the ports of bound pods', async (t) => {
  const ports = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
  const { place } = cycle([node('n1', 'a'), node('n2', 'b')], [pod('old', { ...ports, nodeName: 'n1' })]);
  t.equal(place(pod('p1', ports)).node, 'n2');
  t.equal(place(pod('p2', { ...ports, nodeName: 'n1' })).message, "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) didn't match the requested node name.");
  t.equal(place(pod('p3', { nodeName: 'n1' })).node, 'n1', 'a pod without host ports');
});

t.test('a diagnosis scores every plugin, and asking for one does not change the choice', async (t) => {
  const nodes = [node('n1', 'a', { spec: { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] } }), node('n2', 'b'), node('n3', 'c')];
  const quiet = cycle(nodes);
  const explained = cycle(nodes);
  const specs = [{}, spread(2), { tolerations: [{ key: 'soft', operator: 'Exists' }] }, {}, {}];
  specs.forEach((s, i) => t.equal(explained.place(pod(`p${i}`, s), true).node, quiet.place(pod(`p${i}`, s)).node, `pod ${i}`));
  const r = explained.place(pod('last'), true);
  t.same(Object.keys(r.diagnosis[r.node!].score!).sort(), [
    'InterPodAffinity',
    'NodeAffinity',
    'NodeResourcesBalancedAllocation',
    'NodeResourcesFit',
    'PodTopologySpread',
    'TaintToleration',
  ]);
  t.equal(r.diagnosis.n1.score!.TaintToleration, 0, 'the untolerated PreferNoSchedule taint scores lowest');
});

t.test('per-node tallies read only new pods, and start afresh when a list is replaced or changed', async (t) => {
  const infos: NodeInfo[] = buildNodeInfos([node('n1', 'a'), node('n2', 'b')], []);
  let reads = 0;
  const count = () => tallyPods(infos, 'test', () => 0, (n) => (reads++, n + 1));
  t.same(count(), [0, 0]);
  infos[0].pods.push(pod('x'), pod('y'));
  t.same(count(), [2, 0]);
  t.equal(reads, 2);
  t.same(count(), [2, 0], 'nothing new');
  t.equal(reads, 2, 'nothing read again');
  infos[0].pods.pop();
  t.same(count(), [1, 0], 'a list that shrank is read afresh');
  infos[0].pods[0] = pod('z');
  infos[1].pods = [pod('w')];
  infos[0].pods.push(pod('v'));
  t.same(count(), [2, 1], 'changed in place, or replaced');
  infos[0].pods.splice(1, 1, pod('u'));
  t.same(count(), [2, 1]);
  t.equal(reads, 8, 'a pod replaced at the end is noticed and the list read afresh');
});
