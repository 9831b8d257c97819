import type { StoreDocument } from './store/document.js';
import type { KubeObject } from './api/types.js';

/**
 * A read-only view of the cluster for the components (what client-go's listers give controllers). It reads
 * the live document without copying; components must never mutate what it returns, and write through
 * their Client instead.
 */
export class ClusterView {
  constructor(private readonly doc: () => StoreDocument) {}

  /** All objects of a resource key (`/pods`, `apps/deployments`), optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[] {
    const all = Object.values(this.doc().objects[resource] ?? {});
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.doc().objects[resource]?.[`${namespace ?? ''}/${name}`];
  }

  /** Every resource key that holds objects. */
  resources(): string[] {
    return Object.keys(this.doc().objects);
  }

  /** The store revision: components compare it before and after a round to know whether anything changed. */
  revision(): number {
    return this.doc().resourceVersion;
  }

  /** Simulation settings kept beside the objects (stopped nodes, disabled controllers, ...). */
  sim(): Record<string, unknown> {
    return this.doc().sim;
  }
}
