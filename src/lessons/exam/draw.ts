import { DOMAINS, type DrawnTask, type ExamTask, type Track } from '../examSchema.js';
import { drawTask } from './loader.js';
import { hashString, prng } from './template.js';

/** A real exam has 15-20 tasks. */
export const MIN_TASKS = 15;
export const MAX_TASKS = 20;

/** How many tasks each domain gets: its share by weight, largest remainders first, capped by what the bank has. */
export function domainQuota(track: Track, count: number, available: Record<string, number>): Record<string, number> {
  const weights = DOMAINS[track];
  const quota: Record<string, number> = Object.fromEntries(Object.keys(weights).map((d) => [d, 0]));
  let left = Math.min(count, Object.values(available).reduce((a, b) => a + b, 0));
  while (left > 0) {
    // the domain furthest below its share takes the next slot, among those with tasks left
    const total = Object.values(quota).reduce((a, b) => a + b, 0) + 1;
    const open = Object.keys(weights).filter((d) => quota[d] < (available[d] ?? 0));
    if (!open.length) break;
    open.sort((a, b) => total * weights[b] - 100 * quota[b] - (total * weights[a] - 100 * quota[a]) || a.localeCompare(b));
    quota[open[0]]++;
    left--;
  }
  return quota;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Draws an exam from the bank: the number of tasks (15-20 unless asked), each domain's share by its
 * curriculum weight, and each task's variant, all from the seed. Tasks sharing a context get distinct
 * namespaces (a variant that collides is drawn again) and the same fixture, since they share a cluster.
 */
export function drawExam(bank: ExamTask[], track: Track, seed: number, count?: number): DrawnTask[] {
  const rand = prng(hashString(`exam:${track}:${seed}`));
  const pool = bank.filter((t) => t.track === track);
  const n = count ?? MIN_TASKS + Math.floor(rand() * (MAX_TASKS - MIN_TASKS + 1));
  const byDomain: Record<string, ExamTask[]> = {};
  for (const t of shuffle(pool, rand)) (byDomain[t.domain] ??= []).push(t);
  const quota = domainQuota(track, n, Object.fromEntries(Object.entries(byDomain).map(([d, ts]) => [d, ts.length])));
  const picked: ExamTask[] = [];
  for (const [d, k] of Object.entries(quota)) picked.push(...(byDomain[d] ?? []).slice(0, k));
  const fixtures = new Map<string, string>();
  const namespaces = new Map<string, Set<string>>();
  const out: DrawnTask[] = [];
  for (const task of shuffle(picked, rand)) {
    let drawn = drawTask(task, seed);
    const ctx = drawn.context!;
    const fixture = drawn.cluster?.fixture ?? 'default';
    if ((fixtures.get(ctx) ?? fixture) !== fixture) continue;
    const used = namespaces.get(ctx) ?? new Set<string>();
    for (let again = 1; again < 20 && drawn.namespace && drawn.namespace !== 'default' && used.has(drawn.namespace); again++)
      drawn = drawTask(task, seed + again * 7919);
    if (drawn.namespace && drawn.namespace !== 'default' && used.has(drawn.namespace)) continue;
    if (drawn.namespace) used.add(drawn.namespace);
    namespaces.set(ctx, used);
    fixtures.set(ctx, fixture);
    out.push(drawn);
  }
  return out;
}
