import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { formatSelector, printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- rules are read as stored */
const INDENT = '    ';

/** Go's time.Time.String() in UTC, which `Created on:` prints. */
function goTimeString(ts: string | null | undefined): string {
  const d = new Date(ts ? Date.parse(ts) : 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

function printPeers(w: PrefixWriter, rules: any[] | undefined, dir: 'ingress' | 'egress'): void {
  const peersField = dir === 'ingress' ? 'from' : 'to';
  const label = dir === 'ingress' ? 'From' : 'To';
  if (!rules?.length) {
    w.write(0, `${INDENT}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(0, `${INDENT}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of rule.ports ?? []) {
      const p = port.port === undefined || port.port === null ? '<nil>' : String(port.port);
      const proto = port.protocol ?? 'TCP';
      w.write(0, port.endPort === undefined ? `${INDENT}To Port: ${p}/${proto}\n` : `${INDENT}To Port Range: ${p}-${port.endPort}/${proto}\n`);
    }
    const peers: any[] = rule[peersField] ?? [];
    if (!peers.length) w.write(0, `${INDENT}${label}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})\n`);
    for (const peer of peers) {
      w.write(0, `${INDENT}${label}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(1, `${INDENT}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
        w.write(1, `${INDENT}PodSelector: ${formatSelector(peer.podSelector)}\n`);
      } else if (peer.podSelector) w.write(1, `${INDENT}PodSelector: ${formatSelector(peer.podSelector)}\n`);
      else if (peer.namespaceSelector) w.write(1, `${INDENT}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
      else if (peer.ipBlock) {
        w.write(1, `${INDENT}IPBlock:\n`);
        w.write(2, `${INDENT}CIDR: ${peer.ipBlock.cidr}\n`);
        w.write(2, `${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${INDENT}----------\n`);
  });
}

/** describeNetworkPolicy: the pod selector, then ingress and egress rules as the policy types enable them. */
export const networkPolicy: Describer = {
  group: 'networking.k8s.io',
  kind: 'NetworkPolicy',
  describe(np: KubeObject) {
    const w = new PrefixWriter();
    const spec = np.spec ?? {};
    w.write(0, `Name:\t${np.metadata.name}\n`);
    w.write(0, `Namespace:\t${np.metadata.namespace}\n`);
    w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', np.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
    w.write(0, 'Spec:\n');
    w.write(1, 'PodSelector: ');
    const sel = spec.podSelector ?? {};
    const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
    w.write(2, empty ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatSelector(sel)}\n`);
    const types: string[] = spec.policyTypes ?? [];
    if (types.includes('Ingress')) {
      w.write(1, 'Allowing ingress traffic:\n');
      printPeers(w, spec.ingress, 'ingress');
    } else w.write(1, 'Not affecting ingress traffic\n');
    if (types.includes('Egress')) {
      w.write(1, 'Allowing egress traffic:\n');
      printPeers(w, spec.egress, 'egress');
    } else w.write(1, 'Not affecting egress traffic\n');
    w.write(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
    return w.toString();
  },
};
