import type { KubeObject } from '../api/types.js';
import type { KindSpec } from '../api/resources/kindSpec.js';
import type { SyncContext } from '../component.js';
import { StatusError } from '../api/status.js';

/**
 * What a controller does when the API server refuses an object it creates for an owner (a quota, an
 * admission plugin, a missing namespace): the refusal becomes a FailedCreate event on the owner, and the
 * owner waits out the workqueue's backoff before its controller tries again, instead of failing the sync.
 */

/**
 * When a controller whose pod creations failed may try again: the workqueue's per-item backoff
 * (5ms doubling per failure, at most 1000s), counted from the FailedCreate events since its last
 * successful creation. Undefined when nothing failed.
 */
export function createRetryAt(events: KubeObject[], owner: KubeObject): number | undefined {
  const mine = events.filter((e) => e.involvedObject?.uid === owner.metadata.uid);
  const at = (e: KubeObject) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp);
  const success = Math.max(-Infinity, ...mine.filter((e) => e.reason === 'SuccessfulCreate').map(at));
  const failed = mine.filter((e) => e.reason === 'FailedCreate' && at(e) >= success);
  if (!failed.length) return undefined;
  const n = failed.reduce((sum, e) => sum + (e.count ?? 1), 0);
  return Math.max(...failed.map(at)) + Math.min(5 * 2 ** (n - 1), 1_000_000);
}

/** The next backoff expiry among owners that still lack pods, after now. */
export function nextCreateRetry(events: KubeObject[], owners: KubeObject[], now: number): number | undefined {
  let due: number | undefined;
  for (const o of owners) {
    const at = createRetryAt(events, o);
    if (at !== undefined && at > now && (due === undefined || at < due)) due = at;
  }
  return due;
}

/**
 * Creates obj for owner; a refusal is recorded as the owner's FailedCreate event (RealPodControl's
 * "Error creating: ..." unless the controller words it otherwise) and gives undefined.
 */
export async function createOrRecord(
  ctx: SyncContext,
  owner: KubeObject,
  spec: KindSpec,
  obj: KubeObject,
  failed: (err: string) => string = (err) => `Error creating: ${err}`,
): Promise<KubeObject | undefined> {
  try {
    return await ctx.client.create(spec, obj, obj.metadata.namespace);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    await ctx.events.record(owner, 'Warning', 'FailedCreate', failed(e.message));
    return undefined;
  }
}

/** Whether owner's backoff after failed creations is over (or nothing failed). */
export function mayCreate(ctx: SyncContext, owner: KubeObject): boolean {
  const at = createRetryAt(ctx.view.list('/events', owner.metadata.namespace), owner);
  return at === undefined || at <= ctx.now;
}
