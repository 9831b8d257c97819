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

/**
 * FindOrDefaultContainerByName, as exec and attach choose their container: the one named, else the one the
 * kubectl.kubernetes.io/default-container annotation names (if the pod has it), else the first container, which
 * `warn` is told of (unless quiet) when the pod has others. `container` is unset when the name matches none.
 */
export function findOrDefaultContainer(pod: KubeObject, name: string, quiet: boolean, warn: (line: string) => void): { name: string; container?: KubeObject } {
  if (!name) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    const byAnnotation = !!annotated && !!findContainerByName(pod, annotated);
    name = byAnnotation ? annotated : (pod.spec?.containers?.[0]?.name ?? '');
    if (!byAnnotation && !quiet && ((pod.spec?.containers?.length ?? 0) > 1 || pod.spec?.initContainers?.length || pod.spec?.ephemeralContainers?.length))
      warn(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
  }
  return { name, container: findContainerByName(pod, name)?.container };
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
