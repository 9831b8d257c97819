import type { KubeObject } from '../../cluster/api/types.js';

/** `-o name`: `<lower-case kind>[.<group>]/<name>`. */
export function nameOf(obj: KubeObject): string {
  const av = String(obj.apiVersion ?? '');
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  const kind = String(obj.kind ?? '').toLowerCase();
  // an object without a name yet (generateName, client dry run) prints as <unknown>
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata?.name || '<unknown>'}`;
}
