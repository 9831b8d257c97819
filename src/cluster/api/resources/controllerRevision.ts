import { age } from '../../meta/duration.js';
import { invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/** CONTROLLER: `daemonset.apps/kube-proxy`, the lower-cased GroupKind of the controlling owner and its name. */
function controllerName(o: KubeObject): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevision = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  validate(obj, old) {
    const errs: FieldError[] = [];
    if (typeof obj.revision === 'number' && obj.revision < 0) errs.push(invalid('revision', obj.revision, 'must be greater than or equal to 0'));
    if (old && JSON.stringify(old.data) !== JSON.stringify(obj.data))
      errs.push({ type: 'FieldValueInvalid', field: 'data', value: 'runtime.RawExtension{...}', detail: 'field is immutable' });
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, controllerName(o), o.revision ?? 0, age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
