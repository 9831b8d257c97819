import type { KubeObject } from '../api/types.js';
import type { ClusterView } from '../view.js';
import { selectorMatches } from '../meta/selectors.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/**
 * One end of a connection as the network plugin sees it: an address, and the pod that owns it when there
 * is one. A host-network pod shares its node's address, so it is matched as that address, never as a pod.
 */
export interface Endpoint {
  ip: string;
  pod?: KubeObject;
}

type View = Pick<ClusterView, 'get' | 'list'>;

/** The policy types a policy has, defaulted as the API server defaults them for objects stored without. */
function policyTypes(np: KubeObject): string[] {
  const types: string[] | undefined = np.spec?.policyTypes;
  if (types?.length) return types;
  return (np.spec?.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function ipv4(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  return m.slice(1, 5).reduce((n, p) => n * 256 + Number(p), 0);
}

/** Whether an IPv4 address lies in a CIDR block (10.0.0.0/16). */
export function inCIDR(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === undefined || b === undefined) return false;
  const len = Number(bits ?? 32);
  if (len === 0) return true;
  const mask = (2 ** 32 - 2 ** (32 - len)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** A pod address that policies match by selector: pods with their own network namespace. */
function podOf(e: Endpoint): KubeObject | undefined {
  return e.pod && !e.pod.spec?.hostNetwork ? e.pod : undefined;
}

/**
 * Whether one from/to entry admits the other end. podSelector alone means pods of the policy's namespace;
 * namespaceSelector alone every pod of the selected namespaces; both in one entry, pods that match both;
 * ipBlock an address range less its exceptions (applied to pod addresses too: policies see pod IPs, after
 * a Service's DNAT).
 */
function peerAdmits(view: View, policyNs: string, peer: KubeObject, other: Endpoint): boolean {
  if (peer.ipBlock) {
    if (!inCIDR(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((e: string) => inCIDR(other.ip, e));
  }
  const pod = podOf(other);
  if (!pod) return false;
  const ns = pod.metadata.namespace!;
  if (peer.namespaceSelector) {
    const nsObj = view.get('/namespaces', undefined, ns);
    if (!selectorMatches(peer.namespaceSelector, nsObj?.metadata.labels ?? { 'kubernetes.io/metadata.name': ns })) return false;
  } else if (ns !== policyNs) return false;
  return !peer.podSelector || selectorMatches(peer.podSelector, pod.metadata.labels);
}

/** The number a named port stands for on the destination pod: a container port of that name and protocol. */
function namedPort(dst: KubeObject | undefined, name: string, protocol: Protocol): number | undefined {
  for (const c of dst?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** Whether a rule's ports admit the connection; no ports (absent or empty) admits every port. */
function portsAdmit(ports: KubeObject[] | undefined, port: number, protocol: Protocol, dst: KubeObject | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'string') return namedPort(dst, p.port, protocol) === port;
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

/** A rule's peers admit the other end; no peers (absent or empty) admits everyone. */
function peersAdmit(view: View, policyNs: string, peers: KubeObject[] | undefined, other: Endpoint): boolean {
  if (!peers?.length) return true;
  return peers.some((p) => peerAdmits(view, policyNs, p, other));
}

/**
 * Whether the policies of `pod`'s namespace let it take part in this connection in one direction. A pod is
 * isolated for a direction only when some policy selecting it has that policy type; an isolated pod's
 * connection is allowed when any rule of any of those policies allows it (policies only add).
 */
function directionAllows(view: View, pod: KubeObject, direction: 'Ingress' | 'Egress', other: Endpoint, port: number, protocol: Protocol, dstPod: KubeObject | undefined): boolean {
  const ns = pod.metadata.namespace!;
  const policies = view
    .list('networking.k8s.io/networkpolicies', ns)
    .filter((np) => !np.metadata.deletionTimestamp && policyTypes(np).includes(direction) && selectorMatches(np.spec?.podSelector ?? {}, pod.metadata.labels));
  if (!policies.length) return true;
  return policies.some((np) => {
    const rules: KubeObject[] = (direction === 'Ingress' ? np.spec?.ingress : np.spec?.egress) ?? [];
    return rules.some((r) => peersAdmit(view, ns, direction === 'Ingress' ? r?.from : r?.to, other) && portsAdmit(r?.ports, port, protocol, dstPod));
  });
}

/**
 * Whether a connection from `src` to `dst` (an address after any Service DNAT) on port/protocol gets
 * through the cluster's NetworkPolicies: the source pod's egress AND the destination pod's ingress must
 * allow it. Host-network pods are not subject to policies, a pod cannot block itself, and traffic between
 * a pod and its own node is always allowed.
 */
export function connectionAllowed(view: View, src: Endpoint, dst: Endpoint, port: number, protocol: Protocol = 'TCP'): boolean {
  const srcPod = podOf(src);
  const dstPod = podOf(dst);
  if (srcPod && dstPod && srcPod.metadata.uid === dstPod.metadata.uid) return true;
  if (srcPod && dst.ip !== srcPod.status?.hostIP && !directionAllows(view, srcPod, 'Egress', dst, port, protocol, dstPod)) return false;
  if (dstPod && src.ip !== dstPod.status?.hostIP && !directionAllows(view, dstPod, 'Ingress', src, port, protocol, dstPod)) return false;
  return true;
}
