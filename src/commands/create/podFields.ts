import type { KubeObject } from '../../cluster/api/types.js';

/**
 * corev1.Pod's field order, for a pod kubectl decoded back into its Go type (after --overrides): the
 * JSON printer writes fields in this order and drops what the type does not know.
 */
const POD = ['kind', 'apiVersion', 'metadata', 'spec', 'status'];
const OBJECT_META = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];
const POD_SPEC = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
  'nodeName',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  'overhead',
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
];
const CONTAINER = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
];

type Obj = Record<string, unknown>;

function pick(o: unknown, order: string[]): Obj {
  const src = (o ?? {}) as Obj;
  const out: Obj = {};
  for (const k of order) if (src[k] !== undefined && src[k] !== null) out[k] = src[k];
  return out;
}

function containers(list: unknown): unknown {
  return Array.isArray(list) ? list.map((c) => pick({ ...(c as Obj), resources: (c as Obj).resources ?? {} }, CONTAINER)) : list;
}

/** The pod as its Go type encodes it: known fields only, in struct order; `resources: {}` and `status: {}` always there. */
export function typedPod(pod: KubeObject): KubeObject {
  const spec = pick(pod.spec, POD_SPEC);
  for (const k of ['initContainers', 'containers', 'ephemeralContainers']) if (spec[k]) spec[k] = containers(spec[k]);
  // PodSpec.Containers has no omitempty: a pod without containers says `containers: null`
  const orderedSpec = pick({ ...spec, containers: spec.containers ?? 'null' }, POD_SPEC);
  if (orderedSpec.containers === 'null') orderedSpec.containers = null;
  // metav1.Time has no omitempty: an unset creationTimestamp is written as null
  const metadata = pick({ ...pod.metadata, creationTimestamp: pod.metadata?.creationTimestamp ?? 'null' }, OBJECT_META);
  if (metadata.creationTimestamp === 'null') metadata.creationTimestamp = null;
  return pick({ ...pod, metadata, spec: orderedSpec, status: pod.status ?? {} }, POD) as KubeObject;
}
