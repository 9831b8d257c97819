import type { Check } from './index.js';

/**
 * Whether the etcd members the lesson names are a majority that is up: quorum is arithmetic over
 * several pods (floor(n/2)+1 of n running), which a count expectation cannot express for any n.
 */
export const etcdQuorum: Check = ({ reader }, args) => {
  const members = reader.list('pods', 'kube-system', 'component=etcd');
  const running = members.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).length;
  const need = Math.floor(members.length / 2) + 1;
  const wantQuorum = args.quorum !== false;
  const has = members.length > 0 && running >= need;
  const says = wantQuorum ? `etcd has quorum (${need} of ${members.length} members up)` : `etcd has lost quorum (fewer than ${need} of ${members.length} members up)`;
  if (has === wantQuorum) return { ok: true, says };
  return { ok: false, says, problem: `${running} of ${members.length} etcd members are running; quorum needs ${need}` };
};
