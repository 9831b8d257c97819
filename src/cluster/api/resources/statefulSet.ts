import { WORKLOAD_SCALE } from '../scale.js';
import { age } from '../../meta/duration.js';
import {
  containerCells,
  defaultPodTemplate,
  goIntOrString,
  intOrPercentValue,
  invalidRendered,
  nonNegative,
  notMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateWorkloadSelector,
} from './podTemplate.js';
import { forbiddenField, invalid, isQualifiedName, notSupported, required, validateLabels, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const POLICIES = ['OrderedReady', 'Parallel'];
/** in the order ValidatePersistentVolumeClaimRetentionPolicyType lists them */
const RETENTION = ['Retain', 'Delete'];

/**
 * Go's %#v of the internal apps.RollingUpdateStatefulSetStrategy (partition is a plain int32 there). A set
 * pointer inside it prints as an address, which differs on every real server; any stable one will do.
 */
function goRollingUpdate(ru: any): string {
  const mu = ru?.maxUnavailable === undefined ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000b1e2b0)';
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${ru?.partition ?? 0}, MaxUnavailable:${mu}}`;
}

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
  scale: WORKLOAD_SCALE,
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
    // ValidateStatefulSetSpec, in its order
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const policy = spec.podManagementPolicy;
    if (!policy) errs.push(required('spec.podManagementPolicy'));
    else if (!POLICIES.includes(policy)) errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
    const strategy = spec.updateStrategy ?? {};
    if (!strategy.type) errs.push(required('spec.updateStrategy'));
    else if (strategy.type === 'OnDelete') {
      if (strategy.rollingUpdate)
        errs.push(invalidRendered('spec.updateStrategy.rollingUpdate', goRollingUpdate(strategy.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
    } else if (strategy.type === 'RollingUpdate') {
      const ru = strategy.rollingUpdate;
      if (ru) {
        nonNegative('spec.updateStrategy.rollingUpdate.partition', ru.partition, errs);
        if (ru.maxUnavailable !== undefined) {
          const f = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
          validatePositiveIntOrPercent(f, ru.maxUnavailable, errs);
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalidRendered(f, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
          notMoreThan100Percent(f, ru.maxUnavailable, errs);
        }
      }
    } else {
      errs.push(
        invalidRendered(
          'spec.updateStrategy',
          `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(strategy.type)}, RollingUpdate:${strategy.rollingUpdate ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000b1e2c0)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)'}}`,
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
    }
    const retention = spec.persistentVolumeClaimRetentionPolicy;
    if (retention)
      for (const k of ['whenDeleted', 'whenScaled'])
        if (!RETENTION.includes(retention[k])) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, retention[k] ?? '', RETENTION));
    nonNegative('spec.replicas', spec.replicas, errs);
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    if (spec.ordinals) nonNegative('spec.ordinals.start', spec.ordinals.start, errs);
    errs.push(...validateWorkloadSelector(spec, 'statefulset'));
    // ValidatePodTemplateSpecForStatefulSet checks the template's labels and annotations, not its pod spec
    errs.push(...validateLabels(spec.template?.metadata?.labels, 'spec.template.labels'));
    for (const k of Object.keys(spec.template?.metadata?.annotations ?? {}))
      for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid('spec.template.annotations', k, m));
    const rp = spec.template?.spec?.restartPolicy;
    if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
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
