import { formatLabelSelector, selectorMatches, type LabelSelector } from '../../meta/selectors.js';
import { defaultPodSpec, validatePodSpec } from './podSpec.js';
import {
  forbiddenField,
  invalid,
  isQualifiedName,
  isValidLabelValue,
  notSupported,
  required,
  validateLabels,
  type FieldError,
} from '../validation.js';
import type { KubeObject } from '../types.js';

/**
 * What the workload kinds (Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob,
 * ReplicationController) share: their pod template, their selector and their wide table cells.
 */

/** Defaults a PodTemplateSpec; its metadata prints `creationTimestamp: null`, as Go serializes an embedded ObjectMeta. */
export function defaultPodTemplate(template: any): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  template.spec ??= {};
  defaultPodSpec(template.spec);
}

/** CONTAINERS and IMAGES cells (printers.go layoutContainerCells). */
export function containerCells(template: any): [string, string] {
  const containers: any[] = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(',')];
}

/** labels.FormatLabels: `k=v` sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

export { formatLabelSelector };

function goString(s: string): string {
  return JSON.stringify(s);
}

/** Go's %#v of a map[string]string, as v1.32 field errors print label maps (nil prints as `map[string]string(nil)`). */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const body = Object.keys(m)
    .sort()
    .map((k) => `${goString(k)}:${goString(m[k])}`)
    .join(', ');
  return `map[string]string{${body}}`;
}

/** Go's %#v of a metav1.LabelSelector, as v1.32 prints it in `field is immutable` and selector errors. */
export function goLabelSelector(sel: LabelSelector | undefined | null): string {
  const exprs = sel?.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goString(e.key ?? '')}, Operator:${goString(e.operator ?? '')}, Values:${
                e.values ? `[]string{${e.values.map(goString).join(', ')}}` : '[]string(nil)'
              }}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel?.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** A field error whose value is already rendered (Go syntax), so errValue does not quote it again. */
export function invalidRendered(field: string, rendered: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value: rendered, detail };
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** unversionedvalidation.ValidateLabelSelector. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbiddenField(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(invalid(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(e.key ?? '')) errs.push(invalid(`${p}.key`, e.key ?? '', m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

function selectorIsEmpty(sel: LabelSelector | undefined): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/** Whether the selector parses: known operators only (LabelSelectorAsSelector). */
function selectorParses(sel: LabelSelector): boolean {
  return (sel.matchExpressions ?? []).every((e) => SELECTOR_OPERATORS.includes(e.operator));
}

/**
 * The apps/v1 workload spec checks: a required, non-empty selector that matches the template labels
 * (ValidateDeploymentSpec and friends), then the template itself (ValidatePodTemplateSpecForReplicaSet).
 * `kindWord` names the kind in `empty selector is invalid for <kind>`; absent, an empty selector is allowed.
 */
export function validateWorkloadSelector(spec: any, kindWord?: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel: LabelSelector | undefined = spec?.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (kindWord && selectorIsEmpty(sel)) errs.push(invalidRendered('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  }
  if (sel && !selectorParses(sel)) {
    errs.push(invalidRendered('spec.selector', goLabelSelector(sel), 'invalid label selector'));
    return errs;
  }
  const labels = spec?.template?.metadata?.labels;
  // a nil selector selects nothing; an empty one everything (labels.Nothing vs labels.Everything)
  if (!selectorIsEmpty(sel) || !sel) {
    if (!sel || !selectorMatches(sel, labels))
      errs.push(invalidRendered('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/**
 * ValidatePodTemplateSpec: the template's labels and annotations, then its pod spec. `restartPolicies`
 * narrows the allowed restart policies (Always for ReplicaSets, Never/OnFailure for Jobs).
 */
export function validatePodTemplate(template: any, path: string, restartPolicies?: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (!template) return [required(path)];
  errs.push(...validateLabels(template.metadata?.labels, `${path}.metadata.labels`));
  for (const k of Object.keys(template.metadata?.annotations ?? {}))
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(`${path}.metadata.annotations`, k, m));
  errs.push(...validatePodSpec(template.spec, `${path}.spec`));
  const rp = template.spec?.restartPolicy;
  if (restartPolicies && rp !== undefined && !restartPolicies.includes(rp))
    errs.push(notSupported(`${path}.spec.restartPolicy`, rp, restartPolicies));
  return errs;
}

/** `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable` (apps/v1 and batch/v1). */
export function immutableSelector(obj: KubeObject, old: KubeObject, field = 'spec.selector'): FieldError[] {
  const sel = obj.spec?.selector;
  if (JSON.stringify(sortedSelector(sel)) === JSON.stringify(sortedSelector(old.spec?.selector))) return [];
  return [invalidRendered(field, goLabelSelector(sel), 'field is immutable')];
}

function sortedSelector(sel: LabelSelector | undefined): unknown {
  if (!sel) return null;
  const ml = sel.matchLabels ?? {};
  return {
    matchLabels: Object.keys(ml)
      .sort()
      .map((k) => [k, ml[k]]),
    matchExpressions: sel.matchExpressions ?? [],
  };
}

/** ValidateNonnegativeField. */
export function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'number' && v < 0) errs.push(invalid(field, v, 'must be greater than or equal to 0'));
}

// ---- IntOrString fields (maxSurge, maxUnavailable, minAvailable), as apps validation checks them ----

/** Go's %#v of an intstr.IntOrString: its String method has a pointer receiver, so v1.32 errors print the struct. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${Number(v ?? 0)}, StrVal:""}`;
}

/** getIntOrPercentValue: the number of a `25%` or of an int; anything unparseable counts as 0. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) return Number(m[1]);
    return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
  }
  return 0;
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v))
      errs.push(
        invalidRendered(field, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
      );
  } else if (typeof v === 'number') nonNegative(field, v, errs);
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'string' && /^[0-9]+%$/.test(v) && intOrPercentValue(v) > 100)
    errs.push(invalidRendered(field, goIntOrString(v), 'must not be greater than 100%'));
}
