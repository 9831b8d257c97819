import { validateAggregationRule, validateRules } from './rbac.js';
import type { FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

/** ClusterRole has no server-side printer: `get` shows NAME and CREATED AT. */
export const clusterRole = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameRule: 'path',
  validate(obj) {
    const errs: FieldError[] = [];
    validateRules(obj.rules, false, errs);
    validateAggregationRule(obj.aggregationRule, errs);
    return errs;
  },
} satisfies KindSpec;
