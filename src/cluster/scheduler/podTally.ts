import type { KubeObject } from '../api/types.js';
import type { NodeInfo } from './types.js';

interface Tally<T> {
  /** the pod list each node had when it was read, to notice a list replaced */
  pods: (KubeObject[] | undefined)[];
  scanned: Int32Array;
  /** the last pod read on each node, to notice a list changed in place */
  last: (KubeObject | undefined)[];
  acc: T[];
}

const tallies = new WeakMap<NodeInfo[], Map<string, Tally<unknown>>>();

/**
 * fold() over each node's pods, one result per node of `nodes`, kept between calls with the same key (the
 * key names what fold computes). Within a scheduling cycle a node's pod list only grows, each bind
 * appending to it, so a call reads only the pods bound since the previous one: per pod, the cost follows
 * the nodes, not every pod in the cluster (as kube-scheduler's snapshot keeps such lists per node). A
 * node whose list was replaced, shrank or changed in place is read afresh from init(). fold() may only
 * read what stays put while a pod is bound (namespace, labels, spec): a pod's deletionTimestamp, for one,
 * is set in place when preemption picks it as a victim.
 */
export function tallyPods<T>(nodes: NodeInfo[], key: string, init: () => T, fold: (acc: T, pod: KubeObject) => T): T[] {
  let byKey = tallies.get(nodes);
  if (!byKey) tallies.set(nodes, (byKey = new Map()));
  let t = byKey.get(key) as Tally<T> | undefined;
  if (!t || t.acc.length !== nodes.length) {
    const n = nodes.length;
    t = { pods: new Array(n).fill(undefined), scanned: new Int32Array(n), last: new Array(n).fill(undefined), acc: new Array(n).fill(undefined) };
    byKey.set(key, t);
  }
  const { pods: seen, scanned, last, acc } = t;
  for (let i = 0; i < nodes.length; i++) {
    const pods = nodes[i].pods;
    const len = pods.length;
    let s = scanned[i];
    // the common case: a node that gained no pod since the last call
    if (s === len && seen[i] === pods && (s === 0 || pods[s - 1] === last[i])) continue;
    if (seen[i] !== pods || s > len || (s > 0 && pods[s - 1] !== last[i])) {
      seen[i] = pods;
      acc[i] = init();
      s = 0;
    }
    let a = acc[i];
    for (; s < len; s++) a = fold(a, pods[s]);
    acc[i] = a;
    scanned[i] = s;
    last[i] = pods[s - 1];
  }
  return acc;
}
