import { ApiServer } from './api/server.js';
import { Client } from './client/client.js';
import { ManualClock, WallClock, type Clock } from './clock.js';
import { clusterFile } from './home.js';
import { Store } from './store/store.js';
import { loadFixture } from './fixtures.js';
import { KindRegistry } from './api/registry.js';
import { SimClock, Simulation } from './simulation.js';
import type { Component } from './component.js';
import { bootstrapPolicy } from './api/authz/bootstrapPolicy.js';
import { RequestTracer, type TracedRequest } from './api/trace.js';
import { RequestLog, requestLogFile } from './store/requestLog.js';

export interface OpenOptions {
  clock?: Clock;
  /** the starting cluster when the store does not exist yet (default: "default") */
  fixture?: string;
  /** a seeded random source, for reproducible names and uids in tests */
  random?: () => number;
  /** false freezes the cluster: no controller, scheduler or kubelet reacts (tests of the API alone) */
  simulate?: boolean;
}

/** One open cluster: the API server over its store, the simulated control plane, and clients. */
export interface Engine {
  readonly name: string;
  readonly store: Store;
  readonly api: ApiServer;
  /** simulated time: what the API server stamps objects with */
  readonly clock: Clock;
  /** a client under the given identity (kubectl's is `kubernetes-admin`); groups, when authentication already found them */
  client(user?: string, groups?: string[]): Client;
  /** runs the control plane and kubelets up to now (or `target`): cheap when nothing is due */
  sync(target?: number): Promise<void>;
  /** moves this process's clock (a wall clock's offset, or a manual clock) forward by ms */
  shiftClock(ms: number): void;
  /** the API server's log of the requests it handled, every process's (`kubecadet trace`) */
  readonly requests: { log: RequestLog<TracedRequest>; flush(): void };
}

/** The most requests one process hands to the log; a long catch-up keeps only its last ones. */
export const REQUEST_LOG_KEEP = 1000;

/** Request logs with requests not yet written; a process writes them as it exits. */
const unflushed = new Set<() => void>();
let exitHook = false;

/**
 * Every request the API server handles is traced and appended to the cluster's request log shortly
 * after, or when the process exits; the trace costs a stringify per admission plugin on writes.
 */
function recordRequests(api: ApiServer, store: Store, clock: Clock): Engine['requests'] {
  const log = new RequestLog<TracedRequest>(requestLogFile(store.file));
  const tracer = new RequestTracer({ limit: REQUEST_LOG_KEEP, now: () => clock.now() });
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    unflushed.delete(flush);
    log.append(tracer.drain());
  };
  tracer.onRecord = () => {
    if (timer) return;
    timer = setTimeout(flush, 200).unref();
    unflushed.add(flush);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => [...unflushed].forEach((f) => f()));
    }
  };
  api.tracer = tracer;
  return { log, flush };
}

/** The time a wall clock is shifted by, kept in the store by `kubecadet cluster advance`. */
function storedOffset(store: Store): number {
  try {
    return Number((store.read().sim.clock as { offsetMs?: number } | undefined)?.offsetMs ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The only entry the rest of kubecadet uses to reach a cluster. A store that does not exist yet is
 * created from a fixture through the API, so a fresh KUBECADET_HOME gets the default cluster.
 */
export async function openCluster(home: string, name: string, opts: OpenOptions = {}): Promise<Engine> {
  const store = new Store(clusterFile(home, name));
  const base = opts.clock ?? new WallClock(storedOffset(store));
  const clock = new SimClock(base);
  const api = new ApiServer(store, clock, { kinds: new KindRegistry(), random: opts.random });
  const requests = recordRequests(api, store, clock);
  // the components load on the first sync, so commands that never need them stay fast
  let components: ((sim: Record<string, unknown>) => Component[]) | undefined;
  const loadComponents = async () => {
    const [{ scheduler }, { enabledControllers }, { kubelet }] = await Promise.all([
      import('./scheduler/scheduler.js'),
      import('./controllers/index.js'),
      import('./kubelet/kubelet.js'),
    ]);
    return (s: Record<string, unknown>) => [scheduler, ...enabledControllers(s), kubelet];
  };
  const sim = new Simulation(
    api,
    clock,
    () => components!(store.read().sim),
    async () => {
      components ??= await loadComponents();
    },
  );
  const engine: Engine = {
    name,
    store,
    api,
    clock,
    requests,
    client: (user = 'kubernetes-admin', groups?: string[]) => new Client(api, user, groups),
    shiftClock: (ms) => {
      if (base instanceof WallClock || base instanceof ManualClock) base.shift(ms);
    },
    sync: async (target) => {
      if (opts.simulate === false) return;
      await sim.catchUp(target);
    },
  };
  if (!store.exists()) {
    const born = await bootstrap(engine, opts.fixture ?? 'default');
    // the control plane first runs at the cluster's birth (default ServiceAccounts, CA bundles,
    // endpoints, node Leases get their age from then), then catches up to now
    if (born !== undefined) await engine.sync(born);
    await engine.sync();
  } else await reconcilePolicy(engine);
  return engine;
}

/**
 * The API server's RBAC bootstrap at start: it creates the default ClusterRoles and ClusterRoleBindings
 * that are missing (a cluster stored before they existed gets them too), as kube-apiserver's
 * rbac/bootstrap-roles post-start hook does. Returns without writing when all are there.
 */
export async function reconcilePolicy(engine: Engine): Promise<void> {
  const client = engine.client('system:apiserver');
  const missing = () => {
    const doc = engine.store.read();
    return bootstrapPolicy().filter((o) => !doc.objects[`rbac.authorization.k8s.io/${o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}`]?.[`/${o.metadata.name}`]);
  };
  if (!engine.store.exists() || !missing().length) return;
  await engine.store.transaction(async () => {
    for (const o of missing()) await client.create(client.kinds.forKind(o.kind, 'rbac.authorization.k8s.io')!, o);
  });
}

/**
 * Fills an empty store from a fixture in one transaction, so other processes see all of it or none.
 * The fixture is created at the instants it was written for (its `age` ago), with the API server's clock
 * moved there while it loads. Returns the cluster's birth, or undefined if another process got there first.
 */
export async function bootstrap(engine: Engine, fixture: string): Promise<number | undefined> {
  const clock = engine.clock as SimClock;
  return engine.store.transaction(async (doc) => {
    if (doc.resourceVersion > 1) return undefined;
    try {
      const admin = engine.client('system:apiserver');
      const born = await loadFixture(admin, fixture, {
        now: clock.base.now(),
        at: (t) => (clock.cursor = t),
        atBirth: async () => {
          for (const o of bootstrapPolicy()) await admin.create(admin.kinds.forKind(o.kind, 'rbac.authorization.k8s.io')!, o);
        },
      });
      doc.sim.fixture = fixture;
      return born;
    } finally {
      clock.cursor = undefined;
    }
  });
}
