import type { Client } from './client/client.js';
import type { KindRegistry } from './api/registry.js';
import type { ClusterView } from './view.js';
import type { EventRecorder } from './events.js';

/** What the simulation hands a component on every round. */
export interface SyncContext {
  /** a client under the component's own identity: every write takes the API server's full path */
  client: Client;
  view: ClusterView;
  kinds: KindRegistry;
  events: EventRecorder;
  /** the simulated instant this round runs at, in ms */
  now: number;
  /** a client under another identity (each kubelet acts as system:node:<name>) */
  as(user: string): Client;
}

/**
 * A control-plane or node component: a controller, the scheduler, a kubelet. Components are
 * level-triggered: every round they look at the whole state and act on what differs from what they want.
 * They never keep timers; instead they say when they next need to run (nextDue), derived from the
 * objects' own timestamps, which is what lets the simulation catch up a week in milliseconds.
 */
export interface Component {
  /** the component's name (`replicaset-controller`, `default-scheduler`, `kubelet`) */
  name: string;
  /** the identity its requests are made under */
  user: string;
  /** event source component (`deployment-controller`, `default-scheduler`, `kubelet`) */
  eventSource: string;
  /** acts on the current state at ctx.now; writes through ctx.client */
  sync(ctx: SyncContext): Promise<void>;
  /**
   * The earliest instant after `now` at which sync must run even if nothing else changes. `target` is
   * where the catch-up is heading: periodic work (a CronJob firing every minute) may skip instants
   * whose effects a later one would erase anyway, which is what keeps a week-long catch-up cheap.
   */
  nextDue?(view: ClusterView, now: number, target: number): number | undefined;
}
