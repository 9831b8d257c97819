import { rfc3339 } from '../../clock.js';
import { pruneUnknownFields, type JSONSchemaProps } from '../crdSchema.js';
import type { KubeObject } from '../types.js';
import {
  forbiddenField,
  immutable,
  invalid,
  isDNS1035Label,
  isDNS1123Subdomain,
  notSupported,
  required,
  type FieldError,
} from '../validation.js';
import type { KindSpec, ServerContext } from './kindSpec.js';

const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';
const SCHEMA_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/**
 * spec.versions as Go's %#v prints the internal type in `spec.versions: Invalid value: ...` errors.
 * Pointers print as addresses; ours are stable stand-ins, since a real server's differ on every call.
 */
function goVersions(versions: KubeObject[] | undefined): string {
  if (!versions?.length) return '[]apiextensions.CustomResourceDefinitionVersion(nil)';
  let address = 0xc000a1e000;
  const ptr = (type: string, v: unknown) => {
    if (v === undefined || v === null) return `(*${type})(nil)`;
    address += 0x1c0;
    return `(*${type})(0x${address.toString(16)})`;
  };
  const column = (c: KubeObject) =>
    `apiextensions.CustomResourceColumnDefinition{Name:${JSON.stringify(c.name ?? '')}, Type:${JSON.stringify(c.type ?? '')}, Format:${JSON.stringify(c.format ?? '')}, Description:${JSON.stringify(c.description ?? '')}, Priority:${c.priority ?? 0}, JSONPath:${JSON.stringify(c.jsonPath ?? '')}}`;
  const items = versions.map((v) => {
    const cols = v.additionalPrinterColumns?.length
      ? `[]apiextensions.CustomResourceColumnDefinition{${v.additionalPrinterColumns.map(column).join(', ')}}`
      : '[]apiextensions.CustomResourceColumnDefinition(nil)';
    return (
      `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name ?? '')}, Served:${!!v.served}, Storage:${!!v.storage}, ` +
      `Deprecated:${!!v.deprecated}, DeprecationWarning:${ptr('string', v.deprecationWarning)}, ` +
      `Schema:${ptr('apiextensions.CustomResourceValidation', v.schema)}, Subresources:${ptr('apiextensions.CustomResourceSubresources', v.subresources)}, ` +
      `AdditionalPrinterColumns:${cols}, SelectableFields:[]apiextensions.SelectableField(nil)}`
    );
  });
  return `[]apiextensions.CustomResourceDefinitionVersion{${items.join(', ')}}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

type SchemaLevel = 'root' | 'item' | 'field';

/** The structural-schema rules (apiextensions-apiserver pkg/apiserver/schema/validation.go), the common ones. */
function validateStructural(s: JSONSchemaProps, path: string, level: SchemaLevel, errs: FieldError[]): void {
  if (!s || typeof s !== 'object') return;
  const intOrString = !!s['x-kubernetes-int-or-string'];
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  if (s['x-kubernetes-embedded-resource'] && s.type !== 'object') {
    if (!s.type) errs.push(required(`${path}.type`, 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(invalid(`${path}.type`, s.type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!s.type && !intOrString && !preserve) {
    const detail =
      level === 'root'
        ? 'must not be empty at the root'
        : level === 'item'
          ? 'must not be empty for specified array items'
          : 'must not be empty for specified object fields';
    errs.push(required(`${path}.type`, detail));
  } else if (s.type && !SCHEMA_TYPES.includes(s.type)) {
    errs.push(notSupported(`${path}.type`, s.type, SCHEMA_TYPES));
  }
  if (level === 'root' && s.type && s.type !== 'object') errs.push(invalid(`${path}.type`, s.type, 'must be object at the root'));
  if (s.type === 'array' && !s.items) errs.push(required(`${path}.items`, 'must be specified'));
  if (s.properties && typeof s.additionalProperties === 'object')
    errs.push(forbiddenField(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  if (s.pattern !== undefined) {
    try {
      new RegExp(s.pattern, 'u');
    } catch (e) {
      errs.push(invalid(`${path}.pattern`, s.pattern, `must be a valid regular expression, but isn't: ${(e as Error).message}`));
    }
  }
  for (const [k, sub] of Object.entries(s.properties ?? {})) validateStructural(sub, `${path}.properties[${k}]`, 'field', errs);
  if (s.items) validateStructural(s.items, `${path}.items`, 'item', errs);
  if (typeof s.additionalProperties === 'object') validateStructural(s.additionalProperties, `${path}.additionalProperties`, 'field', errs);
}

function validateNames(names: KubeObject, path: string, errs: FieldError[]): void {
  const join = (e: string[]) => e.join(',');
  if (names.plural && isDNS1035Label(names.plural).length) errs.push(invalid(`${path}.plural`, names.plural, join(isDNS1035Label(names.plural))));
  if (names.singular && isDNS1035Label(names.singular).length)
    errs.push(invalid(`${path}.singular`, names.singular, join(isDNS1035Label(names.singular))));
  if (names.kind && isDNS1035Label(String(names.kind).toLowerCase()).length)
    errs.push(invalid(`${path}.kind`, names.kind, `may have mixed case, but should otherwise match: ${join(isDNS1035Label(String(names.kind).toLowerCase()))}`));
  if (names.listKind && isDNS1035Label(String(names.listKind).toLowerCase()).length)
    errs.push(
      invalid(`${path}.listKind`, names.listKind, `may have mixed case, but should otherwise match: ${join(isDNS1035Label(String(names.listKind).toLowerCase()))}`),
    );
  (names.shortNames ?? []).forEach((s: string, i: number) => {
    if (isDNS1035Label(s).length) errs.push(invalid(`${path}.shortNames[${i}]`, s, join(isDNS1035Label(s))));
  });
  if (names.kind && names.kind === names.listKind) errs.push(invalid(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c: string, i: number) => {
    if (isDNS1035Label(c).length) errs.push(invalid(`${path}.categories[${i}]`, c, join(isDNS1035Label(c))));
  });
}

function validateColumn(c: KubeObject, path: string, errs: FieldError[]): void {
  if (!c.name) errs.push(required(`${path}.name`));
  if (!c.type) errs.push(required(`${path}.type`, `must be one of ${COLUMN_TYPES.join(',')}`));
  else if (!COLUMN_TYPES.includes(c.type)) errs.push(invalid(`${path}.type`, c.type, `must be one of ${COLUMN_TYPES.join(',')}`));
  if (c.format && !COLUMN_FORMATS.includes(c.format)) errs.push(invalid(`${path}.format`, c.format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  if (!c.jsonPath) errs.push(required(`${path}.JSONPath`));
  else if (!String(c.jsonPath).startsWith('.')) errs.push(invalid(`${path}.JSONPath`, c.jsonPath, 'must be a simple json path starting with .'));
}

const APPROVAL = 'api-approved.kubernetes.io';

function approvalState(annotations: Record<string, string> | undefined): ['missing' | 'bypassed' | 'approved' | 'invalid', string] {
  const a = annotations?.[APPROVAL] ?? '';
  if (!a) return ['missing', `protected groups must have approval annotation "${APPROVAL}", see https://github.com/kubernetes/enhancements/pull/1111`];
  if (a.startsWith('unapproved')) return ['bypassed', ''];
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]+/.test(a)) return ['approved', ''];
  return [
    'invalid',
    `protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
  ];
}

/** Groups under k8s.io and kubernetes.io belong to the Kubernetes project and need an approval annotation. */
function validateAPIApproval(obj: KubeObject, old?: KubeObject): FieldError[] {
  const group = String(obj.spec?.group ?? '');
  const isProtected = (g: string) => g === 'k8s.io' || g.endsWith('.k8s.io') || g === 'kubernetes.io' || g.endsWith('.kubernetes.io');
  if (!isProtected(group)) return [];
  if (old && !isProtected(String(old.spec?.group ?? ''))) return [];
  const [state, reason] = approvalState(obj.metadata.annotations);
  if (old && approvalState(old.metadata.annotations)[0] === state) return [];
  const field = `metadata.annotations[${APPROVAL}]`;
  if (state === 'missing') return [required(field, reason)];
  if (state === 'invalid') return [invalid(field, obj.metadata.annotations?.[APPROVAL], reason)];
  return [];
}

/** ValidateCustomResourceDefinition (apiextensions-apiserver pkg/apis/apiextensions/validation), v1 rules. */
function validateCRD(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  const names = spec.names ?? {};
  const name = obj.metadata.name;
  if (name && name !== `${names.plural ?? ''}.${spec.group ?? ''}`)
    errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) errs.push(required('spec.group'));
  else if (isDNS1123Subdomain(spec.group).length) errs.push(invalid('spec.group', spec.group, isDNS1123Subdomain(spec.group).join(',')));
  else if (spec.group.split('.').length < 2) errs.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(required('spec.scope'));
  else if (!['Cluster', 'Namespaced'].includes(spec.scope)) errs.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions: KubeObject[] = Array.isArray(spec.versions) ? spec.versions : [];
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const at = `spec.versions[${i}]`;
    if (v.storage) storage++;
    if (seen.has(v.name)) unique = false;
    seen.add(v.name);
    const nameErrs = isDNS1035Label(String(v.name ?? ''));
    if (nameErrs.length) errs.push(invalid(`${at}.name`, v.name ?? '', nameErrs.join(',')));
    const schema = v.schema?.openAPIV3Schema;
    if (schema) {
      if (schema.nullable) errs.push(forbiddenField(`${at}.schema.openAPIV3Schema.nullable`, 'nullable cannot be true at the root'));
      validateStructural(schema, `${at}.schema.openAPIV3Schema`, 'root', errs);
    }
    (v.additionalPrinterColumns ?? []).forEach((c: KubeObject, j: number) => validateColumn(c, `${at}.additionalPrinterColumns[${j}]`, errs));
  });
  if (!unique) errs.push({ type: 'FieldValueInvalid', field: 'spec.versions', value: goVersions(versions), detail: 'must contain unique version names' });
  if (storage !== 1)
    errs.push({ type: 'FieldValueInvalid', field: 'spec.versions', value: goVersions(versions), detail: 'must have exactly one version marked as storage version' });
  if (!names.plural) errs.push(required('spec.names.plural'));
  if (!names.singular) errs.push(required('spec.names.singular'));
  if (!names.kind) errs.push(required('spec.names.kind'));
  if (!names.listKind) errs.push(required('spec.names.listKind'));
  validateNames(names, 'spec.names', errs);
  errs.push(...validateAPIApproval(obj, old));
  if (old) {
    const oldSpec = old.spec ?? {};
    const established = (old.status?.conditions ?? []).some((c: KubeObject) => c.type === 'Established' && c.status === 'True');
    if (established) {
      if (spec.scope !== oldSpec.scope) errs.push(immutable('spec.scope', spec.scope));
      if (names.kind !== oldSpec.names?.kind) errs.push(immutable('spec.names.kind', names.kind));
    }
    if (spec.group !== oldSpec.group) errs.push(immutable('spec.group', spec.group));
    if (names.plural !== oldSpec.names?.plural) errs.push(immutable('spec.names.plural', names.plural));
  }
  return errs;
}

/**
 * The names this CRD may claim, and the NamesAccepted and Established conditions, as the naming and
 * establishing controllers of apiextensions-apiserver set them: a name another CRD of the same group
 * already accepted is refused, and the CRD is served only once its names are accepted. The API server
 * here runs both at once, so a CRD is established in the same write that creates it.
 */
export function acceptNames(obj: KubeObject, ctx: Pick<ServerContext, 'list' | 'now'>): void {
  const names = obj.spec.names;
  const others = ctx
    .list(CRD_RESOURCE)
    .filter((c) => c.metadata.name !== obj.metadata.name && c.spec?.group === obj.spec.group);
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const c of others) {
    const a = c.status?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) if (n) resources.add(n);
    for (const n of [a.kind, a.listKind]) if (n) kinds.add(n);
  }
  const previous = obj.status?.acceptedNames ?? {};
  const accepted: Json = { ...previous };
  let condition: { status: string; reason: string; message: string } | undefined;
  const refuse = (reason: string, message: string) => (condition = { status: 'False', reason, message });
  const fresh = (want: string | undefined, had: string | undefined, used: Set<string>) =>
    want === had || !want || !used.has(want) ? undefined : `"${want}" is already in use`;
  let e = fresh(names.plural, previous.plural, resources);
  if (e) refuse('PluralConflict', e);
  else accepted.plural = names.plural;
  e = fresh(names.singular, previous.singular, resources);
  if (e) refuse('SingularConflict', e);
  else accepted.singular = names.singular;
  const shortErrs = (names.shortNames ?? [])
    .filter((s: string) => !(previous.shortNames ?? []).includes(s))
    .map((s: string) => fresh(s, '', resources))
    .filter(Boolean);
  if (shortErrs.length) refuse('ShortNamesConflict', shortErrs.length === 1 ? shortErrs[0] : `[${shortErrs.join(', ')}]`);
  else if (names.shortNames) accepted.shortNames = [...names.shortNames];
  else delete accepted.shortNames;
  e = fresh(names.kind, previous.kind, kinds);
  if (e) refuse('KindConflict', e);
  else accepted.kind = names.kind;
  e = fresh(names.listKind, previous.listKind, kinds);
  if (e) refuse('ListKindConflict', e);
  else accepted.listKind = names.listKind;
  if (names.categories) accepted.categories = [...names.categories];
  else delete accepted.categories;
  const now = rfc3339(ctx.now());
  const conditions: Json[] = [...(obj.status?.conditions ?? [])];
  const put = (c: Json) => {
    const i = conditions.findIndex((x) => x.type === c.type);
    if (i < 0) conditions.push(c);
    else if (conditions[i].status !== c.status) conditions[i] = c;
    else conditions[i] = { ...c, lastTransitionTime: conditions[i].lastTransitionTime };
  };
  const namesAccepted = condition ?? { status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  put({ type: 'NamesAccepted', ...namesAccepted, lastTransitionTime: now });
  const wasEstablished = conditions.some((c) => c.type === 'Established' && c.status === 'True');
  if (namesAccepted.status === 'True' && !wasEstablished)
    put({ type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now });
  else if (!wasEstablished)
    put({ type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted', lastTransitionTime: now });
  obj.status = { ...obj.status, acceptedNames: accepted, conditions: conditions.map(orderCondition) };
}

/** Conditions keep the field order of the Go type. */
function orderCondition(c: Json): Json {
  return { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

const anything: JSONSchemaProps = { 'x-kubernetes-preserve-unknown-fields': true };
const str: JSONSchemaProps = { type: 'string' };
const bool: JSONSchemaProps = { type: 'boolean' };
const strings: JSONSchemaProps = { type: 'array', items: str };
const object = (properties: Record<string, JSONSchemaProps>): JSONSchemaProps => ({ type: 'object', properties });

/** The fields of apiextensions.k8s.io/v1 CustomResourceDefinition, for strict decoding and pruning. */
const crdSchema = object({
  spec: object({
    group: str,
    names: object({ plural: str, singular: str, shortNames: strings, kind: str, listKind: str, categories: strings }),
    scope: str,
    versions: {
      type: 'array',
      items: object({
        name: str,
        served: bool,
        storage: bool,
        deprecated: bool,
        deprecationWarning: str,
        schema: object({ openAPIV3Schema: anything }),
        subresources: object({ status: anything, scale: object({ specReplicasPath: str, statusReplicasPath: str, labelSelectorPath: str }) }),
        additionalPrinterColumns: {
          type: 'array',
          items: object({ name: str, type: str, format: str, description: str, priority: { type: 'integer' }, jsonPath: str }),
        },
        selectableFields: { type: 'array', items: object({ jsonPath: str }) },
      }),
    },
    conversion: object({ strategy: str, webhook: anything }),
    preserveUnknownFields: bool,
  }),
  status: anything,
});

export const customResourceDefinition = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  namespaced: false,
  statusSubresource: true,
  generation: true,
  allowUnconditionalUpdate: false,
  schema: crdSchema,
  defaults(obj) {
    // decoding into the Go type drops unknown fields; then SetDefaults_CustomResourceDefinition
    pruneUnknownFields(obj, crdSchema);
    const spec = (obj.spec ??= {});
    const names = (spec.names ??= {});
    if (!names.singular && names.kind) names.singular = String(names.kind).toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
    spec.conversion ??= { strategy: 'None' };
  },
  prepareForCreate(obj, ctx) {
    obj.status = { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] };
    const storage = (obj.spec?.versions ?? []).find((v: KubeObject) => v.storage);
    if (storage) obj.status.storedVersions = [storage.name];
    if (obj.spec?.names) acceptNames(obj, ctx);
    obj.status = { acceptedNames: obj.status.acceptedNames, conditions: obj.status.conditions, storedVersions: obj.status.storedVersions };
  },
  prepareForUpdate(obj, old, ctx) {
    obj.status = structuredClone(old.status);
    const storage = (obj.spec?.versions ?? []).find((v: KubeObject) => v.storage);
    if (storage && !(obj.status.storedVersions ?? []).includes(storage.name))
      obj.status.storedVersions = [...(obj.status.storedVersions ?? []), storage.name];
    if (obj.spec?.names && JSON.stringify(obj.spec.names) !== JSON.stringify(old.spec?.names)) acceptNames(obj, ctx);
  },
  validate: validateCRD,
} satisfies KindSpec;
