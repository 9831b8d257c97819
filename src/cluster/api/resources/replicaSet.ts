import { WORKLOAD_SCALE } from '../scale.js';
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
import { forbiddenField, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

export const replicaSet = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  scale: WORKLOAD_SCALE,
  generation: true,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    defaultPodTemplate((spec.template ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    nonNegative('spec.replicas', spec.replicas, errs);
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    // ValidateReplicaSetSpec reuses the Deployment wording for an empty selector
    errs.push(...validateWorkloadSelector(spec, 'deployment'));
    errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
      errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
    if (old) errs.push(...immutableSelector(obj, old));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Desired' },
      { name: 'Current' },
      { name: 'Ready' },
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
        o.spec?.replicas ?? 0,
        st.replicas ?? 0,
        st.readyReplicas ?? 0,
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
  fieldSelectors: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
} satisfies KindSpec;
