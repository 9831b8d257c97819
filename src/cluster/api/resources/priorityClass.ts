import { age } from '../../meta/duration.js';
import { forbiddenField, invalid, notSupported, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];
/** The two classes a cluster ships with; other `system-` names are reserved. */
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export const priorityClass = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  shortNames: ['pc'],
  namespaced: false,
  defaults(obj) {
    obj.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate(obj, old) {
    const errs: FieldError[] = [];
    const name = obj.metadata.name ?? '';
    const value = obj.value ?? 0;
    if (name.startsWith('system-')) {
      let why = '';
      if (!(name in SYSTEM_CLASSES)) why = `${name} is not a known system priority class`;
      else if (SYSTEM_CLASSES[name] !== value) why = `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`;
      else if (obj.globalDefault) why = `globalDefault of ${name} PriorityClass must be false`;
      if (why) errs.push(forbiddenField('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
    } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      errs.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
    }
    if (!PREEMPTION_POLICIES.includes(obj.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', obj.preemptionPolicy, PREEMPTION_POLICIES));
    if (old) {
      if ((old.value ?? 0) !== value) errs.push(forbiddenField('value', 'may not be changed in an update.'));
      if (old.preemptionPolicy !== obj.preemptionPolicy) errs.push(invalid('preemptionPolicy', obj.preemptionPolicy, 'field is immutable'));
    }
    return errs;
  },
  table: {
    // the server builds the wide cells too, and PREEMPTIONPOLICY has priority 0, so it always shows
    columns: [{ name: 'Name' }, { name: 'Value' }, { name: 'Global-Default' }, { name: 'Age' }, { name: 'PreemptionPolicy' }],
    row: (o, now) => [
      o.metadata.name!,
      o.value ?? 0,
      o.globalDefault ? 'true' : 'false',
      age(o.metadata.creationTimestamp, now),
      o.preemptionPolicy ?? '',
    ],
  },
} satisfies KindSpec;
