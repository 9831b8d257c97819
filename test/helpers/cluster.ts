import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/cluster/clock.js';
import { openCluster, type Engine } from '../../src/cluster/engine.js';
import { StatusError } from '../../src/cluster/api/status.js';
import { kubectl } from './kubectl.js';

/** A seeded random source, so names and uids are the same on every run. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function tempHome(prefix = 'kubecadet-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCluster {
  engine: Engine;
  clock: ManualClock;
  home: string;
  /** moves the manual clock forward, e.g. advance('40s') */
  advance(ms: number): void;
}

/**
 * A cluster in a fresh temporary home, on a manual clock, from a fixture (default: "default"). With
 * simulate: false nothing reacts to what a test stores (for tests of the API and printers alone).
 * `start` is the instant the manual clock starts at (default 2026-01-01T12:00:00Z).
 */
export async function newTestCluster(opts: { fixture?: string; home?: string; name?: string; simulate?: boolean; start?: number } = {}): Promise<TestCluster> {
  const home = opts.home ?? tempHome();
  const clock = new ManualClock(opts.start);
  const engine = await openCluster(home, opts.name ?? 'kubernetes', { clock, fixture: opts.fixture, random: seededRandom(), simulate: opts.simulate });
  return { engine, clock, home, advance: (ms) => clock.advanceMs(ms) };
}

/** Lets simulated time pass in 2 s steps, syncing after each, as a learner waiting at the prompt would. */
export async function settle(engine: Engine, clock: ManualClock, duration = '20s'): Promise<void> {
  const { parseDuration } = await import('../../src/cluster/meta/duration.js');
  const total = parseDuration(duration) ?? 20_000;
  for (let done = 0; done < total; done += 2000) {
    clock.advanceMs(Math.min(2000, total - done));
    await engine.sync();
  }
}

/** The StatusError a request is refused with; fails when it is accepted. */
export async function refusal(fn: () => unknown): Promise<StatusError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('the request was accepted');
}

/** A cluster whose pod `web` (nginx) runs, and `add`, which adds an ephemeral container to it through pods/ephemeralcontainers. */
export async function withRunningPod() {
  const c = await newTestCluster();
  await kubectl(c.engine, 'run web --image=nginx');
  c.advance(10_000);
  await c.engine.sync();
  const client = c.engine.client();
  const pods = client.kinds.forKind('Pod', '')!;
  const add = (ec: Record<string, unknown>) => client.patch(pods, 'default', 'web', 'strategic', { spec: { ephemeralContainers: [ec] } }, { subresource: 'ephemeralcontainers' });
  return { c, client, pods, add };
}
