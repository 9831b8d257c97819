import { age } from '../../meta/duration.js';
import {
  containerCells,
  defaultPodTemplate,
  formatLabelSelector,
  immutableSelector,
  nonNegative,
  validatePodTemplate,
  validateWorkloadSelector,
} from './podTemplate.js';
import { forbiddenField, invalid, notSupported, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const STRATEGIES = ['Recreate', 'RollingUpdate'];

/** An IntOrString as a percentage (`25%`) or a count; undefined when it is neither. */
function intOrPercent(v: unknown): { percent: boolean; n: number } | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return { percent: false, n: v };
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) return { percent: true, n: Number(m[1]) };
  }
  return undefined;
}

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, as ValidateRollingUpdateDeployment uses them. */
export function validateIntOrPercent(field: string, v: unknown, errs: FieldError[]): { percent: boolean; n: number } | undefined {
  if (v === undefined) return undefined;
  const p = intOrPercent(v);
  if (!p) {
    if (typeof v === 'string') errs.push(invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    else errs.push(invalid(field, v, 'must be greater than or equal to 0'));
    return undefined;
  }
  if (p.n < 0) errs.push(invalid(field, v, 'must be greater than or equal to 0'));
  if (p.percent && p.n > 100) errs.push(invalid(field, v, 'must not be greater than 100%'));
  return p;
}

export const deployment = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_Deployment (apps/v1)
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ||= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultPodTemplate((spec.template ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    nonNegative('spec.replicas', spec.replicas, errs);
    errs.push(...validateWorkloadSelector(spec, 'deployment'));
    errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
      errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
    const strategy = spec.strategy ?? {};
    if (!STRATEGIES.includes(strategy.type)) errs.push(notSupported('spec.strategy.type', strategy.type, STRATEGIES));
    if (strategy.type === 'Recreate' && strategy.rollingUpdate)
      errs.push(forbiddenField('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
      const ru = strategy.rollingUpdate;
      const surge = validateIntOrPercent('spec.strategy.rollingUpdate.maxSurge', ru.maxSurge, errs);
      const unavailable = validateIntOrPercent('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, errs);
      if (surge && unavailable && surge.n === 0 && unavailable.n === 0)
        errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit, errs);
    if (spec.progressDeadlineSeconds !== undefined) {
      nonNegative('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, errs);
      if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
        errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
    if (old) errs.push(...immutableSelector(obj, old));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Ready' },
      { name: 'Up-to-date' },
      { name: 'Available' },
      { name: 'Age' },
      { name: 'Containers', priority: 1 },
      { name: 'Images', priority: 1 },
      { name: 'Selector', priority: 1 },
    ],
    row: (o, now) => {
      const [names, images] = containerCells(o.spec?.template);
      const st = o.status ?? {};
      const sel = formatLabelSelector(o.spec?.selector);
      return [
        o.metadata.name!,
        `${st.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
        st.updatedReplicas ?? 0,
        st.availableReplicas ?? 0,
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        // the Deployment printer uses selector.String(): an empty selector is an empty cell
        sel === '<none>' ? '' : sel,
      ];
    },
  },
} satisfies KindSpec;
