import { ApiServer } from './api/server.js';
import { Client } from './client/client.js';
import { WallClock, type Clock } from './clock.js';
import { clusterFile } from './home.js';
import { Store } from './store/store.js';
import { loadFixture } from './fixtures.js';
import { KindRegistry } from './api/registry.js';

export interface OpenOptions {
  clock?: Clock;
  /** the starting cluster when the store does not exist yet (default: "default") */
  fixture?: string;
  /** a seeded random source, for reproducible names and uids in tests */
  random?: () => number;
}

/** One open cluster: the API server over its store, and clients for whoever needs one. */
export interface Engine {
  readonly name: string;
  readonly store: Store;
  readonly api: ApiServer;
  readonly clock: Clock;
  /** a client under the given identity (kubectl's is `kubernetes-admin`) */
  client(user?: string): Client;
}

/**
 * The only entry the rest of kubecadet uses to reach a cluster. A store that does not exist yet is
 * created from a fixture through the API, so a fresh KUBECADET_HOME gets the default cluster.
 */
export async function openCluster(home: string, name: string, opts: OpenOptions = {}): Promise<Engine> {
  const store = new Store(clusterFile(home, name));
  const clock = opts.clock ?? new WallClock();
  const api = new ApiServer(store, clock, { kinds: new KindRegistry(), random: opts.random });
  const engine: Engine = {
    name,
    store,
    api,
    clock,
    client: (user = 'kubernetes-admin') => new Client(api, user),
  };
  if (!store.exists()) await bootstrap(engine, opts.fixture ?? 'default');
  return engine;
}

/** Fills an empty store from a fixture in one transaction, so other processes see all of it or none. */
export async function bootstrap(engine: Engine, fixture: string): Promise<void> {
  await engine.store.transaction(async (doc) => {
    if (doc.resourceVersion > 1) return; // another process got there first
    await loadFixture(engine.client('system:admin'), fixture);
  });
}
