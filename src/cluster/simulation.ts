import type { ApiServer } from './api/server.js';
import { Client } from './client/client.js';
import type { Clock } from './clock.js';
import type { Component, SyncContext } from './component.js';
import { EventRecorder } from './events.js';
import { ClusterView } from './view.js';
import { quorumLost } from './etcd.js';
import { StatusError } from './api/status.js';

/**
 * The clock the API server stamps objects with: wall (or manual) time normally, and the simulated
 * instant being replayed while the simulation catches up.
 */
export class SimClock implements Clock {
  cursor: number | undefined;
  constructor(readonly base: Clock) {}
  now(): number {
    return this.cursor ?? this.base.now();
  }
}

interface SyncState {
  /** the store revision after the last round: a different one means someone changed something since */
  rv: number;
  /** the machines' settings (stopped kubelets, controllers, flags) the last round saw */
  machines?: string;
  /** the simulated instant of the last round */
  at: number;
  /** when some component next has timed work (null: none), so a process can tell without loading them */
  nextAt?: number | null;
}

/** Rounds per instant before we assume components are fighting each other. */
const MAX_ROUNDS = 100;
/** Instants per catch-up, a guard against a component that keeps asking for the same time. */
const MAX_STEPS = 100000;

/**
 * Runs the control plane and the kubelets. There is no daemon: whenever a process opens the cluster,
 * or after it wrote to it, catchUp replays every instant at which some component had work, in order,
 * up to now. Everything runs in one store transaction, so other processes see the result whole.
 */
export class Simulation {
  private busy = false;

  constructor(
    private readonly api: ApiServer,
    private readonly clock: SimClock,
    private readonly components: () => Component[],
    /** loads the components' code; called only when something is due */
    private readonly load: () => Promise<void> = async () => undefined,
  ) {}

  private state(view: ClusterView): SyncState | undefined {
    return view.sim().sync as SyncState | undefined;
  }

  /** What the machines look like: a change there (a kubelet stopped, a controller off, a load, a shell's session ended) is a change too. */
  private machines(view: ClusterView): string {
    const sim = view.sim();
    return JSON.stringify([sim.nodes ?? {}, sim.controllers ?? {}, sim.config ?? {}, sim.load ?? {}, sim.etcd ?? {}, sim.stdin ?? {}]);
  }

  private changed(view: ClusterView, s: SyncState | undefined): boolean {
    return !s || s.rv !== view.revision() || (s.machines ?? '') !== this.machines(view);
  }

  /** Whether anything is due by `target`: answered from a plain read, without the lock or the components' code. */
  private async isDue(view: ClusterView, target: number): Promise<boolean> {
    const s = this.state(view);
    if (this.changed(view, s)) return true;
    if (s!.nextAt !== undefined) return s!.nextAt !== null && s!.nextAt <= target;
    await this.load();
    for (const c of this.components()) {
      const due = c.nextDue?.(view, s!.at, target);
      if (due !== undefined && due <= target) return true;
    }
    return false;
  }

  /** Brings the cluster up to `target` (default: now). Cheap when nothing is due. */
  async catchUp(target = this.clock.base.now()): Promise<void> {
    if (this.busy) return;
    const readView = new ClusterView(() => this.api.store.read());
    if (!this.api.store.exists() || !(await this.isDue(readView, target))) return;
    // without an etcd leader nothing can be written: the control plane stalls until quorum returns
    if (quorumLost(this.api.store.read())) return;
    this.busy = true;
    await this.load();
    try {
      await this.api.store.transaction(async (doc) => {
        const view = new ClusterView(() => this.api.store.read());
        this.api.kinds.sync(doc);
        const s = this.state(view);
        let t: number;
        if (this.changed(view, s)) {
          // something changed since the components last looked: they react at the present
          t = target;
        } else {
          const due = this.nextDue(view, s!.at, target);
          if (due === undefined || due > target) return;
          t = Math.max(due, s!.at);
        }
        for (let step = 0; step < MAX_STEPS; step++) {
          await this.round(view, t);
          const due = this.nextDue(view, t, target);
          if (due === undefined || due > target) break;
          t = due <= t ? t + 1000 : due;
        }
        const at = Math.max(t, target);
        doc.sim.sync = { rv: view.revision(), at, machines: this.machines(view), nextAt: this.nextDue(view, at, at) ?? null } satisfies SyncState;
      });
    } finally {
      this.clock.cursor = undefined;
      this.busy = false;
    }
  }

  private nextDue(view: ClusterView, now: number, target: number): number | undefined {
    let due: number | undefined;
    for (const c of this.components()) {
      const d = c.nextDue?.(view, now, target);
      if (d !== undefined && (due === undefined || d < due)) due = d;
    }
    return due;
  }

  /** Runs every component at instant t until none of them changes anything more. */
  private async round(view: ClusterView, t: number): Promise<void> {
    this.clock.cursor = t;
    for (let i = 0; i < MAX_ROUNDS; i++) {
      const before = view.revision();
      for (const c of this.components()) {
        const client = new Client(this.api, c.user);
        const ctx: SyncContext = {
          client,
          view,
          kinds: this.api.kinds,
          events: new EventRecorder(client, view, { component: c.eventSource }),
          now: t,
          as: (user) => new Client(this.api, user),
        };
        try {
          await c.sync(ctx);
        } catch (e) {
          // a refused request fails that component's sync, not the command that let the cluster catch up:
          // like a real controller it logs it (the request log has it) and tries again on its next turn
          if (!(e instanceof StatusError)) throw e;
        }
      }
      if (view.revision() === before) return;
    }
  }
}
