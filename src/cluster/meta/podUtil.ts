import type { KubeObject } from '../api/types.js';

/** Not finished and not being deleted: what controllers count towards their replicas. */
export function isPodActive(p: KubeObject): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function podCondition(p: KubeObject, type: string): { status: string; lastTransitionTime?: string } | undefined {
  return (p.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

export function isPodReady(p: KubeObject): boolean {
  return podCondition(p, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(p: KubeObject, minReadySeconds: number, now: number): boolean {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  return !!c.lastTransitionTime && Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 <= now;
}

/** When a ready pod becomes available (undefined when not ready). */
export function availableAt(p: KubeObject, minReadySeconds: number): number | undefined {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime) + minReadySeconds * 1000;
}
