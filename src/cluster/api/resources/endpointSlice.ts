import { age } from '../../meta/duration.js';
import { notSupported, required, validatePort, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** The first three items, then ` + N more...`, or `<unset>` (printers.go listWithMoreString). */
function listWithMore(items: string[]): string {
  const max = 3;
  const s = items.slice(0, max).join(',');
  if (items.length > max) return `${s} + ${items.length - max} more...`;
  return s || '<unset>';
}

function portsCell(o: KubeObject): string {
  return listWithMore(((o.ports ?? []) as any[]).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*')));
}

function endpointsCell(o: KubeObject): string {
  return listWithMore(((o.endpoints ?? []) as any[]).flatMap((e) => e.addresses ?? []));
}

export const endpointSlice = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  defaults(obj) {
    for (const p of obj.ports ?? []) {
      p.protocol ??= 'TCP';
      p.name ??= '';
    }
  },
  validate(obj, old) {
    const errs: FieldError[] = [];
    if (!obj.addressType) errs.push(required('addressType'));
    else if (!ADDRESS_TYPES.includes(obj.addressType)) errs.push(notSupported('addressType', obj.addressType, ADDRESS_TYPES));
    else if (old && old.addressType !== obj.addressType)
      errs.push({ type: 'FieldValueInvalid', field: 'addressType', value: JSON.stringify(obj.addressType), detail: 'field is immutable' });
    (obj.endpoints ?? []).forEach((e: any, i: number) => {
      if (!(e.addresses ?? []).length) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    });
    (obj.ports ?? []).forEach((p: any, i: number) => {
      if (p.port !== undefined && p.port !== null) validatePort(`ports[${i}].port`, p.port, errs);
    });
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.addressType ?? '', portsCell(o), endpointsCell(o), age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
