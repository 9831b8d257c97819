import { age } from '../../meta/duration.js';
import { selectorMatches } from '../../meta/selectors.js';
import {
  containerCells,
  defaultPodTemplate,
  formatLabels,
  formatLabelSelector,
  goIntOrString,
  goLabelSelector,
  goStringMap,
  immutableSelector,
  intOrPercentValue,
  invalidRendered,
  nonNegative,
  notMoreThan100Percent,
  validateLabelSelector,
  validatePodTemplate,
  validatePositiveIntOrPercent,
} from './podTemplate.js';
import { forbiddenField, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

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
    // apps/v1 carries the internal TemplateGeneration in this annotation; it starts at 1
    obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: '1' };
  },
  prepareForUpdate(obj, old) {
    // TemplateGeneration goes up by one whenever the pod template changes
    const was = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1') || 1;
    const changed = JSON.stringify(obj.spec?.template) !== JSON.stringify(old.spec?.template);
    obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: String(changed ? was + 1 : was) };
  },
  validate(obj, old) {
    // ValidateDaemonSetSpec, in its order; a missing selector only shows as a template mismatch
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const sel = spec.selector;
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    const labels = spec.template?.metadata?.labels;
    if (!sel || !selectorMatches(sel, labels))
      errs.push(invalidRendered('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
    if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)
      errs.push(invalidRendered('spec.selector', goLabelSelector(sel), 'empty selector is invalid for daemonset'));
    errs.push(...validatePodTemplate(spec.template, 'spec.template', ['Always']));
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
      errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
    nonNegative('spec.minReadySeconds', spec.minReadySeconds, errs);
    // ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet
    const strategy = spec.updateStrategy ?? {};
    if (strategy.type === 'RollingUpdate') {
      const ru = strategy.rollingUpdate;
      const p = 'spec.updateStrategy.rollingUpdate';
      if (!ru) errs.push(required(p));
      else {
        validatePositiveIntOrPercent(`${p}.maxUnavailable`, ru.maxUnavailable, errs);
        validatePositiveIntOrPercent(`${p}.maxSurge`, ru.maxSurge, errs);
        notMoreThan100Percent(`${p}.maxUnavailable`, ru.maxUnavailable, errs);
        notMoreThan100Percent(`${p}.maxSurge`, ru.maxSurge, errs);
        const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
        const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
        if (hasUnavailable && hasSurge) errs.push(invalidRendered(`${p}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
        else if (!hasUnavailable && !hasSurge) errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      }
    } else if (strategy.type !== 'OnDelete') {
      errs.push({
        type: 'FieldValueNotSupported',
        field: 'spec.updateStrategy',
        value: `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(strategy.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`,
        detail: 'supported values: "RollingUpdate", "OnDelete"',
      });
    }
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
