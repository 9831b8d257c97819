import { age } from '../../meta/duration.js';
import { notMoreThan100Percent, validateLabelSelector, validatePositiveIntOrPercent } from './podTemplate.js';
import { notSupported, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export const podDisruptionBudget = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  prepareForCreate(obj) {
    obj.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec',
        value: 'policy.PodDisruptionBudgetSpec{...}',
        detail: 'minAvailable and maxUnavailable cannot be both set',
      });
    for (const f of ['minAvailable', 'maxUnavailable']) {
      if (spec[f] === undefined) continue;
      validatePositiveIntOrPercent(`spec.${f}`, spec[f], errs);
      notMoreThan100Percent(`spec.${f}`, spec[f], errs);
    }
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (spec.unhealthyPodEvictionPolicy !== undefined && !EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy))
      errs.push(notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, { name: 'Age' }],
    row: (o, now) => [
      o.metadata.name!,
      o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A',
      o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A',
      o.status?.disruptionsAllowed ?? 0,
      age(o.metadata.creationTimestamp, now),
    ],
  },
} satisfies KindSpec;
