import type { KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import type { StoreDocument } from '../store/document.js';
import { age } from '../meta/duration.js';
import { applySchemaDefaults, crdTable, firstPathValue, pruneUnknownFields, validateAgainstSchema, type JSONSchemaProps } from './crdSchema.js';

/** Where CustomResourceDefinitions are stored. */
export const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';

/** The finalizer the API server puts on a CRD being deleted until its custom resources are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

function condition(crd: KubeObject, type: string): boolean {
  return (crd.status?.conditions ?? []).some((c: KubeObject) => c.type === type && c.status === 'True');
}

/** Kube-aware version order (v1 > v1beta2 > v1beta1 > v1alpha1 > anything else), as discovery sorts versions. */
function versionPriority(name: string): [number, number, number] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(name);
  if (!m) return [0, 0, 0];
  const level = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
  return [level, Number(m[1]), Number(m[3] ?? 0)];
}

/** Kube-aware comparison: negative when a is less preferred than b. */
function compareVersions(a: string, b: string): number {
  const pa = versionPriority(a);
  const pb = versionPriority(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return a === b ? 0 : a < b ? 1 : -1;
}

/** The served versions, most preferred first: the first is the one kubectl uses when none is named. */
export function servedVersions(versions: KubeObject[]): KubeObject[] {
  const served = versions.filter((v) => v.served);
  return served.sort((a, b) => compareVersions(b.name, a.name));
}

/** The warning each request to a deprecated version carries. */
const deprecations = new WeakMap<KindSpec, string>();

/** Warnings the API server adds to a request for this kind (a deprecated CRD version), if any. */
export function requestWarnings(spec: KindSpec): string[] {
  const w = deprecations.get(spec);
  return w ? [w] : [];
}

/** The fields of a request body its kind's schema does not specify (none for kinds without a schema). */
export function unknownFields(spec: KindSpec, body: KubeObject): string[] {
  return spec.schema ? pruneUnknownFields(structuredClone(body), spec.schema) : [];
}

/** True while a CRD is being deleted: its resources are still served, but nothing new may be created. */
export function crdTerminating(doc: StoreDocument, spec: KindSpec): boolean {
  if (!spec.custom) return false;
  const crd = doc.objects[CRD_RESOURCE]?.[`/${spec.plural}.${spec.group}`];
  return !!crd?.metadata.deletionTimestamp;
}

/**
 * Turns a stored CustomResourceDefinition into the KindSpecs of the resource it defines, one per served
 * version (most preferred first), so that custom resources are served like built-in ones (get, apply,
 * delete, -o, -w). A CRD is served once it is Established, under the names it was accepted with. All
 * versions share one storage; with the None conversion strategy only apiVersion differs between them.
 */
export function kindsFromCRD(crd: KubeObject): KindSpec[] {
  const spec = crd.spec ?? {};
  const names = crd.status?.acceptedNames ?? {};
  if (!spec.group || !names.plural || !names.kind || !condition(crd, 'Established')) return [];
  return servedVersions(spec.versions ?? []).map((version) => {
    const kind = versionKind(spec, names, version);
    if (version.deprecated) deprecations.set(kind, version.deprecationWarning ?? defaultDeprecationWarning(spec, names.kind, version.name));
    return kind;
  });
}

/** `stable.example.com/v1beta1 CronTab is deprecated; use stable.example.com/v1 CronTab` (customresource_handler.go). */
function defaultDeprecationWarning(spec: KubeObject, kind: string, deprecated: string): string {
  const msg = `${spec.group}/${deprecated} ${kind} is deprecated`;
  const newer = servedVersions(spec.versions ?? []).filter((v) => !v.deprecated && compareVersions(deprecated, v.name) < 0);
  return newer.length ? `${msg}; use ${spec.group}/${newer[0].name} ${kind}` : msg;
}

function versionKind(spec: KubeObject, names: KubeObject, version: KubeObject): KindSpec {
  const schema: JSONSchemaProps | undefined = version.schema?.openAPIV3Schema;
  const hasStatus = !!version.subresources?.status;
  const kind: KindSpec = {
    group: spec.group,
    version: version.name,
    kind: names.kind,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    namespaced: spec.scope !== 'Cluster',
    custom: true,
    generation: true,
    allowUnconditionalUpdate: false,
    statusSubresource: hasStatus,
    scale: version.subresources?.scale,
    defaults(obj) {
      // decoding prunes what the schema does not know, then the schema's defaults apply
      if (!schema) return;
      pruneUnknownFields(obj, schema);
      applySchemaDefaults(obj, schema);
    },
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status; // create cannot set status
    },
    validate: (obj, old) => (schema ? validateAgainstSchema(obj, schema, old) : []),
    table: crdTable(version.additionalPrinterColumns ?? [], age),
    // selectableFields; an unknown field label is refused as `field label not supported`
    fieldSelectors: Object.fromEntries(
      (version.selectableFields ?? []).map((f: { jsonPath: string }) => [
        f.jsonPath.replace(/^\./, ''),
        (o: KubeObject) => {
          const v = firstPathValue(o, f.jsonPath);
          return v === undefined || v === null ? undefined : String(v);
        },
      ]),
    ),
  };
  if (schema) kind.schema = schema;
  return kind;
}
