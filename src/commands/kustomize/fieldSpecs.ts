/**
 * Where kustomize's built-in transformers write, as its default configuration lists them
 * (api/internal/konfig/builtinpluginconsts): a path of field names, `[]` stepping into every list item.
 */
export interface FieldSpec {
  path: string;
  kind?: string;
  group?: string;
  /** create the field when it is missing */
  create?: boolean;
}

const TEMPLATE_KINDS: [string, string | undefined][] = [
  ['ReplicationController', undefined],
  ['Deployment', undefined],
  ['ReplicaSet', undefined],
  ['DaemonSet', undefined],
  ['StatefulSet', 'apps'],
  ['Job', 'batch'],
];

/** metadata/labels and the pod templates' labels: what `labels` with includeTemplates and commonLabels set. */
export const METADATA_LABELS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  ...TEMPLATE_KINDS.map(([kind, group]) => ({ path: 'spec/template/metadata/labels', kind, group, create: true })),
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', kind: 'StatefulSet', group: 'apps', create: true },
  { path: 'spec/jobTemplate/metadata/labels', kind: 'CronJob', group: 'batch', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', kind: 'CronJob', group: 'batch', create: true },
];

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution[]/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution[]/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution[]/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution[]/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints[]/labelSelector/matchLabels',
];

/** The selectors commonLabels (and labels with includeSelectors) also change. */
export const SELECTOR_LABELS: FieldSpec[] = [
  { path: 'spec/selector', kind: 'Service', create: true },
  { path: 'spec/selector', kind: 'ReplicationController', create: true },
  { path: 'spec/selector/matchLabels', kind: 'Deployment', create: true },
  ...AFFINITY_SELECTORS.map((path) => ({ path, kind: 'Deployment', group: 'apps' })),
  { path: 'spec/selector/matchLabels', kind: 'ReplicaSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'DaemonSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'StatefulSet', group: 'apps', create: true },
  ...AFFINITY_SELECTORS.map((path) => ({ path, kind: 'StatefulSet', group: 'apps' })),
  { path: 'spec/selector/matchLabels', kind: 'Job', group: 'batch' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', kind: 'CronJob', group: 'batch' },
  { path: 'spec/selector/matchLabels', kind: 'PodDisruptionBudget', group: 'policy' },
  { path: 'spec/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io' },
  { path: 'spec/ingress[]/from[]/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io' },
  { path: 'spec/egress[]/to[]/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io' },
];

export const COMMON_ANNOTATIONS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...TEMPLATE_KINDS.map(([kind, group]) => ({ path: 'spec/template/metadata/annotations', kind, group, create: true })),
  { path: 'spec/jobTemplate/metadata/annotations', kind: 'CronJob', group: 'batch', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', kind: 'CronJob', group: 'batch', create: true },
];

export const IMAGES: FieldSpec[] = [
  { path: 'spec/containers[]/image' },
  { path: 'spec/initContainers[]/image' },
  { path: 'spec/template/spec/containers[]/image' },
  { path: 'spec/template/spec/initContainers[]/image' },
  { path: 'spec/jobTemplate/spec/template/spec/containers[]/image' },
  { path: 'spec/jobTemplate/spec/template/spec/initContainers[]/image' },
];

export const REPLICAS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ path: 'spec/replicas', kind, create: true }));

/** Kinds whose objects live outside namespaces (kustomize's IsClusterScoped list). */
export const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** The pod spec inside each workload kind, as a path prefix. */
const POD_SPECS: FieldSpec[] = [
  { path: 'spec', kind: 'Pod' },
  { path: 'template/spec', kind: 'PodTemplate' },
  ...['ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].map((kind) => ({ path: 'spec/template/spec', kind })),
  { path: 'spec/jobTemplate/spec/template/spec', kind: 'CronJob' },
];

function inPodSpecs(paths: string[]): FieldSpec[] {
  return POD_SPECS.flatMap((p) => paths.map((rel) => ({ path: `${p.path}/${rel}`, kind: p.kind })));
}

/** Where one kind's objects are referred to by name (kustomize's nameReference configuration, the common part). */
export const NAME_REFERENCES: { kind: string; referrers: FieldSpec[] }[] = [
  {
    kind: 'ConfigMap',
    referrers: inPodSpecs([
      'volumes[]/configMap/name',
      'volumes[]/projected/sources[]/configMap/name',
      'containers[]/env[]/valueFrom/configMapKeyRef/name',
      'initContainers[]/env[]/valueFrom/configMapKeyRef/name',
      'containers[]/envFrom[]/configMapRef/name',
      'initContainers[]/envFrom[]/configMapRef/name',
    ]),
  },
  {
    kind: 'Secret',
    referrers: [
      ...inPodSpecs([
        'volumes[]/secret/secretName',
        'volumes[]/projected/sources[]/secret/name',
        'containers[]/env[]/valueFrom/secretKeyRef/name',
        'initContainers[]/env[]/valueFrom/secretKeyRef/name',
        'containers[]/envFrom[]/secretRef/name',
        'initContainers[]/envFrom[]/secretRef/name',
        'imagePullSecrets[]/name',
      ]),
      { path: 'spec/tls[]/secretName', kind: 'Ingress' },
      { path: 'imagePullSecrets[]/name', kind: 'ServiceAccount' },
    ],
  },
  { kind: 'ServiceAccount', referrers: [...inPodSpecs(['serviceAccountName']), { path: 'subjects[]/name', kind: 'RoleBinding' }, { path: 'subjects[]/name', kind: 'ClusterRoleBinding' }] },
  { kind: 'PersistentVolumeClaim', referrers: inPodSpecs(['volumes[]/persistentVolumeClaim/claimName']) },
  {
    kind: 'Service',
    referrers: [
      { path: 'spec/serviceName', kind: 'StatefulSet' },
      { path: 'spec/rules[]/http/paths[]/backend/service/name', kind: 'Ingress' },
      { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
    ],
  },
  { kind: 'Role', referrers: [{ path: 'roleRef/name', kind: 'RoleBinding' }] },
  { kind: 'ClusterRole', referrers: [{ path: 'roleRef/name', kind: 'RoleBinding' }, { path: 'roleRef/name', kind: 'ClusterRoleBinding' }] },
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, referrers: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }] })),
];
