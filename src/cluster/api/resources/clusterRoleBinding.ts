import { bindingTable, defaultBinding, validateBinding } from './rbac.js';
import type { KindSpec } from './kindSpec.js';

export const clusterRoleBinding = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameRule: 'path',
  defaults: defaultBinding,
  validate: (obj, old) => validateBinding(obj, old, false),
  table: bindingTable,
} satisfies KindSpec;
