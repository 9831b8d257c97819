import { age } from '../../meta/duration.js';
import { decodeQuantities } from './quantities.js';
import { invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/** REQUEST and LIMIT: `res: used/hard` for every hard resource, `limits.*` in LIMIT (printers.go printResourceQuota). */
function quotaCells(o: KubeObject): [string, string] {
  const hard: Record<string, string> = o.status?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${r}: ${used[r] ?? '0'}/${hard[r]}`);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuota = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  statusSubresource: true,
  defaults(obj) {
    decodeQuantities('ResourceQuota', 'v1', [obj.spec?.hard, obj.status?.hard, obj.status?.used]);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj) {
    const errs: FieldError[] = [];
    for (const [k, v] of Object.entries(obj.spec?.hard ?? {})) {
      if (Number.parseFloat(String(v)) < 0) errs.push(invalid(`spec.hard[${k}]`, String(v), 'must be greater than or equal to 0'));
    }
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Request' }, { name: 'Limit' }, { name: 'Age' }],
    row: (o, now) => {
      const [request, limit] = quotaCells(o);
      return [o.metadata.name!, request, limit, age(o.metadata.creationTimestamp, now)];
    },
  },
} satisfies KindSpec;
