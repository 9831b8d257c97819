import type { TableSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { errValue, type FieldError } from './validation.js';

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

function pruneObject(o: JSONObject, s: JSONSchemaProps, path: string, isResource: boolean, pruned: string[]): void {
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) {
      delete o[key]; // absent from the JSON a client sends
      continue;
    }
    if (isResource && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
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
export function validateAgainstSchema(obj: KubeObject, schema: JSONSchemaProps): FieldError[] {
  const errs: FieldError[] = [];
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k)),
  );
  const required = (schema.required ?? []).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k));
  validateValue(rest, { ...schema, properties, required }, '', errs);
  return errs;
}

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
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    const supported = s.enum.map((e) => JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e))).join(', ');
    errs.push({ type: 'FieldValueNotSupported', field: path, value: errValue(v), detail: `supported values: ${supported}` });
  }
  if (typeof v === 'number') {
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum))
      errs.push(invalidAt(path, v, `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`));
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum))
      errs.push(invalidAt(path, v, `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`));
    if (s.multipleOf && !Number.isInteger(v / s.multipleOf))
      errs.push(invalidAt(path, v, `${path} in body should be a multiple of ${s.multipleOf}`));
  }
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.maxLength !== undefined && length > s.maxLength)
      errs.push({ type: 'FieldValueTooLong', field: path, detail: `may not be more than ${s.maxLength} bytes` });
    if (s.minLength !== undefined && length < s.minLength)
      errs.push(invalidAt(path, v, `${path} in body should be at least ${s.minLength} chars long`));
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errs.push(invalidAt(path, v, `${path} in body should match '${s.pattern}'`));
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems)
      errs.push({ type: 'FieldValueTooMany', field: path, value: String(v.length), detail: `must have at most ${s.maxItems} items` });
    if (s.minItems !== undefined && v.length < s.minItems)
      errs.push(invalidAt(path, v.length, `${path} in body should have at least ${s.minItems} items`));
    if (s.items) v.forEach((x, i) => validateValue(x, s.items!, `${path}[${i}]`, errs));
  }
  if (isObject(v)) {
    const n = Object.keys(v).length;
    if (s.maxProperties !== undefined && n > s.maxProperties)
      errs.push({ type: 'FieldValueTooMany', field: path, value: String(n), detail: `must have at most ${s.maxProperties} items` });
    if (s.minProperties !== undefined && n < s.minProperties)
      errs.push(invalidAt(path, n, `${path} in body should have at least ${s.minProperties} properties`));
    for (const [k, sub] of Object.entries(s.properties ?? {})) if (v[k] !== undefined) validateValue(v[k], sub, child(path, k), errs);
    for (const r of s.required ?? []) if (v[r] === undefined) errs.push({ type: 'FieldValueRequired', field: child(path, r), detail: '' });
    if (isObject(s.additionalProperties))
      for (const [k, x] of Object.entries(v))
        if (!s.properties?.[k] && x !== undefined) validateValue(x, s.additionalProperties as JSONSchemaProps, child(path, k), errs);
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
