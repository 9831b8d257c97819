import type { KubeObject } from '../../api/types.js';
import type { SchedulerPlugin } from '../types.js';
import { cycleData } from '../cycle.js';

/** `<protocol>/<hostIP>/<port>` for every hostPort a pod asks for. */
export function hostPorts(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])
    for (const p of c.ports ?? []) if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
  return out;
}

function clash(a: string, used: Set<string>): boolean {
  const [proto, ip, port] = a.split('/');
  for (const u of used) {
    const [p2, ip2, port2] = u.split('/');
    if (p2 === proto && port2 === port && (ip === ip2 || ip === '0.0.0.0' || ip2 === '0.0.0.0')) return true;
  }
  return false;
}

const wantedPorts = cycleData('NodePorts', hostPorts);

export const NodePorts = {
  name: 'NodePorts',
  preFilter: (pod) => hostPorts(pod),
  skipFilter: (pod, state) => !wantedPorts(pod, state).length,
  filter(pod, node, state) {
    if (wantedPorts(pod, state).some((p) => clash(p, node.usedPorts)))
      return { reasons: ["node(s) didn't have free ports for the requested pod ports"] };
    return undefined;
  },
} satisfies SchedulerPlugin;
