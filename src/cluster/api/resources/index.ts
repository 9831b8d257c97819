import type { KindSpec } from './kindSpec.js';
import { configMap } from './configMap.js';
import { endpoints } from './endpoints.js';
import { event } from './event.js';
import { limitRange } from './limitRange.js';
import { namespace } from './namespace.js';
import { node } from './node.js';
import { persistentVolumeClaim } from './persistentVolumeClaim.js';
import { persistentVolume } from './persistentVolume.js';
import { pod } from './pod.js';
import { replicationController } from './replicationController.js';
import { resourceQuota } from './resourceQuota.js';
import { secret } from './secret.js';
import { serviceAccount } from './serviceAccount.js';
import { service } from './service.js';
import { controllerRevision } from './controllerRevision.js';
import { daemonSet } from './daemonSet.js';
import { deployment } from './deployment.js';
import { replicaSet } from './replicaSet.js';
import { statefulSet } from './statefulSet.js';
import { horizontalPodAutoscaler } from './horizontalPodAutoscaler.js';
import { cronJob } from './cronJob.js';
import { job } from './job.js';
import { certificateSigningRequest } from './certificateSigningRequest.js';
import { ingressClass } from './ingressClass.js';
import { ingress } from './ingress.js';
import { networkPolicy } from './networkPolicy.js';
import { podDisruptionBudget } from './podDisruptionBudget.js';
import { clusterRoleBinding } from './clusterRoleBinding.js';
import { clusterRole } from './clusterRole.js';
import { roleBinding } from './roleBinding.js';
import { role } from './role.js';
import { storageClass } from './storageClass.js';
import { priorityClass } from './priorityClass.js';
import { lease } from './lease.js';
import { runtimeClass } from './runtimeClass.js';
import { endpointSlice } from './endpointSlice.js';
import { customResourceDefinition } from './customResourceDefinition.js';

/**
 * Every built-in kind, in discovery order: the core group first, each group's resources alphabetically,
 * groups in the API server's priority order. `kubectl get all` and short-name resolution follow it.
 * One line per kind.
 */
export const builtinKinds: KindSpec[] = [
  configMap,
  endpoints,
  event,
  limitRange,
  namespace,
  node,
  persistentVolumeClaim,
  persistentVolume,
  pod,
  replicationController,
  resourceQuota,
  secret,
  serviceAccount,
  service,
  controllerRevision,
  daemonSet,
  deployment,
  replicaSet,
  statefulSet,
  horizontalPodAutoscaler,
  cronJob,
  job,
  certificateSigningRequest,
  ingressClass,
  ingress,
  networkPolicy,
  podDisruptionBudget,
  clusterRoleBinding,
  clusterRole,
  roleBinding,
  role,
  storageClass,
  customResourceDefinition,
  priorityClass,
  lease,
  runtimeClass,
  endpointSlice,
];
