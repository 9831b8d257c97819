#!/usr/bin/env node
// Scheduler throughput: 10,000 pending pods onto 1,000 nodes with taints, node affinity and topology
// spread in play, in one scheduling pass of the simulated kube-scheduler (its framework and plugins, on
// an in-memory view of the cluster). Prints pods/s over wall time, and over the CPU time the process got
// (on a shared machine wall time includes waiting for a core).
import { performance } from 'node:perf_hooks';
import { schedulePod, buildNodeInfos } from '../dist/src/cluster/scheduler/framework.js';
import { podRequests, podRequestsNonZero } from '../dist/src/cluster/scheduler/resources.js';

const NODES = Number(process.env.NODES ?? 1000);
const PODS = Number(process.env.PODS ?? 10000);

const nodes = [];
for (let i = 0; i < NODES; i++) {
  const zone = `zone-${i % 3}`;
  nodes.push({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${String(i).padStart(4, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': zone, disk: i % 2 ? 'ssd' : 'hdd' } },
    spec: i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } },
  });
}
const pods = [];
for (let i = 0; i < PODS; i++) {
  const app = `app-${i % 50}`;
  pods.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'default', labels: { app } },
    spec: {
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
      ...(i % 4 === 0 ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } : {}),
      ...(i % 3 === 0
        ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } } }
        : {}),
      ...(i % 5 === 0
        ? { topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }] }
        : {}),
    },
  });
}

const infos = buildNodeInfos(nodes, []);
const byName = new Map(infos.map((n) => [n.name, n]));
const state = { nodes: infos, boundPods: [], namespaceLabels: () => ({}) };
const start = performance.now();
const cpuStart = process.cpuUsage();
let placed = 0;
for (const pod of pods) {
  const r = schedulePod(pod, state);
  if (!r.node) continue;
  placed++;
  const bound = { ...pod, spec: { ...pod.spec, nodeName: r.node } };
  const info = byName.get(r.node);
  info.pods.push(bound);
  for (const [k, v] of Object.entries(podRequests(bound))) info.requested[k] = (info.requested[k] ?? 0) + v;
  const nz = podRequestsNonZero(bound);
  info.nonZeroRequested.cpu += nz.cpu;
  info.nonZeroRequested.memory += nz.memory;
  state.boundPods.push(bound);
}
const secs = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    metric: 'scheduler',
    nodes: NODES,
    pods: PODS,
    placed,
    seconds: Number(secs.toFixed(2)),
    podsPerSecond: Math.round(placed / secs),
    cpuSeconds: Number(cpuSecs.toFixed(2)),
    podsPerCpuSecond: Math.round(placed / cpuSecs),
  }),
);
