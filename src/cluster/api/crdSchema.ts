import type { TableSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { errValue, type FieldError } from './validation.js';
import { CelError, UnsupportedRule, evalRule, usesOldSelf } from './crdCel.js';

/** An x-kubernetes-validations rule. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** The structural subset of OpenAPI v3 that CRDs use. */
export interface JSONSchemaProps {
  type?: string;
  properties?: Record<string, JSONSchemaProps>;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  format?: string;
  description?: string;
  additionalProperties?: JSONSchemaProps | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-validations'?: ValidationRule[];
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
}

type JSONObject = Record<string, unknown>;

function isObject(v: unknown): v is JSONObject {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The schema that applies to an object's field `key`, or undefined when the field is unknown. */
function fieldSchema(s: JSONSchemaProps, key: string): JSONSchemaProps | undefined {
  if (s.properties?.[key]) return s.properties[key];
  if (isObject(s.additionalProperties)) return s.additionalProperties as JSONSchemaProps;
  return undefined;
}

// ---------------------------------------------------------------- pruning

/**
 * Drops the fields a structural schema does not specify, as the API server does on decode
 * (apiextensions-apiserver pkg/apiserver/schema/pruning). apiVersion, kind and metadata survive at the
 * root and in embedded resources; x-kubernetes-preserve-unknown-fields keeps a subtree as it is.
 * Returns the paths that were pruned (what strict field validation reports as unknown fields).
 */
export function pruneUnknownFields(obj: KubeObject, schema: JSONSchemaProps): string[] {
  const pruned: string[] = [];
  pruneObject(obj, schema, '', true, pruned);
  return pruned;
}

function pruneValue(v: unknown, s: JSONSchemaProps, path: string, pruned: string[]): void {
  if (Array.isArray(v)) {
    if (s.items) v.forEach((x, i) => pruneValue(x, s.items!, `${path}[${i}]`, pruned));
    return;
  }
  if (isObject(v)) pruneObject(v, s, path, !!s['x-kubernetes-embedded-resource'], pruned);
}

/** The fields of ObjectMeta: the rest of a resource's metadata is dropped on decode. */
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

function pruneObject(o: JSONObject, s: JSONSchemaProps, path: string, isResource: boolean, pruned: string[]): void {
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) {
      delete o[key]; // absent from the JSON a client sends
      continue;
    }
    if (isResource && key === 'metadata' && isObject(o.metadata)) {
      const meta = o.metadata;
      for (const k of Object.keys(meta))
        if (!OBJECT_META_FIELDS.has(k)) {
          delete meta[k];
          pruned.push(child(child(path, 'metadata'), k));
        }
      continue;
    }
    if (isResource && (key === 'apiVersion' || key === 'kind')) continue;
    const sub = fieldSchema(s, key);
    if (!sub) {
      if (!preserve && s.additionalProperties !== true) {
        delete o[key];
        pruned.push(child(path, key));
      }
      continue;
    }
    pruneValue(o[key], sub, child(path, key), pruned);
  }
}

// ---------------------------------------------------------------- defaulting

function isNonNullableNull(v: unknown, s: JSONSchemaProps): boolean {
  return v === null && !s.nullable;
}

/**
 * Applies the schema's defaults (pkg/apiserver/schema/defaulting): a missing field, or a null one its
 * schema does not allow, takes a copy of its default; nulls without a default are dropped.
 */
export function applySchemaDefaults(obj: KubeObject, schema: JSONSchemaProps): void {
  defaultValue(obj, schema);
}

function defaultValue(v: unknown, s: JSONSchemaProps): void {
  if (Array.isArray(v)) {
    if (!s.items) return;
    for (let i = 0; i < v.length; i++) {
      if (isNonNullableNull(v[i], s.items) && s.items.default !== undefined) v[i] = structuredClone(s.items.default);
      defaultValue(v[i], s.items);
    }
    return;
  }
  if (!isObject(v)) return;
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (v[k] === undefined || isNonNullableNull(v[k], prop)) v[k] = structuredClone(prop.default);
  }
  for (const k of Object.keys(v)) {
    const sub = fieldSchema(s, k);
    if (!sub) continue;
    if (isNonNullableNull(v[k], sub)) {
      if (sub.default !== undefined) v[k] = structuredClone(sub.default);
      else {
        delete v[k];
        continue;
      }
    }
    defaultValue(v[k], sub);
  }
}

// ---------------------------------------------------------------- validation

/** The JSON type kube-openapi names for a value. */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeAllows(types: string[], v: unknown): boolean {
  const got = typeOf(v);
  if (types.includes(got)) return true;
  return got === 'integer' && types.includes('number');
}

/**
 * Validates a custom resource against its openAPIV3Schema with the API server's messages, e.g.
 * `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`.
 */
export function validateAgainstSchema(obj: KubeObject, schema: JSONSchemaProps, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  // the whole object: a schema may constrain metadata.name, as the real validator sees it
  validateValue(obj, schema, '', errs);
  validateListTypes(obj, schema, '', errs);
  if (hasRules(schema)) {
    // strategy.go hasBlockingErr: rules run only on an object that passed these checks
    const blocking = ['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid'];
    if (errs.some((e) => blocking.includes(e.type)))
      errs.push({
        type: 'FieldValueInvalid',
        field: '<nil>',
        value: '"null"',
        detail: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      });
    else checkRules(obj, schema, old, '', errs);
  }
  return errs;
}

const withRules = new WeakMap<JSONSchemaProps, boolean>();

function hasRules(s: JSONSchemaProps | undefined): boolean {
  if (!s || typeof s !== 'object') return false;
  let known = withRules.get(s);
  if (known === undefined) {
    known =
      !!s['x-kubernetes-validations']?.length ||
      Object.values(s.properties ?? {}).some(hasRules) ||
      hasRules(s.items) ||
      (typeof s.additionalProperties === 'object' && hasRules(s.additionalProperties));
    withRules.set(s, known);
  }
  return known;
}

/**
 * x-kubernetes-validations (apiextensions-apiserver pkg/apiserver/schema/cel/validation.go): each node's
 * rules with `self` bound to its value, then its children's. A rule on oldSelf runs on updates only.
 */
function checkRules(v: unknown, s: JSONSchemaProps, old: unknown, path: string, errs: FieldError[]): void {
  if (v === undefined || v === null || !hasRules(s)) return;
  const at = (p: string) => p || '<nil>';
  const type = JSON.stringify(s.type ?? '');
  for (const rule of s['x-kubernetes-validations'] ?? []) {
    if (usesOldSelf(rule.rule) && old === undefined) continue;
    const text = (rule.message ?? '').trim() || rule.rule.trim();
    let result: unknown;
    try {
      result = evalRule(rule.rule, v, old);
    } catch (e) {
      if (e instanceof UnsupportedRule) continue;
      if (!(e instanceof CelError)) throw e;
      const detail = e.message.startsWith('no such overload')
        ? `'${e.message}': call arguments did not match a supported operator, function or macro signature for rule: ${text}`
        : `${e.message} evaluating rule: ${text}`;
      errs.push({ type: 'FieldValueInvalid', field: at(path), value: type, detail });
      continue;
    }
    if (result === true) continue;
    const field = rule.fieldPath ? child(path, rule.fieldPath.replace(/^\./, '')) : path;
    let detail = rule.message?.trim() || `failed rule: ${text}`;
    if (rule.messageExpression) {
      try {
        const m = evalRule(rule.messageExpression, v, old);
        if (typeof m === 'string' && m.trim()) detail = m.trim();
      } catch (e) {
        if (!(e instanceof CelError) && !(e instanceof UnsupportedRule)) throw e;
      }
    }
    if (rule.reason === 'FieldValueForbidden') errs.push({ type: 'FieldValueForbidden', field: at(field), detail });
    else if (rule.reason === 'FieldValueRequired') errs.push({ type: 'FieldValueRequired', field: at(field), detail });
    else if (rule.reason === 'FieldValueDuplicate') errs.push({ type: 'FieldValueDuplicate', field: at(field), value: type });
    else errs.push({ type: 'FieldValueInvalid', field: at(field), value: type, detail });
  }
  if (Array.isArray(v)) {
    if (s.items) v.forEach((x, i) => checkRules(x, s.items!, undefined, `${path}[${i}]`, errs));
    return;
  }
  if (!isObject(v)) return;
  const oldObj = isObject(old) ? old : undefined;
  for (const [k, x] of Object.entries(v)) {
    const sub = fieldSchema(s, k);
    if (sub) checkRules(x, sub, oldObj?.[k], child(path, k), errs);
  }
}

/** The string formats kube-openapi checks for CRDs (apiextensions validation/formats.go); others are ignored. */
const FORMATS: Record<string, RegExp | ((v: string) => boolean)> = {
  datetime: /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  duration: /^(\d+(\.\d+)?\s*(ns|us|µs|ms|s|m|h|d|w)\s*)+$/,
  uuid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid3: /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid4: /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  uuid5: /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  ipv4: (v) => isIPv4(v),
  ipv6: (v) => isIPv6(v),
  cidr: (v) => {
    const [ip, bits, ...rest] = v.split('/');
    if (rest.length || bits === undefined || !/^\d+$/.test(bits)) return false;
    return (isIPv4(ip) && Number(bits) <= 32) || (isIPv6(ip) && Number(bits) <= 128);
  },
  hostname: /^(?=.{1,255}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/,
  email: /^[^\s@<>]+@[^\s@<>]+$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$|^\/\S*$/,
  mac: /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/,
  hexcolor: /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/,
  byte: /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

function isIPv4(v: string): boolean {
  const parts = v.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(v: string): boolean {
  if (!v.includes(':')) return false;
  try {
    return new URL(`http://[${v}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** Validates one value with kube-openapi's validators, in their order: type, string, format, number, items, enum, object. */
function validateValue(v: unknown, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  if (v === null && s.nullable) return;
  const types = s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [];
  if (types.length && !typeAllows(types, v)) {
    const got = typeOf(v) === 'integer' ? 'integer' : typeOf(v);
    errs.push({
      type: 'FieldValueTypeInvalid',
      field: path,
      value: JSON.stringify(got),
      detail: `${path} in body must be of type ${types.join(',')}: ${JSON.stringify(got)}`,
    });
    return;
  }
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.maxLength !== undefined && length > s.maxLength)
      errs.push({ type: 'FieldValueTooLong', field: path, detail: `may not be more than ${s.maxLength} bytes` });
    if (s.minLength !== undefined && length < s.minLength)
      errs.push(invalidAt(path, v, `${path} in body should be at least ${s.minLength} chars long`));
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errs.push(invalidAt(path, v, `${path} in body should match '${s.pattern}'`));
    const check = s.format ? FORMATS[s.format.replace(/-/g, '')] : undefined;
    if (check && !(typeof check === 'function' ? check(v) : check.test(v)))
      errs.push({ type: 'FieldValueTypeInvalid', field: path, value: errValue(v), detail: `${path} in body must be of type ${s.format}: ${JSON.stringify(v)}` });
  }
  if (typeof v === 'number') {
    if (s.multipleOf && !Number.isInteger(v / s.multipleOf))
      errs.push(invalidAt(path, v, `${path} in body should be a multiple of ${s.multipleOf}`));
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum))
      errs.push(invalidAt(path, v, `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`));
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum))
      errs.push(invalidAt(path, v, `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`));
  }
  if (Array.isArray(v)) {
    if (s.items) v.forEach((x, i) => validateValue(x, s.items!, `${path}[${i}]`, errs));
    if (s.minItems !== undefined && v.length < s.minItems)
      errs.push(invalidAt(path, v.length, `${path} in body should have at least ${s.minItems} items`));
    if (s.maxItems !== undefined && v.length > s.maxItems)
      errs.push({ type: 'FieldValueTooMany', field: path, value: String(v.length), detail: `must have at most ${s.maxItems} items` });
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    const supported = s.enum.map((e) => JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e))).join(', ');
    errs.push({ type: 'FieldValueNotSupported', field: path, value: errValue(v), detail: `supported values: ${supported}` });
  }
  if (isObject(v)) {
    const n = Object.keys(v).length;
    if (s.minProperties !== undefined && n < s.minProperties)
      errs.push(invalidAt(path, n, `${path} in body should have at least ${s.minProperties} properties`));
    if (s.maxProperties !== undefined && n > s.maxProperties)
      errs.push({ type: 'FieldValueTooMany', field: path, value: String(n), detail: `must have at most ${s.maxProperties} items` });
    for (const [k, sub] of Object.entries(s.properties ?? {})) if (v[k] !== undefined) validateValue(v[k], sub, child(path, k), errs);
    for (const r of s.required ?? []) if (v[r] === undefined) errs.push({ type: 'FieldValueRequired', field: child(path, r), detail: '' });
    if (isObject(s.additionalProperties))
      for (const [k, x] of Object.entries(v))
        if (!s.properties?.[k] && x !== undefined) validateValue(x, s.additionalProperties as JSONSchemaProps, child(path, k), errs);
  }
}

/** A list key or set element as Go's %#v prints it in `Duplicate value` errors. */
function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v))
    return `map[string]interface {}{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${goValue(v[k])}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}

/**
 * x-kubernetes-list-type set and map: no element (set) or key (map) may repeat
 * (apiextensions-apiserver pkg/apiserver/schema/listtype).
 */
function validateListTypes(v: unknown, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  if (v === undefined || v === null || !s || typeof s !== 'object') return;
  if (Array.isArray(v)) {
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set' || listType === 'map') {
      const seen = new Set<string>();
      v.forEach((x, i) => {
        const key =
          listType === 'set'
            ? x
            : Object.fromEntries((s['x-kubernetes-list-map-keys'] ?? []).filter((k) => isObject(x) && x[k] !== undefined).map((k) => [k, (x as JSONObject)[k]]));
        const id = JSON.stringify(key);
        if (seen.has(id)) errs.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, value: goValue(key) });
        seen.add(id);
      });
    }
    if (s.items) v.forEach((x, i) => validateListTypes(x, s.items!, `${path}[${i}]`, errs));
    return;
  }
  if (!isObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    const sub = fieldSchema(s, k);
    if (sub) validateListTypes(x, sub, child(path, k), errs);
  }
}

function invalidAt(path: string, v: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: path, value: errValue(v), detail };
}

// ---------------------------------------------------------------- printer columns

/**
 * Finds the first value a printer column's JSONPath selects: fields, `[n]`, `[*]` and filters such as
 * `[?(@.type=="Ready")]`, which is what CRD printer columns use.
 */
export function firstPathValue(obj: unknown, jsonPath: string): unknown {
  const steps = jsonPath.match(/\.?[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [obj];
  for (const raw of steps) {
    const next: unknown[] = [];
    for (const cur of current) {
      if (raw.startsWith('[')) {
        const inner = raw.slice(1, -1).trim();
        if (!Array.isArray(cur)) continue;
        if (inner === '*') next.push(...cur);
        else if (/^-?\d+$/.test(inner)) {
          const i = Number(inner);
          const item = cur[i < 0 ? cur.length + i : i];
          if (item !== undefined) next.push(item);
        } else {
          const m = /^\?\(@\.([\w.-]+)\s*(==|!=)\s*["']?([^"']*)["']?\)$/.exec(inner);
          if (!m) continue;
          for (const item of cur) {
            const got = firstPathValue(item, `.${m[1]}`);
            const match = got !== undefined && String(got) === m[3];
            if (match === (m[2] === '==')) next.push(item);
          }
        }
      } else {
        const key = raw.replace(/^\./, '');
        if (key === '*' && isObject(cur)) next.push(...Object.values(cur));
        else if (isObject(cur) && key in cur) next.push(cur[key]);
      }
    }
    current = next;
  }
  return current[0];
}

/** A value as Go's fmt prints it: maps as `map[k:v]`, slices as `[a b]`. */
function goFormat(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(' ')}]`;
  if (v === null) return '<nil>';
  return String(v);
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  format?: string;
  description?: string;
}

/**
 * A cell as the apiextensions table convertor computes it: string columns print whatever is there,
 * typed columns print only a value of their type, dates print as an age, and nothing found is empty.
 */
function cell(type: string, v: unknown, now: number, age: (ts: string, now: number) => string): string {
  if (v === undefined || v === null) return '';
  switch (type) {
    case 'string':
      return goFormat(v);
    case 'integer':
      return typeof v === 'number' ? String(Math.trunc(v)) : '';
    case 'number':
      return typeof v === 'number' ? String(v) : '';
    case 'boolean':
      return typeof v === 'boolean' ? String(v) : '';
    case 'date':
      if (typeof v !== 'string') return '';
      return Number.isNaN(Date.parse(v)) ? '<invalid>' : age(v, now);
    default:
      return '';
  }
}

/** additionalPrinterColumns as the API server prints them; with none, NAME and AGE. */
export function crdTable(columns: PrinterColumn[], age: (ts: string | undefined, now: number) => string): TableSpec {
  const cols = columns.length ? columns : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return {
    columns: [
      { name: 'Name' },
      ...cols.map((c) => ({ name: c.name, priority: c.priority ?? 0, type: c.type as 'string' | 'integer' | 'number' | 'boolean' | 'date' })),
    ],
    row: (obj, now) => [obj.metadata.name ?? '', ...cols.map((c) => cell(c.type, firstPathValue(obj, c.jsonPath), now, age))],
  };
}
