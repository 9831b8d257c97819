import { age } from '../../meta/duration.js';
import type { KindSpec } from './kindSpec.js';

export const namespace = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  nameRule: 'label',
  statusSubresource: true,
  defaults(obj) {
    // SetDefaults_Namespace: every namespace carries its own name as a label
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
  },
  prepareForCreate(obj) {
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    obj.spec = old.spec;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.status?.phase ?? '', age(o.metadata.creationTimestamp, now)],
  },
  fieldSelectors: { 'status.phase': (o) => o.status?.phase },
} satisfies KindSpec;
