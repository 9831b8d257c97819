import { hash16, type ServicePortRules } from '../rules.js';

function chain(prefix: string, r: ServicePortRules): string {
  return `${prefix}-${hash16(r.servicePortName + r.protocol.toLowerCase())}`;
}

function sepChain(r: ServicePortRules, ip: string, port: number): string {
  return `KUBE-SEP-${hash16(r.servicePortName + r.protocol.toLowerCase() + `${ip}:${port}`)}`;
}

/** kube-proxy writes probabilities with %0.10f; iptables-save prints what the kernel stored. */
function probability(p: number): string {
  // the kernel keeps the probability as a fraction of 2^31; iptables-save prints it back with 11 decimals
  const stored = Math.round(Number(p.toFixed(10)) * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/**
 * The node's rules in iptables mode, as `iptables-save` prints the filter and nat tables that
 * kube-proxy owns (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*, KUBE-NODEPORTS, KUBE-EXT-*, KUBE-MARK-MASQ...).
 */
export function renderIptables(rules: ServicePortRules[], node: string, clusterCIDR: string): string {
  const filter: string[] = [];
  const nat: string[] = [];
  const natChains = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  const proto = (r: ServicePortRules) => r.protocol.toLowerCase();
  for (const r of rules) {
    const svc = chain('KUBE-SVC', r);
    const comment = r.servicePortName;
    const local = r.internalLocal ? r.backends.filter((b) => b.nodeName === node) : r.backends;
    if (!r.backends.length) {
      filter.push(
        `-A KUBE-SERVICES -d ${r.clusterIP}/32 -p ${proto(r)} -m comment --comment "${comment} has no endpoints" -m ${proto(r)} --dport ${r.port} -j REJECT --reject-with icmp-port-unreachable`,
      );
      if (r.nodePort)
        filter.push(
          `-A KUBE-EXTERNAL-SERVICES -p ${proto(r)} -m comment --comment "${comment} has no endpoints" -m addrtype --dst-type LOCAL -m ${proto(r)} --dport ${r.nodePort} -j REJECT --reject-with icmp-port-unreachable`,
        );
      continue;
    }
    natChains.add(svc);
    nat.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 -p ${proto(r)} -m comment --comment "${comment} cluster IP" -m ${proto(r)} --dport ${r.port} -j ${svc}`);
    nat.push(`-A ${svc} ! -s ${clusterCIDR} -d ${r.clusterIP}/32 -p ${proto(r)} -m comment --comment "${comment} cluster IP" -m ${proto(r)} --dport ${r.port} -j KUBE-MARK-MASQ`);
    local.forEach((b, i) => {
      const sep = sepChain(r, b.ip, b.port);
      const n = local.length;
      const stat = i < n - 1 ? ` -m statistic --mode random --probability ${probability(1 / (n - i))}` : '';
      const affinity = r.sessionAffinity ? ` -m recent --name ${sep} --mask 255.255.255.255 --rsource` : '';
      if (r.sessionAffinity) nat.push(`-A ${svc} -m comment --comment "${comment} -> ${b.ip}:${b.port}"${affinity} --rcheck --seconds ${r.affinitySeconds} --reap -j ${sep}`);
      nat.push(`-A ${svc} -m comment --comment "${comment} -> ${b.ip}:${b.port}"${stat} -j ${sep}`);
    });
    for (const b of r.backends) {
      const sep = sepChain(r, b.ip, b.port);
      if (natChains.has(sep)) continue;
      natChains.add(sep);
      nat.push(`-A ${sep} -s ${b.ip}/32 -m comment --comment "${comment}" -j KUBE-MARK-MASQ`);
      const affinity = r.sessionAffinity ? ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource` : '';
      nat.push(`-A ${sep} -p ${proto(r)} -m comment --comment "${comment}"${affinity} -m ${proto(r)} -j DNAT --to-destination ${b.ip}:${b.port}`);
    }
    if (r.nodePort) {
      const ext = chain('KUBE-EXT', r);
      natChains.add(ext);
      nat.push(`-A KUBE-NODEPORTS -p ${proto(r)} -m comment --comment "${comment}" -m ${proto(r)} --dport ${r.nodePort} -j ${ext}`);
      nat.push(`-A ${ext} -m comment --comment "masquerade traffic for ${comment} external destinations" -j KUBE-MARK-MASQ`);
      if (r.externalLocal) {
        const svl = chain('KUBE-SVL', r);
        natChains.add(svl);
        nat.push(`-A ${ext} -j ${svl}`);
        const here = r.backends.filter((b) => b.nodeName === node);
        if (!here.length) nat.push(`-A ${svl} -m comment --comment "${comment} has no local endpoints" -j KUBE-MARK-DROP`);
        here.forEach((b, i) => {
          const stat = i < here.length - 1 ? ` -m statistic --mode random --probability ${probability(1 / (here.length - i))}` : '';
          nat.push(`-A ${svl} -m comment --comment "${comment} -> ${b.ip}:${b.port}"${stat} -j ${sepChain(r, b.ip, b.port)}`);
        });
      } else nat.push(`-A ${ext} -j ${svc}`);
    }
    for (const ip of [...r.externalIPs, ...r.loadBalancerIPs])
      nat.push(`-A KUBE-SERVICES -d ${ip}/32 -p ${proto(r)} -m comment --comment "${comment} external IP" -m ${proto(r)} --dport ${r.port} -j ${r.nodePort ? chain('KUBE-EXT', r) : svc}`);
  }
  nat.push(`-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  const lines: string[] = [];
  lines.push('*filter');
  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES'])
    lines.push(`:${c} - [0:0]`);
  lines.push(
    '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ...filter,
    'COMMIT',
    '*nat',
  );
  const ordered = [...natChains].sort();
  for (const c of ['KUBE-KUBELET-CANARY', 'KUBE-MARK-DROP', 'KUBE-PROXY-CANARY', ...ordered]) if (!lines.includes(`:${c} - [0:0]`)) lines.push(`:${c} - [0:0]`);
  lines.push(
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...nat,
    'COMMIT',
  );
  return `${lines.join('\n')}\n`;
}
