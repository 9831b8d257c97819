import { formatLabelSelector } from '../../cluster/meta/selectors.js';
import type { KubeObject } from '../../cluster/api/types.js';

/** The kinds whose pods kubectl can find (polymorphichelpers.SelectorsForObject); Services and RCs keep a plain map. */
const WITH_SELECTOR = new Set(['ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'Service']);

/** How Go's %T names the object kubectl decoded: `*v1.ConfigMap`, `*v2.HorizontalPodAutoscaler`; custom resources stay unstructured. */
export function goTypeName(obj: KubeObject, builtIn: boolean): string {
  if (!builtIn) return '*unstructured.Unstructured';
  const version = String(obj.apiVersion ?? 'v1').split('/').pop();
  return `*${version}.${obj.kind}`;
}

/**
 * The label selector (as a selector string) of a workload or Service, for logs, exec and attach;
 * any other kind is kubectl's `selector for *v1.ConfigMap not implemented`.
 */
export function selectorsForObject(obj: KubeObject, builtIn: boolean): { selector: string } | { error: string } {
  if (!builtIn || !WITH_SELECTOR.has(obj.kind)) return { error: `selector for ${goTypeName(obj, builtIn)} not implemented` };
  const text = formatLabelSelector(obj.kind === 'Service' || obj.kind === 'ReplicationController' ? { matchLabels: obj.spec?.selector } : obj.spec?.selector);
  return { selector: text === '<none>' ? '' : text };
}
