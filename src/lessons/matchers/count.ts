import type { KubeObject } from '../../cluster/api/types.js';
import { isCount, type CountExpectation } from '../schema.js';
import { firstFailure } from './fields.js';
import type { Matcher } from './matcher.js';
import type { ClusterReader } from '../reader.js';

function ownedBy(reader: ClusterReader, obj: KubeObject, owner: string, namespace: string | undefined): boolean {
  for (const ref of obj.metadata.ownerReferences ?? []) {
    if (ref.name === owner) return true;
    if (ref.kind === 'ReplicaSet') {
      const rs = reader.get('replicasets', namespace, ref.name);
      if (rs && (rs.metadata.ownerReferences ?? []).some((r) => r.name === owner)) return true;
    }
  }
  return false;
}

/** `count:` how many objects match, optionally filtered by fields, node and owner. */
export const countMatcher: Matcher<CountExpectation> = {
  key: 'count',
  applies: isCount,
  evaluate(e, { reader, namespace }) {
    const info = reader.resolve(e.count.kind);
    const plural = info?.plural ?? e.count.kind;
    const ns = info?.namespaced === false ? undefined : (e.count.namespace ?? namespace);
    const parts: string[] = [plural];
    if (e.ownedBy) parts.push(`of ${e.ownedBy}`);
    if (e.count.selector) parts.push(`with ${e.count.selector}`);
    if (ns) parts.push(`in namespace ${ns}`);
    if (e.where) parts.push(`where ${Object.entries(e.where).map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`).join(', ')}`);
    if (e.notOnNode) parts.push(`not on ${e.notOnNode}`);
    if (e.onNode) parts.push(`on ${e.onNode}`);
    const want = e.is !== undefined ? `${e.is}` : e.atLeast !== undefined && e.atMost !== undefined ? `${e.atLeast} to ${e.atMost}` : e.atLeast !== undefined ? `at least ${e.atLeast}` : `at most ${e.atMost}`;
    const subject = parts.join(' ');
    const says = e.says ?? `${want} ${subject}`;
    const items = reader
      .list(e.count.kind, ns, e.count.selector)
      .filter((o) => !o.metadata.deletionTimestamp)
      .filter((o) => (e.count.name ? o.metadata.name === e.count.name : true))
      .filter((o) => !firstFailure(o, e.where))
      .filter((o) => (e.notOnNode ? o.spec?.nodeName && o.spec.nodeName !== e.notOnNode : true))
      .filter((o) => (e.onNode ? o.spec?.nodeName === e.onNode : true))
      .filter((o) => (e.ownedBy ? ownedBy(reader, o, e.ownedBy, ns) : true));
    const n = items.length;
    const ok = (e.is === undefined || n === e.is) && (e.atLeast === undefined || n >= e.atLeast) && (e.atMost === undefined || n <= e.atMost);
    return ok ? { ok, says } : { ok, says, problem: `${subject}: ${n}, expected ${want}` };
  },
};
