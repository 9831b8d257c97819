import type { ControllerSpec } from './controllerSpec.js';
import { deploymentController } from './deployment.js';
import { replicaSetController } from './replicaSet.js';
import { garbageCollector } from './garbageCollector.js';
import { namespaceController } from './namespace.js';

/** kube-controller-manager's controllers, one line each, in the order they run within a round. */
export const controllers: ControllerSpec[] = [deploymentController, replicaSetController, namespaceController, garbageCollector];

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

/** Which controllers run, given `--controllers`-style settings kept in the store. */
export function enabledControllers(sim: Record<string, unknown>): ControllerSpec[] {
  const settings = (sim.controllers ?? {}) as { disabled?: string[]; enabled?: string[] };
  return controllers.filter((c) =>
    c.disabledByDefault ? (settings.enabled ?? []).includes(c.name) : !(settings.disabled ?? []).includes(c.name),
  );
}
