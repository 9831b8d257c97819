import type { ServicePortRules } from '../rules.js';

function hexPort(ip: string, port: number): string {
  return `${ip}:${port}`;
}

/**
 * The node's rules in IPVS mode, as `ipvsadm -Ln` lists them: one virtual server per ClusterIP:port (and
 * per node IP:nodePort), round robin over the endpoints. Every ClusterIP is also bound to kube-ipvs0.
 */
export function renderIpvs(rules: ServicePortRules[], node: string, nodeIP: string): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  const vs = (proto: string, addr: string, port: number, backends: ServicePortRules['backends'], persistent?: number) => {
    lines.push(`${proto.padEnd(4)} ${hexPort(addr, port)} rr${persistent ? ` persistent ${persistent}` : ''}`);
    for (const b of backends) lines.push(`  -> ${`${b.ip}:${b.port}`.padEnd(28)} Masq    1      0          0`);
  };
  const entries: [string, string, number, ServicePortRules['backends'], number | undefined][] = [];
  for (const r of rules) {
    const backends = r.internalLocal ? r.backends.filter((b) => b.nodeName === node) : r.backends;
    entries.push([r.protocol, r.clusterIP, r.port, backends, r.sessionAffinity ? r.affinitySeconds : undefined]);
    if (r.nodePort) {
      const ext = r.externalLocal ? r.backends.filter((b) => b.nodeName === node) : r.backends;
      entries.push([r.protocol, nodeIP, r.nodePort, ext, r.sessionAffinity ? r.affinitySeconds : undefined]);
    }
  }
  entries.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1], undefined, { numeric: true }) || a[2] - b[2]);
  for (const e of entries) vs(...e);
  const ips = [...new Set(rules.map((r) => r.clusterIP))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  lines.push('', '# ip addr show kube-ipvs0', '3: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default', '    link/ether 6e:1c:3f:9a:42:d1 brd ff:ff:ff:ff:ff:ff');
  for (const ip of ips) lines.push(`    inet ${ip}/32 scope global kube-ipvs0`, '       valid_lft forever preferred_lft forever');
  return `${lines.join('\n')}\n`;
}
