import type { KubeObject } from '../../cluster/api/types.js';

/**
 * kubectl debug's profiles (pkg/cmd/debug/profiles.go): each adjusts the debugging pod for one of the
 * three styles. `ephemeral` is a container added to the pod itself, `podCopy` a copy of the pod, `node`
 * a new pod on the node's host namespaces.
 */
export type DebugStyle = 'ephemeral' | 'podCopy' | 'node';

export const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
export type Profile = (typeof PROFILES)[number];

/** --keep-*: what a copy keeps of the original (KeepFlags). */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

/** The profile's changes to `pod` for the debug container `name`. */
export function applyProfile(profile: Profile, keep: KeepFlags, pod: KubeObject, name: string, style: DebugStyle): void {
  const copy = () => {
    if (!keep.labels) delete pod.metadata.labels;
    if (!keep.annotations) delete pod.metadata.annotations;
    for (const c of pod.spec.containers ?? []) {
      if (!keep.liveness) delete c.livenessProbe;
      if (!keep.readiness) delete c.readinessProbe;
      if (!keep.startup) delete c.startupProbe;
    }
    if (!keep.initContainers) delete pod.spec.initContainers;
    pod.spec.shareProcessNamespace ??= true;
  };
  switch (profile) {
    case 'legacy':
      if (style === 'node') {
        mountRootPartition(pod, name);
        useHostNamespaces(pod);
      } else if (style === 'podCopy') delete pod.metadata.labels; // the legacy profile never keeps labels
      return;
    case 'general':
      if (style === 'node') {
        mountRootPartition(pod, name);
        clearSecurityContext(pod, name);
        useHostNamespaces(pod);
      } else if (style === 'podCopy') {
        copy();
        addCapability(pod, name, 'SYS_PTRACE');
      } else addCapability(pod, name, 'SYS_PTRACE');
      return;
    case 'baseline':
      clearSecurityContext(pod, name);
      if (style === 'podCopy') copy();
      return;
    case 'restricted':
      clearSecurityContext(pod, name);
      withSecurityContext(pod, name, (sc) => {
        sc.runAsNonRoot = true;
        sc.capabilities = { ...(sc.capabilities ?? {}), drop: ['ALL'] };
        delete sc.capabilities.add;
        sc.allowPrivilegeEscalation = false;
        sc.seccompProfile = { type: 'RuntimeDefault' };
      });
      if (style === 'podCopy') copy();
      return;
    case 'netadmin':
      addCapability(pod, name, 'NET_ADMIN');
      addCapability(pod, name, 'NET_RAW');
      if (style === 'node') useHostNamespaces(pod);
      else if (style === 'podCopy') copy();
      return;
    case 'sysadmin':
      withSecurityContext(pod, name, (sc) => {
        sc.privileged = true;
      });
      if (style === 'node') {
        useHostNamespaces(pod);
        mountRootPartition(pod, name);
      } else if (style === 'podCopy') copy();
      return;
  }
}

/** The named container among all of the pod's (podutils.AllContainers), or among init and regular ones only. */
function containerNamed(pod: KubeObject, name: string, withEphemeral = true): KubeObject | undefined {
  const lists = [pod.spec.initContainers, pod.spec.containers, withEphemeral ? pod.spec.ephemeralContainers : undefined];
  for (const list of lists) for (const c of list ?? []) if (c.name === name) return c;
  return undefined;
}

/** The host's root file system at /host, read-write. */
function mountRootPartition(pod: KubeObject, name: string): void {
  (pod.spec.volumes ??= []).push({ name: 'host-root', hostPath: { path: '/' } });
  const c = containerNamed(pod, name, false);
  if (c) (c.volumeMounts ??= []).push({ mountPath: '/host', name: 'host-root' });
}

function useHostNamespaces(pod: KubeObject): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

function clearSecurityContext(pod: KubeObject, name: string): void {
  const c = containerNamed(pod, name);
  if (c) delete c.securityContext;
}

function withSecurityContext(pod: KubeObject, name: string, change: (sc: KubeObject) => void): void {
  const c = containerNamed(pod, name);
  if (c) change((c.securityContext ??= {}));
}

function addCapability(pod: KubeObject, name: string, capability: string): void {
  withSecurityContext(pod, name, (sc) => {
    sc.capabilities ??= {};
    (sc.capabilities.add ??= []).push(capability);
  });
}
