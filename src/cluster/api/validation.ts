import { StatusError } from './status.js';
import type { KubeObject } from './types.js';

/** A field error as apimachinery's field.Error renders it: `<field>: <Type>[: <value>][: <detail>]`. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
};

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** the value as the API server prints it; strings are quoted by `errValue` */
  value?: string;
  detail?: string;
}

/** Renders a bad value as v1.32's field errors do: strings quoted, numbers and booleans bare. */
export function errValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '"null"';
  return goSyntax(v);
}

/** Go's %#v for the shapes that reach field errors in v1.32 (maps of strings, string slices). */
function goSyntax(v: unknown): string {
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return JSON.stringify(v);
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => typeof x === 'string')) {
      const body = entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
        .join(', ');
      return `map[string]string{${body}}`;
    }
  }
  return JSON.stringify(v);
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value: errValue(value), detail };
}
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, value: errValue(value), detail };
}
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value: errValue(value) };
}
export function forbiddenField(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}
export function tooLong(field: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `may not be more than ${max} bytes` };
}

export function fieldErrorText(e: FieldError): string {
  let s = `${e.field}: ${TYPE_TEXT[e.type]}`;
  const omitValue = e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong';
  if (!omitValue && e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** The 422 Invalid error: `Pod "web" is invalid: ...`, `Deployment.apps "web" is invalid: [e1, e2]`. */
export function invalidError(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const texts: string[] = [];
  for (const e of errs) {
    const t = fieldErrorText(e);
    if (!texts.includes(t)) texts.push(t);
  }
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new StatusError('Invalid', 422, `${qualifiedKind} "${name}" is invalid: ${agg}`, {
    name,
    group,
    kind,
    causes: errs.map((e) => ({
      reason: e.type,
      message: fieldErrorText(e).slice(e.field.length + 2),
      field: e.field,
    })),
  });
}

// ---- names and label syntax (apimachinery pkg/util/validation) ----

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';

function regexError(msg: string, re: string, ...examples: string[]): string {
  let s = `${msg} (e.g. `;
  s += examples.map((e) => `'${e}'`).join(',  or ');
  return `${s}, regex used for validation is '${re}')`;
}

const full = (re: string) => new RegExp(`^${re}$`);
const dns1123LabelRe = full(DNS1123_LABEL);
const dns1123SubdomainRe = full(DNS1123_SUBDOMAIN);
const dns1035LabelRe = full(DNS1035_LABEL);
const qualifiedNameRe = full(QUALIFIED_NAME);
const labelValueRe = full(LABEL_VALUE);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1123LabelRe.test(v))
    errs.push(
      regexError(
        'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
        DNS1123_LABEL,
        'my-name',
        '123-abc',
      ),
    );
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!dns1123SubdomainRe.test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1035LabelRe.test(v))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

/** A label or annotation key: optional DNS-subdomain prefix, `/`, and a name of at most 63 characters. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      regexError(
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME,
        'MyName',
        'my.name',
        '123-abc',
      ) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length && !qualifiedNameRe.test(name))
    errs.push(
      regexError(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME,
        'MyName',
        'my.name',
        '123-abc',
      ),
    );
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!labelValueRe.test(v))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

function validateName(rule: NameRule, name: string): string[] {
  switch (rule) {
    case 'label':
      return isDNS1123Label(name);
    case 'dns1035':
      return isDNS1035Label(name);
    case 'path': {
      if (name === '.' || name === '..') return [`may not be '${name}'`];
      for (const c of ['/', '%']) if (name.includes(c)) return [`may not contain '${c}'`];
      return [];
    }
    default:
      return isDNS1123Subdomain(name);
  }
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, k, m));
    if (typeof v !== 'string') errs.push(invalid(`${field}`, v, 'label values must be strings'));
    else for (const m of isValidLabelValue(v)) errs.push(invalid(field, v, m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 262144;

/** ObjectMeta checks shared by every kind (apimachinery pkg/api/validation/objectmeta.go). */
export function validateObjectMeta(obj: KubeObject, namespaced: boolean, rule: NameRule): FieldError[] {
  const m = obj.metadata;
  const errs: FieldError[] = [];
  if (!m.name && !m.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  if (m.name) for (const msg of validateName(rule, m.name)) errs.push(invalid('metadata.name', m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(required('metadata.namespace'));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid('metadata.namespace', m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbiddenField('metadata.namespace', 'not allowed on this type'));
  }
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  let size = 0;
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid('metadata.annotations', k, msg));
    size += k.length + String(v).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong('metadata.annotations', TOTAL_ANNOTATION_SIZE_LIMIT));
  const fin = m.finalizers ?? [];
  if (fin.includes('orphan') && fin.includes('foregroundDeletion'))
    errs.push(invalid('metadata.finalizers', fin, 'finalizer orphan and foregroundDeletion cannot be both set'));
  const controllers = (m.ownerReferences ?? []).filter((r) => r.controller);
  if (controllers.length > 1)
    errs.push(
      invalid('metadata.ownerReferences', m.ownerReferences, 'Only one reference can have Controller set to true'),
    );
  (m.ownerReferences ?? []).forEach((r, i) => {
    for (const f of ['apiVersion', 'kind', 'name', 'uid'] as const)
      if (!r[f]) errs.push(invalid(`metadata.ownerReferences[${i}].${f}`, r[f] ?? '', `${f} must not be empty`));
  });
  return errs;
}

/** Validation of a port number: `must be between 1 and 65535, inclusive`. */
export function validatePort(field: string, port: unknown, errs: FieldError[]): void {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    errs.push(invalid(field, port, 'must be between 1 and 65535, inclusive'));
}

export function validateNonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'number' && v < 0) errs.push(invalid(field, v, 'must be greater than or equal to 0'));
}

export function immutable(field: string, value: unknown): FieldError {
  return invalid(field, value, 'field is immutable');
}
