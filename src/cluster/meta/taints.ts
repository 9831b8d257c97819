/** Taints and tolerations as the scheduler and the taint-eviction controller match them. */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Whether a toleration matches a taint (empty key with Exists matches everything; empty effect all effects). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function toleratedBy(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => tolerates(t, taint));
}

/** The taint as kube-scheduler v1.32 prints it in FailedScheduling: `{key: value}`. */
export function taintForMessage(t: Taint): string {
  return `{${t.key}: ${t.value ?? ''}}`;
}

/** kubectl's and describe's form: `key=value:Effect` or `key:Effect`. */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
