import type { ClusterView } from '../view.js';
import { clusterCIDR, configuredMode, serviceRules } from './rules.js';
import { renderIptables } from './modes/iptables.js';
import { renderIpvs } from './modes/ipvs.js';
import { renderNftables } from './modes/nftables.js';

export const PROXY_MODES = ['iptables', 'ipvs', 'nftables'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/**
 * What kube-proxy on a node has programmed: its Services and ready endpoints rendered in the node's
 * proxy mode (or the one asked for). kube-proxy writes nothing to the API, so this is a pure view.
 */
export function renderProxy(view: Pick<ClusterView, 'list' | 'get'>, node: string, mode?: string): { mode: string; text: string } {
  const m = mode || configuredMode(view);
  const rules = serviceRules(view, node);
  const n = view.get('/nodes', undefined, node);
  const nodeIP = (n?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '0.0.0.0';
  switch (m) {
    case 'ipvs':
      return { mode: m, text: renderIpvs(rules, node, nodeIP) };
    case 'nftables':
      return { mode: m, text: renderNftables(rules, node) };
    default:
      return { mode: 'iptables', text: renderIptables(rules, node, clusterCIDR(view)) };
  }
}
