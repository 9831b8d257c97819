import type { KubeObject } from '../../src/cluster/api/types.js';
import type { Engine } from '../../src/cluster/engine.js';

/** A ready worker node like the fixture's controlplane, without its role and taint. */
export function workerNode(name: string, index: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
    status: {
      capacity: { cpu: '2', memory: '4015832Ki', pods: '110' },
      allocatable: { cpu: '2', memory: '4015832Ki', pods: '110' },
      addresses: [
        { type: 'InternalIP', address: `172.30.2.${index + 1}` },
        { type: 'Hostname', address: name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.24', kernelVersion: '6.8.0-51-generic', kubeProxyVersion: 'v1.32.4', kubeletVersion: 'v1.32.4', operatingSystem: 'linux', osImage: 'Ubuntu 24.04.1 LTS' },
    },
  };
}

/** Makes sure node01 and node02 stand next to the controlplane (the bare fixture has only the latter). */
export async function addWorkers(engine: Engine, names = ['node01', 'node02']): Promise<void> {
  const c = engine.client();
  const node = c.kinds.forKind('Node')!;
  const have = new Set(c.list(node, undefined).items.map((n) => n.metadata.name));
  for (const [i, n] of names.entries()) {
    if (have.has(n)) continue;
    const w = workerNode(n, i + 1);
    const created = await c.create(node, w);
    await c.update(node, { ...created, status: w.status }, { subresource: 'status' });
  }
  await engine.sync();
}
