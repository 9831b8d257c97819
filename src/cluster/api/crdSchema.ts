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
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  format?: string;
  additionalProperties?: JSONSchemaProps | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  nullable?: boolean;
  default?: unknown;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  if (want === 'number') return got === 'number' || got === 'integer';
  return want === got;
}

/**
 * Validates a custom resource against its openAPIV3Schema with the API server's messages, e.g.
 * `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`.
 */
export function validateAgainstSchema(obj: KubeObject, schema: JSONSchemaProps): FieldError[] {
  const errs: FieldError[] = [];
  const walk = (v: unknown, s: JSONSchemaProps, path: string) => {
    if (v === undefined) return;
    if (v === null && s.nullable) return;
    const at = path || '<root>';
    if (s['x-kubernetes-int-or-string']) {
      if (typeof v !== 'string' && typeOf(v) !== 'integer')
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body must be of type integer,string: ${JSON.stringify(typeOf(v))}` });
      return;
    }
    if (s.type && !typeMatches(s.type, v)) {
      errs.push({
        type: 'FieldValueInvalid',
        field: at,
        value: JSON.stringify(typeOf(v) === 'integer' ? 'integer' : typeOf(v)),
        detail: `${at} in body must be of type ${s.type}: ${JSON.stringify(typeOf(v) === 'integer' ? 'integer' : typeOf(v))}`,
      });
      return;
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
      errs.push({
        type: 'FieldValueNotSupported',
        field: at,
        value: errValue(v),
        detail: `supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`,
      });
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum)
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body should be greater than or equal to ${s.minimum}` });
      if (s.maximum !== undefined && v > s.maximum)
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body should be less than or equal to ${s.maximum}` });
    }
    if (typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength)
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body should be at least ${s.minLength} chars long` });
      if (s.maxLength !== undefined && v.length > s.maxLength)
        errs.push({ type: 'FieldValueTooLong', field: at, value: errValue(v), detail: `may not be more than ${s.maxLength} bytes` });
      if (s.pattern && !new RegExp(s.pattern).test(v))
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body should match '${s.pattern}'` });
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems)
        errs.push({ type: 'FieldValueInvalid', field: at, value: errValue(v), detail: `${at} in body should have at least ${s.minItems} items` });
      if (s.maxItems !== undefined && v.length > s.maxItems)
        errs.push({ type: 'FieldValueTooMany', field: at, value: errValue(v), detail: `must have at most ${s.maxItems} items` });
      if (s.items) v.forEach((x, i) => walk(x, s.items!, `${path}[${i}]`));
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const r of s.required ?? [])
        if (o[r] === undefined) errs.push({ type: 'FieldValueRequired', field: path ? `${path}.${r}` : r, detail: '' });
      for (const [k, sub] of Object.entries(s.properties ?? {})) walk(o[k], sub, path ? `${path}.${k}` : k);
      if (typeof s.additionalProperties === 'object')
        for (const [k, x] of Object.entries(o)) if (!s.properties?.[k]) walk(x, s.additionalProperties, path ? `${path}.${k}` : k);
    }
  };
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  walk(rest, { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k))) }, '');
  return errs;
}

/** Reads a simple JSONPath such as `.spec.replicas` or `.status.conditions[0].type`. */
function readPath(obj: unknown, jsonPath: string): unknown {
  let cur: unknown = obj;
  for (const part of jsonPath.replace(/^\./, '').split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
}

/** additionalPrinterColumns as the API server prints them; with none, NAME and AGE. */
export function crdTable(columns: PrinterColumn[], age: (ts: string | undefined, now: number) => string): TableSpec {
  const cols = columns.length ? columns : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return {
    columns: [{ name: 'Name' }, ...cols.map((c) => ({ name: c.name, priority: c.priority ?? 0 }))],
    row: (obj, now) => [
      obj.metadata.name ?? '',
      ...cols.map((c) => {
        const v = readPath(obj, c.jsonPath);
        if (v === undefined || v === null) return '';
        if (c.type === 'date') return age(String(v), now);
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
      }),
    ],
  };
}
