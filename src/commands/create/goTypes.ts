import type { KubeObject } from '../../cluster/api/types.js';

/**
 * The Go struct field order of the kinds kubectl's create generators and `run` receive back through typed
 * clients. kubectl prints those objects from their Go types, so `-o json` lists fields in struct order,
 * where objects read as unstructured maps come out sorted.
 */

/** A struct: its fields in order, each with the type of its value when that is a struct too. */
interface Struct {
  fields: [string, GoType | undefined][];
}
/** A map with string keys: Go's encoder sorts them. */
interface GoMap {
  map: GoType | undefined;
}
type GoType = Struct | GoMap;

function struct(...fields: (string | [string, GoType])[]): Struct {
  return { fields: fields.map((f) => (typeof f === 'string' ? [f, undefined] : f)) };
}
const stringMap: GoMap = { map: undefined };

const ownerReference = struct('apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion');
const objectMeta = struct(
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
  ['labels', stringMap],
  ['annotations', stringMap],
  ['ownerReferences', ownerReference],
  'finalizers',
  'managedFields',
);
const labelSelector = struct(['matchLabels', stringMap], ['matchExpressions', struct('key', 'operator', 'values')]);
const resourceList: GoMap = { map: undefined };
const containerPort = struct('name', 'hostPort', 'containerPort', 'protocol', 'hostIP');
const envVar = struct('name', 'value', 'valueFrom');
const container = struct(
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  ['ports', containerPort],
  'envFrom',
  ['env', envVar],
  ['resources', struct(['limits', resourceList], ['requests', resourceList], 'claims')],
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
);
const toleration = struct('key', 'operator', 'value', 'effect', 'tolerationSeconds');
const podSpec = struct(
  'volumes',
  ['initContainers', container],
  ['containers', container],
  ['ephemeralContainers', container],
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  ['nodeSelector', stringMap],
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
  ['tolerations', toleration],
  'hostAliases',
  'priorityClassName',
  'priority',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  ['overhead', resourceList],
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
);
const podTemplateSpec = struct(['metadata', objectMeta], ['spec', podSpec]);
const condition = struct('type', 'status', 'observedGeneration', 'lastProbeTime', 'lastUpdateTime', 'lastTransitionTime', 'reason', 'message');
const containerStatus = struct(
  'name',
  'state',
  'lastState',
  'ready',
  'restartCount',
  'image',
  'imageID',
  'containerID',
  'started',
  'allocatedResources',
  'resources',
  'volumeMounts',
  'user',
  'allocatedResourcesStatus',
);
const podStatus = struct(
  'phase',
  ['conditions', condition],
  'message',
  'reason',
  'nominatedNodeName',
  'hostIP',
  'hostIPs',
  'podIP',
  'podIPs',
  'startTime',
  ['initContainerStatuses', containerStatus],
  ['containerStatuses', containerStatus],
  'qosClass',
  ['ephemeralContainerStatuses', containerStatus],
  'resize',
  'resourceClaimStatuses',
);
const typeMeta = ['kind', 'apiVersion'] as const;

const jobSpec = struct(
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'podFailurePolicy',
  'successPolicy',
  'backoffLimit',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
  ['selector', labelSelector],
  'manualSelector',
  ['template', podTemplateSpec],
  'ttlSecondsAfterFinished',
  'completionMode',
  'suspend',
  'podReplacementPolicy',
  'managedBy',
);

const event = struct(
  ...typeMeta,
  ['metadata', objectMeta],
  ['involvedObject', struct('kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath')],
  'reason',
  'message',
  ['source', struct('component', 'host')],
  'firstTimestamp',
  'lastTimestamp',
  'count',
  'type',
  'eventTime',
  ['series', struct('count', 'lastObservedTime')],
  'action',
  'related',
  'reportingComponent',
  'reportingInstance',
);

const subject = struct('kind', 'apiGroup', 'name', 'namespace');
const roleRef = struct('apiGroup', 'kind', 'name');

const kinds: Record<string, Struct> = {
  RoleBinding: struct(...typeMeta, ['metadata', objectMeta], ['subjects', subject], ['roleRef', roleRef]),
  ClusterRoleBinding: struct(...typeMeta, ['metadata', objectMeta], ['subjects', subject], ['roleRef', roleRef]),
  Event: event,
  EventList: struct(...typeMeta, 'metadata', ['items', event]),
  Pod: struct(...typeMeta, ['metadata', objectMeta], ['spec', podSpec], ['status', podStatus]),
  Deployment: struct(
    ...typeMeta,
    ['metadata', objectMeta],
    [
      'spec',
      struct(
        'replicas',
        ['selector', labelSelector],
        ['template', podTemplateSpec],
        ['strategy', struct('type', ['rollingUpdate', struct('maxUnavailable', 'maxSurge')])],
        'minReadySeconds',
        'revisionHistoryLimit',
        'paused',
        'progressDeadlineSeconds',
      ),
    ],
    [
      'status',
      struct(
        'observedGeneration',
        'replicas',
        'updatedReplicas',
        'readyReplicas',
        'availableReplicas',
        'unavailableReplicas',
        'terminatingReplicas',
        ['conditions', condition],
        'collisionCount',
      ),
    ],
  ),
  Service: struct(
    ...typeMeta,
    ['metadata', objectMeta],
    [
      'spec',
      struct(
        ['ports', struct('name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort')],
        ['selector', stringMap],
        'clusterIP',
        'clusterIPs',
        'type',
        'externalIPs',
        'sessionAffinity',
        'loadBalancerIP',
        'loadBalancerSourceRanges',
        'externalName',
        'externalTrafficPolicy',
        'healthCheckNodePort',
        'publishNotReadyAddresses',
        'sessionAffinityConfig',
        'ipFamilies',
        'ipFamilyPolicy',
        'allocateLoadBalancerNodePorts',
        'loadBalancerClass',
        'internalTrafficPolicy',
        'trafficDistribution',
      ),
    ],
    ['status', struct('loadBalancer', ['conditions', condition])],
  ),
  ConfigMap: struct(...typeMeta, ['metadata', objectMeta], 'immutable', ['data', stringMap], ['binaryData', stringMap]),
  Secret: struct(...typeMeta, ['metadata', objectMeta], 'immutable', ['data', stringMap], ['stringData', stringMap], 'type'),
  Namespace: struct(...typeMeta, ['metadata', objectMeta], ['spec', struct('finalizers')], ['status', struct('phase', ['conditions', condition])]),
  ServiceAccount: struct(...typeMeta, ['metadata', objectMeta], 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'),
  Job: struct(
    ...typeMeta,
    ['metadata', objectMeta],
    ['spec', jobSpec],
    [
      'status',
      struct(
        ['conditions', condition],
        'startTime',
        'completionTime',
        'active',
        'succeeded',
        'failed',
        'terminating',
        'completedIndexes',
        'failedIndexes',
        'uncountedTerminatedPods',
        'ready',
      ),
    ],
  ),
  CronJob: struct(
    ...typeMeta,
    ['metadata', objectMeta],
    [
      'spec',
      struct(
        'schedule',
        'timeZone',
        'startingDeadlineSeconds',
        'concurrencyPolicy',
        'suspend',
        ['jobTemplate', struct(['metadata', objectMeta], ['spec', jobSpec])],
        'successfulJobsHistoryLimit',
        'failedJobsHistoryLimit',
      ),
    ],
    ['status', struct('active', 'lastScheduleTime', 'lastSuccessfulTime')],
  ),
};

function sortKeys(v: Record<string, unknown>): [string, unknown][] {
  return Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Keys the table does not know keep their values, sorted, after the known ones (or are dropped). */
function encode(v: unknown, type: GoType | undefined, dropUnknown: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => encode(x, type, dropUnknown));
  if (!v || typeof v !== 'object') return v;
  const obj = v as Record<string, unknown>;
  if (!type) return Object.fromEntries(sortKeys(obj).map(([k, x]) => [k, encode(x, undefined, false)]));
  if ('map' in type) return Object.fromEntries(sortKeys(obj).map(([k, x]) => [k, encode(x, type.map, dropUnknown)]));
  const out: Record<string, unknown> = {};
  for (const [name, t] of type.fields) if (obj[name] !== undefined) out[name] = encode(obj[name], t, dropUnknown);
  if (!dropUnknown) for (const [k, x] of sortKeys(obj)) if (!(k in out)) out[k] = encode(x, undefined, false);
  return out;
}

/**
 * An object as kubectl prints it from its Go type: fields in struct order. Kinds without a table come back
 * with sorted keys, as for any unstructured object. `dropUnknown` removes what the type has no field for,
 * as decoding into it does.
 */
export function typedOrder(obj: KubeObject, dropUnknown = false): KubeObject {
  return encode(obj, kinds[String(obj.kind)], dropUnknown) as KubeObject;
}
