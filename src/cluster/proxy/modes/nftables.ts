import { createHash } from 'node:crypto';
import type { ServicePortRules } from '../rules.js';

function h8(s: string): string {
  const digest = createHash('sha256').update(s).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.toLowerCase();
}

function svcChain(r: ServicePortRules): string {
  const id = `${r.namespace}/${r.name}/${r.protocol.toLowerCase()}/${r.portName}`;
  return `service-${h8(r.servicePortName + r.protocol.toLowerCase())}-${id}`;
}

function epChain(r: ServicePortRules, ip: string, port: number): string {
  const id = `${r.namespace}/${r.name}/${r.protocol.toLowerCase()}/${r.portName}__${ip}/${port}`;
  return `endpoint-${h8(r.servicePortName + r.protocol.toLowerCase() + `${ip}:${port}`)}-${id}`;
}

/**
 * The node's rules in nftables mode, as `nft list table ip kube-proxy` shows them: a verdict map from
 * ClusterIP . protocol . port to a service chain, which picks an endpoint chain with `numgen random`.
 */
export function renderNftables(rules: ServicePortRules[], node: string): string {
  const out: string[] = ['table ip kube-proxy {', '\tcomment "rules for kube-proxy"'];
  const ips: string[] = [];
  const nodeports: string[] = [];
  const chains: string[] = [];
  for (const r of rules) {
    const backends = r.internalLocal ? r.backends.filter((b) => b.nodeName === node) : r.backends;
    const proto = r.protocol.toLowerCase();
    if (!backends.length) continue;
    const sc = svcChain(r);
    ips.push(`\t\t\t${r.clusterIP} . ${proto} . ${r.port} : goto ${sc}`);
    if (r.nodePort) nodeports.push(`\t\t\t${proto} . ${r.nodePort} : goto external-${sc.slice('service-'.length)}`);
    const vmap = backends.map((b, i) => `${i} : goto ${epChain(r, b.ip, b.port)}`).join(' , ');
    chains.push(`\tchain ${sc} {`, `\t\tip daddr ${r.clusterIP} ${proto} dport ${r.port} ip saddr != 10.244.0.0/16 jump mark-for-masquerade`, `\t\tnumgen random mod ${backends.length} vmap { ${vmap} }`, '\t}', '');
    for (const b of backends)
      chains.push(`\tchain ${epChain(r, b.ip, b.port)} {`, `\t\tip saddr ${b.ip} jump mark-for-masquerade`, `\t\tmeta l4proto ${proto} dnat to ${b.ip}:${b.port}`, '\t}', '');
  }
  out.push('', '\tmap service-ips {', '\t\ttype ipv4_addr . inet_proto . inet_service : verdict', '\t\tcomment "ClusterIP, ExternalIP and LoadBalancer IP traffic"');
  if (ips.length) out.push('\t\telements = {', ips.join(',\n'), '\t\t}');
  out.push('\t}', '', '\tmap service-nodeports {', '\t\ttype inet_proto . inet_service : verdict', '\t\tcomment "NodePort traffic"');
  if (nodeports.length) out.push('\t\telements = {', nodeports.join(',\n'), '\t\t}');
  out.push('\t}', '', '\tchain services {', '\t\tip daddr . meta l4proto . th dport vmap @service-ips', '\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports', '\t}', '', ...chains, '}');
  return `${out.join('\n')}\n`;
}
