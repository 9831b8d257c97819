import { validateRules } from './rbac.js';
import type { FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

/** Role has no server-side printer: `get` shows NAME and CREATED AT. */
export const role = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  nameRule: 'path',
  validate(obj) {
    const errs: FieldError[] = [];
    validateRules(obj.rules, true, errs);
    return errs;
  },
} satisfies KindSpec;
