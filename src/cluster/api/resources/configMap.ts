import { age } from '../../meta/duration.js';
import { base64ErrorOffset, isConfigMapKey } from './dataKeys.js';
import { badRequest } from '../status.js';
import { forbiddenField, invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

export const configMap = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  defaults(obj) {
    // binaryData is []byte: a value that is not base64 fails the decode, before any validation
    for (const v of Object.values((obj.binaryData ?? {}) as Record<string, unknown>)) {
      const at = typeof v === 'string' ? base64ErrorOffset(v) : undefined;
      if (at !== undefined) throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte ${at}`);
    }
  },
  validate(obj, old) {
    // ValidateConfigMapUpdate checks immutability first, then the ConfigMap itself
    const errs: FieldError[] = [];
    if (old?.immutable === true) {
      if (obj.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
      if (JSON.stringify(obj.data ?? null) !== JSON.stringify(old.data ?? null)) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
      if (JSON.stringify(obj.binaryData ?? null) !== JSON.stringify(old.binaryData ?? null))
        errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'));
    }
    for (const k of Object.keys(obj.data ?? {})) {
      for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
      if (obj.binaryData && k in obj.binaryData) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    }
    for (const k of Object.keys(obj.binaryData ?? {})) for (const m of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, k, m));
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
