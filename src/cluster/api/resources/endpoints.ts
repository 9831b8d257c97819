import { age } from '../../meta/duration.js';
import { invalid, required, validatePort, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/** The ENDPOINTS cell: the first three `ip:port` pairs, then `+ N more...` (printers.go formatEndpoints). */
function formatEndpoints(o: KubeObject): string {
  const subsets: any[] = o.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (!ports.length) {
      // headless services may have no ports
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(String(a.ip).includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${count - max} more...` : s;
}

export const endpoints = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  defaults(obj) {
    for (const ss of obj.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ??= 'TCP';
  },
  validate(obj) {
    const errs: FieldError[] = [];
    (obj.subsets ?? []).forEach((ss: any, i: number) => {
      const f = `subsets[${i}]`;
      if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length)
        errs.push(required(f, 'must specify `addresses` or `notReadyAddresses`'));
      for (const key of ['addresses', 'notReadyAddresses'])
        (ss[key] ?? []).forEach((a: any, j: number) => {
          if (!a.ip) errs.push(invalid(`${f}.${key}[${j}].ip`, a.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
        });
      (ss.ports ?? []).forEach((p: any, j: number) => validatePort(`${f}.ports[${j}].port`, p.port, errs));
    });
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, formatEndpoints(o), age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
