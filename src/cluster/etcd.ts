import type { StoreDocument } from './store/document.js';

/**
 * The etcd cluster behind the API server, modelled by its members: the static pods `etcd-<node>` in
 * kube-system (label component=etcd). A member can be stopped (`kubecadet cluster etcd stop`); with fewer
 * than floor(n/2)+1 members up there is no leader, so the API server cannot write and the control plane
 * stalls, while running containers keep running.
 */
export interface EtcdState {
  stopped?: string[];
}

export function etcdMembers(doc: StoreDocument): string[] {
  return Object.values(doc.objects['/pods'] ?? {})
    .filter((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.component === 'etcd')
    .map((p) => p.metadata.name!)
    .sort();
}

export function stoppedMembers(doc: StoreDocument): string[] {
  return ((doc.sim.etcd ?? {}) as EtcdState).stopped ?? [];
}

export function quorumOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** True when too few members run for a leader to be elected. */
export function quorumLost(doc: StoreDocument): boolean {
  const members = etcdMembers(doc);
  if (!members.length) return false;
  const stopped = stoppedMembers(doc).filter((m) => members.includes(m)).length;
  return members.length - stopped < quorumOf(members.length);
}
