import type { KubeObject } from '../../cluster/api/types.js';

/**
 * kubectl's podcmd: a container of a pod by name, wherever it is declared (containers, then init
 * containers, then ephemeral containers), with the field path the kubelet and kubectl name it by.
 */
export function findContainerByName(pod: KubeObject, name: string): { container: KubeObject; path: string } | undefined {
  for (const [list, key] of [
    ['containers', pod.spec?.containers],
    ['initContainers', pod.spec?.initContainers],
    ['ephemeralContainers', pod.spec?.ephemeralContainers],
  ] as const) {
    const container = (key ?? []).find((c: KubeObject) => c.name === name);
    if (container) return { container, path: `spec.${list}{${name}}` };
  }
  return undefined;
}

/** AllContainerNames: `app, debugger-x7k2p (ephem), init-db (init)`, as `Defaulted container ... out of:` lists them. */
export function allContainerNames(pod: KubeObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: KubeObject) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: KubeObject) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c: KubeObject) => `${c.name} (init)`),
  ].join(', ');
}

/** The status of a container of any kind (getContainerStatusByName). */
export function containerStatusByName(pod: KubeObject, name: string): KubeObject | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s: KubeObject) => s.name === name);
}
