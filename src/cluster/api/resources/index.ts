import type { KindSpec } from './kindSpec.js';
import { namespace } from './namespace.js';
import { node } from './node.js';
import { pod } from './pod.js';
import { configMap } from './configMap.js';
import { service } from './service.js';
import { endpoints } from './endpoints.js';
import { secret } from './secret.js';
import { serviceAccount } from './serviceAccount.js';
import { event } from './event.js';
import { deployment } from './deployment.js';
import { replicaSet } from './replicaSet.js';
import { daemonSet } from './daemonSet.js';
import { statefulSet } from './statefulSet.js';
import { job } from './job.js';
import { cronJob } from './cronJob.js';
import { endpointSlice } from './endpointSlice.js';
import { lease } from './lease.js';
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
  namespace,
  node,
  pod,
  secret,
  serviceAccount,
  service,
  daemonSet,
  deployment,
  replicaSet,
  statefulSet,
  cronJob,
  job,
  customResourceDefinition,
  lease,
  endpointSlice,
];
