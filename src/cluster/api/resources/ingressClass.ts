import { age } from '../../meta/duration.js';
import { invalid, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/** PARAMETERS: `Kind[.apiGroup]/name`, or `<none>`. */
function parameters(o: KubeObject): string {
  const p = o.spec?.parameters;
  if (!p) return '<none>';
  return `${p.kind ?? ''}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name ?? ''}`;
}

export const ingressClass = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  generation: true,
  validate(obj, old) {
    const errs: FieldError[] = [];
    const controller = obj.spec?.controller;
    if (!controller) errs.push(required('spec.controller'));
    else if (controller.length > 250) errs.push({ type: 'FieldValueTooLong', field: 'spec.controller', detail: 'may not be more than 250 bytes' });
    if (old && old.spec?.controller !== controller) errs.push(invalid('spec.controller', controller ?? '', 'field is immutable'));
    const p = obj.spec?.parameters;
    if (p) {
      if (!p.kind) errs.push(required('spec.parameters.kind'));
      if (!p.name) errs.push(required('spec.parameters.name'));
    }
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.spec?.controller ?? '', parameters(o), age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
