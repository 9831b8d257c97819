import { age } from '../../meta/duration.js';
import type { KindSpec } from './kindSpec.js';

export const serviceAccount = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  table: {
    columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, (o.secrets ?? []).length, age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
