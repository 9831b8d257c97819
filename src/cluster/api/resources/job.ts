import { age, humanDuration } from '../../meta/duration.js';
import { selectorMatches } from '../../meta/selectors.js';
import {
  containerCells,
  formatLabelSelector,
  goLabelSelector,
  goStringMap,
  immutableSelector,
  invalidRendered,
  nonNegative,
  validateLabelSelector,
  validatePodTemplate,
} from './podTemplate.js';
import { defaultPodSpec } from './podSpec.js';
import { invalid, isDNS1123Label, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const JOB_RESTART_POLICIES = ['OnFailure', 'Never'];
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/**
 * Job spec defaults (SetDefaults_Job) and the template's pod defaults. The template's restartPolicy is
 * left alone: a Job must say OnFailure or Never itself. CronJob's jobTemplate reuses the template part.
 */
export function defaultJobTemplate(template: any): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  template.spec ??= {};
  const hadRestartPolicy = template.spec.restartPolicy !== undefined;
  defaultPodSpec(template.spec);
  if (!hadRestartPolicy) delete template.spec.restartPolicy;
}

/** The restart policy check of validateJobSpec: an empty or Always policy gets its own Required message. */
export function validateJobRestartPolicy(template: any, path: string): FieldError[] {
  const rp = template?.spec?.restartPolicy;
  if (rp === undefined || rp === '' || rp === 'Always') return [required(`${path}.spec.restartPolicy`, 'valid values: "OnFailure", "Never"')];
  if (!JOB_RESTART_POLICIES.includes(rp)) return [notSupported(`${path}.spec.restartPolicy`, rp, JOB_RESTART_POLICIES)];
  return [];
}

/** generateSelector (pkg/registry/batch/job/strategy.go): the controller-uid and job-name labels, and a selector on the uid. */
function generateSelector(obj: KubeObject): void {
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const tpl = obj.spec.template;
  tpl.metadata ??= {};
  const labels = (tpl.metadata.labels ??= {});
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) labels[k] ??= name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) labels[k] ??= uid;
  obj.spec.selector ??= {};
  obj.spec.selector.matchLabels ??= {};
  obj.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
}

function hasCondition(o: KubeObject, type: string): boolean {
  const c = ((o.status?.conditions ?? []) as any[]).find((x) => x.type === type);
  return c?.status === 'True';
}

function jobStatus(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(o: KubeObject): string {
  const succeeded = o.status?.succeeded ?? 0;
  if (o.spec?.completions !== undefined && o.spec?.completions !== null) return `${succeeded}/${o.spec.completions}`;
  const parallelism = o.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(o: KubeObject, now: number): string {
  const start = o.status?.startTime;
  if (!start) return '';
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

/** validateGeneratedSelector: with an auto-generated selector the template must carry the uid and name labels. */
function validateGeneratedSelector(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const labels: Record<string, string> = spec.template?.metadata?.labels ?? {};
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  // ValidateHasLabel, legacy labels first
  for (const [k, v] of [
    ['controller-uid', uid],
    ['job-name', name],
    ['batch.kubernetes.io/controller-uid', uid],
    ['batch.kubernetes.io/job-name', name],
  ]) {
    if (labels[k] === undefined) errs.push(required(`spec.template.metadata.labels[${k}]`, v));
    else if (labels[k] !== v) errs.push(invalidRendered(`spec.template.metadata.labels[${k}]`, goStringMap(labels), `must be '${v}'`));
  }
  const expected = { 'controller-uid': uid, 'job-name': name, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name };
  if (!selectorMatches(spec.selector, expected))
    errs.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

export const job = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (spec.completions === undefined && spec.parallelism === undefined) {
      spec.completions = 1;
      spec.parallelism = 1;
    }
    spec.parallelism ??= 1;
    spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
    defaultJobTemplate((spec.template ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = {};
    const adoptLabels = !Object.keys(obj.metadata.labels ?? {}).length;
    if (obj.spec.manualSelector !== true) generateSelector(obj);
    // SetDefaults_Job gives a Job without labels its template's labels; the template map is shared, so the generated ones come too
    if (adoptLabels && obj.spec.template?.metadata?.labels) obj.metadata.labels = { ...obj.spec.template.metadata.labels };
  },
  validate(obj, old) {
    // ValidateJob: the generated selector, then validateJobSpec, then the selector itself
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    if (!old) errs.push(...validateGeneratedSelector(obj));
    for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'])
      nonNegative(`spec.${f}`, spec[f], errs);
    if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined)
      errs.push(required('spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified'));
    if (spec.completionMode !== undefined && !COMPLETION_MODES.includes(spec.completionMode))
      errs.push(notSupported('spec.completionMode', spec.completionMode, COMPLETION_MODES));
    if (spec.completionMode === 'Indexed' && (spec.completions === undefined || spec.completions === null))
      errs.push(required('spec.completions', 'when completion mode is Indexed'));
    if (spec.completionMode !== 'Indexed') {
      if (spec.backoffLimitPerIndex !== undefined) errs.push(invalid('spec.backoffLimitPerIndex', spec.backoffLimitPerIndex, 'requires indexed completion mode'));
      if (spec.maxFailedIndexes !== undefined) errs.push(invalid('spec.maxFailedIndexes', spec.maxFailedIndexes, 'requires indexed completion mode'));
    }
    if (spec.podReplacementPolicy !== undefined) {
      const allowed = spec.podFailurePolicy ? ['Failed'] : REPLACEMENT_POLICIES;
      if (!allowed.includes(spec.podReplacementPolicy)) errs.push(notSupported('spec.podReplacementPolicy', spec.podReplacementPolicy, allowed));
    }
    errs.push(...validatePodTemplate(spec.template, 'spec.template'));
    errs.push(...validateJobRestartPolicy(spec.template, 'spec.template'));
    if (spec.podFailurePolicy && spec.template?.spec?.restartPolicy === 'OnFailure')
      errs.push(invalid('spec.template.spec.restartPolicy', 'OnFailure', 'only "Never" is supported when podFailurePolicy is specified'));
    if (!spec.selector) errs.push(required('spec.selector'));
    else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    const labels = spec.template?.metadata?.labels;
    if (!spec.selector || !selectorMatches(spec.selector, labels))
      errs.push(invalidRendered('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
    // an Indexed job's pods are named <job>-<index>: the last one must still be a DNS label
    if (spec.completionMode === 'Indexed' && spec.completions > 0) {
      const host = `${obj.metadata.name}-${spec.completions - 1}`;
      if (isDNS1123Label(host).length)
        errs.push(invalid('metadata.name', obj.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
    }
    if (old) {
      errs.push(...immutableSelector(obj, old));
      if (JSON.stringify(spec.template) !== JSON.stringify(old.spec?.template))
        errs.push(invalidRendered('spec.template', 'core.PodTemplateSpec{...}', 'field is immutable'));
      if (spec.completions !== old.spec?.completions && spec.completionMode !== 'Indexed')
        errs.push(invalid('spec.completions', spec.completions ?? null, 'field is immutable'));
      if (spec.completionMode !== old.spec?.completionMode) errs.push(invalid('spec.completionMode', spec.completionMode, 'field is immutable'));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Status' },
      { name: 'Completions' },
      { name: 'Duration' },
      { name: 'Age' },
      { name: 'Containers', priority: 1 },
      { name: 'Images', priority: 1 },
      { name: 'Selector', priority: 1 },
    ],
    row: (o, now) => {
      const [names, images] = containerCells(o.spec?.template);
      return [
        o.metadata.name!,
        jobStatus(o),
        completions(o),
        duration(o, now),
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(o.spec?.selector),
      ];
    },
  },
  fieldSelectors: { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
} satisfies KindSpec;
