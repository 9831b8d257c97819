import { bindingTable, defaultBinding, validateBinding } from './rbac.js';
import type { KindSpec } from './kindSpec.js';

export const roleBinding = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameRule: 'path',
  defaults: defaultBinding,
  validate: (obj, old) => validateBinding(obj, old, true),
  table: bindingTable,
} satisfies KindSpec;
