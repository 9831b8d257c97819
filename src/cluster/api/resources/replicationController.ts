import { WORKLOAD_SCALE } from '../scale.js';
import { age } from '../../meta/duration.js';
import { containerCells, defaultPodTemplate, formatLabels, goStringMap, invalidRendered, nonNegative, validatePodTemplate } from './podTemplate.js';
import { forbiddenField, required, validateLabels, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

export const replicationController = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  scale: WORKLOAD_SCALE,
  generation: true,
  defaults(obj) {
    // SetDefaults_ReplicationController: the selector and the object's labels come from the template
    const spec = (obj.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels) {
      if (!Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
      if (!Object.keys(obj.metadata.labels ?? {}).length) obj.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    if (spec.template) defaultPodTemplate(spec.template);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    nonNegative('spec.replicas', spec.replicas, errs);
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    const selector: Record<string, string> | undefined = spec.selector;
    if (!Object.keys(selector ?? {}).length) errs.push(required('spec.selector'));
    else errs.push(...validateLabels(selector, 'spec.selector'));
    if (!spec.template) errs.push(required('spec.template'));
    else {
      const labels: Record<string, string> | undefined = spec.template.metadata?.labels;
      if (Object.keys(selector ?? {}).length && !Object.entries(selector!).every(([k, v]) => labels?.[k] === v))
        errs.push(invalidRendered('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
      errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
      if (spec.template.spec?.activeDeadlineSeconds !== undefined)
        errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
    }
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
      return [
        o.metadata.name!,
        o.spec?.replicas ?? 0,
        o.status?.replicas ?? 0,
        o.status?.readyReplicas ?? 0,
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        formatLabels(o.spec?.selector),
      ];
    },
  },
  fieldSelectors: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
} satisfies KindSpec;
