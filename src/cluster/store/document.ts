import type { KubeObject } from '../api/types.js';

/** Bumped whenever the document's shape changes; migrations.ts carries older documents forward. */
export const SCHEMA_VERSION = 2;

/** How many watch events the log keeps; a watcher that falls further behind relists (410 Gone). */
export const WATCH_LOG_SIZE = 2000;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** storage key of the resource, `<group>/<plural>` ("/pods", "apps/deployments") */
  resource: string;
  object: KubeObject;
  rv: number;
}

/** One cluster's whole state: what etcd holds in a real cluster, plus the simulation's own bookkeeping. */
export interface StoreDocument {
  schemaVersion: number;
  /** the cluster-wide revision; every write bumps it, like etcd's */
  resourceVersion: number;
  /** objects by resource key, then by `<namespace>/<name>` (cluster-scoped: `/<name>`) */
  objects: Record<string, Record<string, KubeObject>>;
  /** the bounded watch log, oldest first */
  events: WatchEvent[];
  /** state that belongs to the simulation rather than to any object (clock, allocators, settings) */
  sim: Record<string, unknown>;
}

export function emptyDocument(): StoreDocument {
  return { schemaVersion: SCHEMA_VERSION, resourceVersion: 1, objects: {}, events: [], sim: {} };
}
