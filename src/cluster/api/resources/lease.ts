import { age } from '../../meta/duration.js';
import { invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

export const lease = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  validate(obj) {
    const errs: FieldError[] = [];
    const s = obj.spec ?? {};
    if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0)
      errs.push(invalid('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
    if (s.leaseTransitions !== undefined && s.leaseTransitions < 0)
      errs.push(invalid('spec.leaseTransitions', s.leaseTransitions, 'must be greater than or equal to 0'));
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Holder' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.spec?.holderIdentity ?? '', age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
