import { WORKLOAD_SCALE } from '../scale.js';
import { age } from '../../meta/duration.js';
import {
  containerCells,
  defaultPodTemplate,
  formatLabelSelector,
  goIntOrString,
  immutableSelector,
  intOrPercentValue,
  invalidRendered,
  nonNegative,
  notMoreThan100Percent,
  validatePodTemplate,
  validatePositiveIntOrPercent,
  validateWorkloadSelector,
} from './podTemplate.js';
import { forbiddenField, invalid, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

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
  scale: WORKLOAD_SCALE,
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
    // ValidateDeploymentStrategy
    const strategy = spec.strategy ?? {};
    if (strategy.type === 'Recreate') {
      if (strategy.rollingUpdate) errs.push(forbiddenField('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    } else if (strategy.type === 'RollingUpdate') {
      // ValidateRollingUpdateDeployment: surge may pass 100%, unavailability may not
      const ru = strategy.rollingUpdate ?? {};
      const p = 'spec.strategy.rollingUpdate';
      validatePositiveIntOrPercent(`${p}.maxUnavailable`, ru.maxUnavailable, errs);
      validatePositiveIntOrPercent(`${p}.maxSurge`, ru.maxSurge, errs);
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
        errs.push(invalidRendered(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      notMoreThan100Percent(`${p}.maxUnavailable`, ru.maxUnavailable, errs);
    } else {
      errs.push({
        type: 'FieldValueNotSupported',
        field: 'spec.strategy',
        value: `apps.DeploymentStrategy{Type:${JSON.stringify(strategy.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`,
        detail: 'supported values: "Recreate", "RollingUpdate"',
      });
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
