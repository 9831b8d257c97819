import type { KubeObject } from '../types.js';

/**
 * What PersistentVolumes and PersistentVolumeClaims share: access modes, their abbreviations, and the
 * storage class a volume or claim names (the beta annotation still wins over the field).
 */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, joined with commas. */
export function accessModesString(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

export function storageClassOf(o: KubeObject): string {
  const ann = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return o.spec?.storageClassName ?? '';
}
