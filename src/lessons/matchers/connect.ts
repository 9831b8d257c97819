import type { KubeObject } from '../../cluster/api/types.js';
import { connectionAllowed } from '../../cluster/proxy/networkPolicy.js';
import { isConnect, type ConnectExpectation, type PodsRef } from '../schema.js';
import type { ClusterReader } from '../reader.js';
import type { Matcher } from './matcher.js';

const describe = (r: PodsRef, ns: string) => `${r.name ? `pod ${r.name}` : `pods ${r.selector ?? '(all)'}`} in ${r.namespace ?? ns}`;

function runningPods(reader: ClusterReader, r: PodsRef, ns: string): KubeObject[] {
  return reader
    .list('pods', r.namespace ?? ns, r.selector)
    .filter((p) => (r.name ? p.metadata.name === r.name : true))
    .filter((p) => p.status?.phase === 'Running' && p.status?.podIP && !p.metadata.deletionTimestamp);
}

/**
 * `connect:` what the network makes of connections between pods: the NetworkPolicies decide, as they do
 * for `wget` from a pod, so any policy that has the asked-for effect passes, however it is written.
 */
export const connectMatcher: Matcher<ConnectExpectation> = {
  key: 'connect',
  applies: isConnect,
  evaluate(e, { reader, namespace }) {
    const { from, to, port } = e.connect;
    const protocol = e.connect.protocol ?? 'TCP';
    const subject = `${describe(from, namespace)} -> ${describe(to, namespace)} on ${protocol} ${port}`;
    const says = e.says ?? `${subject}: ${e.is}`;
    const sources = runningPods(reader, from, namespace);
    const targets = runningPods(reader, to, namespace);
    if (!sources.length || !targets.length) return { ok: false, says, problem: `no running ${!sources.length ? describe(from, namespace) : describe(to, namespace)}` };
    // the policy code reads the cluster by resource key (`/pods`, `networking.k8s.io/networkpolicies`)
    const plural = (key: string) => key.slice(key.indexOf('/') + 1);
    const view = {
      get: (key: string, ns: string | undefined, name: string) => reader.get(plural(key), ns, name),
      list: (key: string, ns?: string) => reader.list(plural(key), ns),
    };
    for (const src of sources)
      for (const dst of targets) {
        const allowed = connectionAllowed(view as never, { ip: src.status!.podIP, pod: src }, { ip: dst.status!.podIP, pod: dst }, port, protocol);
        if (allowed !== (e.is === 'allowed'))
          return { ok: false, says, problem: `${src.metadata.name} -> ${dst.metadata.name}:${port} is ${allowed ? 'allowed' : 'denied'}, expected ${e.is}` };
      }
    return { ok: true, says };
  },
};
