import { age } from '../../meta/duration.js';
import {
  containerCells,
  defaultPodTemplate,
  formatLabels,
  formatLabelSelector,
  immutableSelector,
  nonNegative,
  validatePodTemplate,
  validateWorkloadSelector,
} from './podTemplate.js';
import { validateIntOrPercent } from './deployment.js';
import { forbiddenField, invalid, notSupported, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const STRATEGIES = ['OnDelete', 'RollingUpdate'];

export const daemonSet = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_DaemonSet (apps/v1)
    const spec = (obj.spec ??= {});
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ||= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate((spec.template ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    errs.push(...validateWorkloadSelector(spec, 'daemonset'));
    errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
      errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
    const strategy = spec.updateStrategy ?? {};
    if (!STRATEGIES.includes(strategy.type)) errs.push(notSupported('spec.updateStrategy.type', strategy.type, STRATEGIES));
    if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
      const ru = strategy.rollingUpdate;
      const surge = validateIntOrPercent('spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, errs);
      const unavailable = validateIntOrPercent('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, errs);
      if (surge && unavailable && surge.n === 0 && unavailable.n === 0)
        errs.push(invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit, errs);
    if (old) errs.push(...immutableSelector(obj, old));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Desired' },
      { name: 'Current' },
      { name: 'Ready' },
      { name: 'Up-to-date' },
      { name: 'Available' },
      { name: 'Node Selector' },
      { name: 'Age' },
      { name: 'Containers', priority: 1 },
      { name: 'Images', priority: 1 },
      { name: 'Selector', priority: 1 },
    ],
    row: (o, now) => {
      const [names, images] = containerCells(o.spec?.template);
      const st = o.status ?? {};
      return [
        o.metadata.name!,
        st.desiredNumberScheduled ?? 0,
        st.currentNumberScheduled ?? 0,
        st.numberReady ?? 0,
        st.updatedNumberScheduled ?? 0,
        st.numberAvailable ?? 0,
        formatLabels(o.spec?.template?.spec?.nodeSelector),
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
} satisfies KindSpec;
