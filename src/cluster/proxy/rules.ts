import { createHash } from 'node:crypto';
import type { KubeObject } from '../api/types.js';
import type { ClusterView } from '../view.js';

/** One backend of a service port, as kube-proxy sees it in an EndpointSlice. */
export interface Backend {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** One service port: what every mode programs a rule set for. */
export interface ServicePortRules {
  namespace: string;
  name: string;
  portName: string;
  /** kube-proxy's ServicePortName: `ns/svc` or `ns/svc:port` */
  servicePortName: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  type: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  externalLocal: boolean;
  internalLocal: boolean;
  sessionAffinity: boolean;
  affinitySeconds: number;
  /** endpoints traffic may go to: ready ones (or serving-terminating ones when none is ready) */
  backends: Backend[];
}

/** base32(SHA-256(s)), as kube-proxy names its chains. */
export function hash16(s: string): string {
  const digest = createHash('sha256').update(s).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.slice(0, 16);
}

/**
 * The service ports kube-proxy on `node` programs, from Services and EndpointSlices. Headless and
 * ExternalName services have no rules.
 */
export function serviceRules(view: Pick<ClusterView, 'list'>, node: string): ServicePortRules[] {
  const slices = view.list('discovery.k8s.io/endpointslices');
  const out: ServicePortRules[] = [];
  const services = [...view.list('/services')].sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`),
  );
  for (const svc of services) {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const mine = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name);
    for (const p of spec.ports ?? []) {
      const portName: string = p.name ?? '';
      const protocol = (p.protocol ?? 'TCP') as ServicePortRules['protocol'];
      const all: Backend[] = [];
      for (const slice of mine) {
        const sp = (slice.ports ?? []).find((x: KubeObject) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
        if (!sp?.port) continue;
        for (const e of slice.endpoints ?? []) {
          for (const ip of e.addresses ?? []) {
            all.push({
              ip,
              port: sp.port,
              nodeName: e.nodeName,
              ready: e.conditions?.ready !== false,
              serving: e.conditions?.serving ?? e.conditions?.ready !== false,
              terminating: !!e.conditions?.terminating,
            });
          }
        }
      }
      let backends = all.filter((b) => b.ready);
      if (!backends.length) backends = all.filter((b) => b.serving && b.terminating);
      backends.sort((a, b) => `${a.ip}:${a.port}`.localeCompare(`${b.ip}:${b.port}`, undefined, { numeric: true }));
      out.push({
        namespace: ns,
        name,
        portName,
        servicePortName: `${ns}/${name}${portName ? `:${portName}` : ''}`,
        protocol,
        type: spec.type ?? 'ClusterIP',
        clusterIP: spec.clusterIP,
        port: p.port,
        nodePort: p.nodePort,
        externalIPs: spec.externalIPs ?? [],
        loadBalancerIPs: (svc.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string }) => i.ip).filter(Boolean),
        externalLocal: spec.externalTrafficPolicy === 'Local',
        internalLocal: spec.internalTrafficPolicy === 'Local',
        sessionAffinity: spec.sessionAffinity === 'ClientIP',
        affinitySeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
        backends,
      });
    }
  }
  void node;
  return out;
}

/** The proxy mode kube-proxy runs in: from the kube-proxy ConfigMap as kubeadm writes it, iptables by default. */
export function configuredMode(view: Pick<ClusterView, 'get'>): string {
  const cm = view.get('/configmaps', 'kube-system', 'kube-proxy');
  const conf: string = cm?.data?.['config.conf'] ?? '';
  const m = /^mode:\s*"?([a-z]*)"?\s*$/m.exec(conf);
  return m?.[1] || 'iptables';
}

/** The cluster's pod network, for the masquerade rules: the union of the nodes' pod CIDRs, as /16 when kubeadm-like. */
export function clusterCIDR(view: Pick<ClusterView, 'list'>): string {
  const cidrs = view.list('/nodes').map((n) => n.spec?.podCIDR).filter(Boolean) as string[];
  if (!cidrs.length) return '10.244.0.0/16';
  const [a, b] = cidrs[0].split('.');
  return `${a}.${b}.0.0/16`;
}
