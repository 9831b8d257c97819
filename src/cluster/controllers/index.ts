import type { ControllerSpec } from './controllerSpec.js';
import { deploymentController } from './deployment.js';
import { replicaSetController } from './replicaSet.js';
import { daemonSetController } from './daemonSet.js';
import { statefulSetController } from './statefulSet.js';
import { jobController } from './job.js';
import { cronJobController } from './cronJob.js';
import { endpointsController } from './endpoints.js';
import { endpointSliceController } from './endpointSlice.js';
import { namespaceController } from './namespace.js';
import { garbageCollector } from './garbageCollector.js';
import { nodeLifecycleController } from './nodeLifecycle.js';
import { taintEvictionController } from './taintEviction.js';
import { podGCController } from './podGC.js';
import { serviceAccountController } from './serviceAccount.js';
import { rootCACertPublisher } from './rootCACertPublisher.js';
import { ttlAfterFinishedController } from './ttlAfterFinished.js';
import { horizontalPodAutoscalerController } from './horizontalPodAutoscaler.js';
import { resourceQuotaController } from './resourceQuota.js';
import { persistentVolumeBinderController } from './persistentVolumeBinder.js';
import { pvcProtectionController } from './pvcProtection.js';
import { pvProtectionController } from './pvProtection.js';
import { csrApprovingController } from './csrApproving.js';
import { csrSigningController } from './csrSigning.js';

/** kube-controller-manager's controllers, one line each, in the order they run within a round. */
export const controllers: ControllerSpec[] = [
  deploymentController,
  replicaSetController,
  daemonSetController,
  statefulSetController,
  jobController,
  cronJobController,
  endpointsController,
  endpointSliceController,
  namespaceController,
  garbageCollector,
  nodeLifecycleController,
  taintEvictionController,
  podGCController,
  serviceAccountController,
  rootCACertPublisher,
  ttlAfterFinishedController,
  horizontalPodAutoscalerController,
  resourceQuotaController,
  persistentVolumeBinderController,
  pvcProtectionController,
  pvProtectionController,
  csrApprovingController,
  csrSigningController,
];

const names = new Set<string>();
for (const c of controllers)
  for (const n of [c.name, ...c.aliases]) {
    if (names.has(n)) throw new Error(`controller name ${n} is registered twice`);
    names.add(n);
  }

/** Finds a controller by canonical name or --controllers alias. */
export function findController(name: string): ControllerSpec | undefined {
  return controllers.find((c) => c.name === name || c.aliases.includes(name));
}

export interface ControllerSettings {
  disabled?: string[];
  enabled?: string[];
}

/** Which controllers run, given `--controllers`-style settings kept in the store. */
export function enabledControllers(sim: Record<string, unknown>): ControllerSpec[] {
  return controllers.filter((c) => isEnabled(c, sim));
}

export function isEnabled(c: ControllerSpec, sim: Record<string, unknown>): boolean {
  const s = (sim.controllers ?? {}) as ControllerSettings;
  return c.disabledByDefault ? (s.enabled ?? []).includes(c.name) : !(s.disabled ?? []).includes(c.name);
}
