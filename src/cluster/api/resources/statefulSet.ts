import { age } from '../../meta/duration.js';
import {
  containerCells,
  defaultPodTemplate,
  immutableSelector,
  nonNegative,
  validatePodTemplate,
  validateWorkloadSelector,
} from './podTemplate.js';
import { forbiddenField, notSupported, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const POLICIES = ['OrderedReady', 'Parallel'];
const STRATEGIES = ['OnDelete', 'RollingUpdate'];
const RETENTION = ['Delete', 'Retain'];

/** The spec fields a StatefulSet update may change (ValidateStatefulSetUpdate). */
const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export const statefulSet = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_StatefulSet (apps/v1)
    const spec = (obj.spec ??= {});
    spec.podManagementPolicy ||= 'OrderedReady';
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ||= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.partition ??= 0;
    }
    spec.persistentVolumeClaimRetentionPolicy ??= {};
    spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
    spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate((spec.template ??= {}));
    for (const pvc of spec.volumeClaimTemplates ?? []) {
      // each claim template is a PersistentVolumeClaim as the API server serializes it
      pvc.apiVersion ??= 'v1';
      pvc.kind ??= 'PersistentVolumeClaim';
      pvc.metadata ??= {};
      if (pvc.metadata.creationTimestamp === undefined) pvc.metadata.creationTimestamp = null;
      pvc.spec ??= {};
      pvc.spec.volumeMode ??= 'Filesystem';
      pvc.status ??= { phase: 'Pending' };
    }
  },
  prepareForCreate(obj) {
    obj.status = { availableReplicas: 0, replicas: 0 };
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    if (!POLICIES.includes(spec.podManagementPolicy)) errs.push(notSupported('spec.podManagementPolicy', spec.podManagementPolicy, POLICIES));
    const strategy = spec.updateStrategy ?? {};
    if (!STRATEGIES.includes(strategy.type)) errs.push(notSupported('spec.updateStrategy.type', strategy.type, STRATEGIES));
    if (strategy.type === 'OnDelete' && strategy.rollingUpdate)
      errs.push(forbiddenField('spec.updateStrategy.rollingUpdate', 'only allowed for updateStrategy \'RollingUpdate\''));
    nonNegative('spec.updateStrategy.rollingUpdate.partition', strategy.rollingUpdate?.partition, errs);
    const retention = spec.persistentVolumeClaimRetentionPolicy ?? {};
    for (const k of ['whenDeleted', 'whenScaled'])
      if (!RETENTION.includes(retention[k])) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, retention[k], RETENTION));
    nonNegative('spec.replicas', spec.replicas, errs);
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    errs.push(...validateWorkloadSelector(spec, 'statefulset'));
    errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
      errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
    if (old) {
      const strip = (s: any) => {
        const c = { ...(s ?? {}) };
        for (const k of MUTABLE) delete c[k];
        return JSON.stringify(c);
      };
      if (strip(spec) !== strip(old.spec))
        errs.push(
          forbiddenField(
            'spec',
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ),
        );
      else errs.push(...immutableSelector(obj, old));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Ready' },
      { name: 'Age' },
      { name: 'Containers', priority: 1 },
      { name: 'Images', priority: 1 },
    ],
    row: (o, now) => {
      const [names, images] = containerCells(o.spec?.template);
      return [
        o.metadata.name!,
        `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
        age(o.metadata.creationTimestamp, now),
        names,
        images,
      ];
    },
  },
} satisfies KindSpec;
