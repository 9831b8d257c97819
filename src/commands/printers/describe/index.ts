import type { KubeObject } from '../../../cluster/api/types.js';
import { configMap } from './configMap.js';
import { cronJob } from './cronJob.js';
import { daemonSet } from './daemonSet.js';
import { deployment } from './deployment.js';
import type { DescribeContext, Describer } from './describer.js';
import { endpoints } from './endpoints.js';
import { endpointSlice } from './endpointSlice.js';
import { describeGeneric } from './generic.js';
import { horizontalPodAutoscaler } from './horizontalPodAutoscaler.js';
import { ingress } from './ingress.js';
import { ingressClass } from './ingressClass.js';
import { job } from './job.js';
import { limitRange } from './limitRange.js';
import { namespace } from './namespace.js';
import { networkPolicy } from './networkPolicy.js';
import { node } from './node.js';
import { persistentVolume } from './persistentVolume.js';
import { persistentVolumeClaim } from './persistentVolumeClaim.js';
import { pod } from './pod.js';
import { podDisruptionBudget } from './podDisruptionBudget.js';
import { priorityClass } from './priorityClass.js';
import { clusterRole, clusterRoleBinding, role, roleBinding } from './rbac.js';
import { replicaSet } from './replicaSet.js';
import { replicationController } from './replicationController.js';
import { resourceQuota } from './resourceQuota.js';
import { secret } from './secret.js';
import { service } from './service.js';
import { serviceAccount } from './serviceAccount.js';
import { statefulSet } from './statefulSet.js';
import { storageClass } from './storageClass.js';

/** kubectl's describerMap: one describer per group and kind; every other kind gets the generic one. */
export const describers: Describer[] = [
  pod,
  node,
  namespace,
  service,
  endpoints,
  configMap,
  secret,
  serviceAccount,
  deployment,
  replicaSet,
  daemonSet,
  statefulSet,
  job,
  cronJob,
  persistentVolume,
  persistentVolumeClaim,
  resourceQuota,
  limitRange,
  horizontalPodAutoscaler,
  ingress,
  role,
  clusterRole,
  roleBinding,
  clusterRoleBinding,
  storageClass,
  priorityClass,
  podDisruptionBudget,
  networkPolicy,
  endpointSlice,
  ingressClass,
  replicationController,
];

const byKind = new Map<string, Describer>();
for (const d of describers) {
  const key = `${d.group}/${d.kind}`;
  if (byKind.has(key)) throw new Error(`describer ${key} registered twice`);
  byKind.set(key, d);
}

/** The text kubectl describe prints for one object. */
export function describeObject(group: string, obj: KubeObject, ctx: DescribeContext): string {
  const d = byKind.get(`${group}/${obj.kind}`);
  return d ? d.describe(obj, ctx) : describeGeneric(obj, ctx);
}
