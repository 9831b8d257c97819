import type { KubeObject } from './api/types.js';
import { fnv32a } from './meta/hash.js';
import { parseQuantity } from './meta/quantity.js';
import { parseImage } from './kubelet/images.js';
import type { ClusterView } from './view.js';

/**
 * Simulated resource metrics, as metrics-server would report them: each running container uses a little
 * CPU and memory typical of its image, plus the load a lesson sets (`kubecadet cluster load`) as a share
 * of its CPU request. Values wobble a little minute to minute but are reproducible.
 */
export interface Usage {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

const MI = 1024 * 1024;

/** Idle usage per image repository: [millicores, MiB]. */
const IDLE: Record<string, [number, number]> = {
  nginx: [1, 3],
  httpd: [1, 6],
  redis: [2, 4],
  postgres: [3, 24],
  mysql: [6, 380],
  mongo: [8, 80],
  busybox: [0, 0.4],
  alpine: [0, 0.5],
  'registry.k8s.io/etcd': [22, 48],
  'registry.k8s.io/kube-apiserver': [38, 260],
  'registry.k8s.io/kube-controller-manager': [14, 52],
  'registry.k8s.io/kube-scheduler': [4, 22],
  'registry.k8s.io/kube-proxy': [1, 16],
  'registry.k8s.io/coredns/coredns': [2, 14],
  'registry.k8s.io/metrics-server/metrics-server': [3, 18],
};

/** Load settings: `<namespace>/<deployment or pod name prefix>` -> percent of each container's CPU request. */
export type LoadSettings = Record<string, number>;

/** Whether the Metrics API is served: metrics-server must be running in kube-system, as on a real cluster. */
export function metricsAvailable(view: Pick<ClusterView, 'get' | 'list'>): boolean {
  const d = view.get('apps/deployments', 'kube-system', 'metrics-server');
  return !!d && (d.status?.availableReplicas ?? 0) > 0;
}

function loadFor(pod: KubeObject, load: LoadSettings): number {
  for (const [key, pct] of Object.entries(load)) {
    const [ns, name] = key.split('/');
    if (pod.metadata.namespace === ns && pod.metadata.name!.startsWith(`${name}-`)) return pct;
    if (pod.metadata.namespace === ns && pod.metadata.name === name) return pct;
  }
  return 0;
}

export function containerUsage(pod: KubeObject, c: KubeObject, load: LoadSettings, now: number): Usage {
  const repo = parseImage(String(c.image ?? '')).repository;
  const [cpu0, mem0] = IDLE[repo] ?? [2, 12];
  const wobble = (fnv32a(`${pod.metadata.uid}/${c.name}/${Math.floor(now / 60000)}`) % 1000) / 1000;
  const requested = parseQuantity(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu) ?? 0;
  const pct = loadFor(pod, load);
  const cpu = Math.max(0, Math.round(cpu0 * (0.7 + 0.6 * wobble) + (requested * 1000 * pct) / 100));
  const memory = Math.round(mem0 * MI * (0.95 + 0.1 * wobble));
  return { cpu, memory };
}

/** Usage of a running pod per container, or undefined when it is not running (metrics-server skips it). */
export function podUsage(pod: KubeObject, load: LoadSettings, now: number): { containers: { name: string; usage: Usage }[]; total: Usage } | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const containers = (pod.spec?.containers ?? [])
    .filter((c: KubeObject) => (pod.status?.containerStatuses ?? []).some((s: KubeObject) => s.name === c.name && s.state?.running))
    .map((c: KubeObject) => ({ name: c.name as string, usage: containerUsage(pod, c, load, now) }));
  const total = containers.reduce((t: Usage, c: { usage: Usage }) => ({ cpu: t.cpu + c.usage.cpu, memory: t.memory + c.usage.memory }), { cpu: 0, memory: 0 });
  return { containers, total };
}

/** A node's usage: its pods plus what the kubelet, container runtime and system take. */
export function nodeUsage(node: KubeObject, pods: KubeObject[], load: LoadSettings, now: number): Usage {
  const wobble = (fnv32a(`${node.metadata.name}/${Math.floor(now / 60000)}`) % 1000) / 1000;
  const base = { cpu: Math.round(40 + 30 * wobble), memory: Math.round((520 + 60 * wobble) * MI) };
  for (const p of pods) {
    if (p.spec?.nodeName !== node.metadata.name) continue;
    const u = podUsage(p, load, now);
    if (u) {
      base.cpu += u.total.cpu;
      base.memory += u.total.memory;
    }
  }
  return base;
}

export function loadSettings(view: Pick<ClusterView, 'sim'>): LoadSettings {
  return (view.sim().load ?? {}) as LoadSettings;
}
