import { age } from '../../meta/duration.js';
import { isConfigMapKey } from './dataKeys.js';
import { invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

export const configMap = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  validate(obj) {
    const errs: FieldError[] = [];
    for (const k of [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})])
      for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
    row: (o, now) => [
      o.metadata.name!,
      Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
      age(o.metadata.creationTimestamp, now),
    ],
  },
} satisfies KindSpec;
