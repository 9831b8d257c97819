import type { ScalePaths } from '../scale.js';
import type { FieldError, NameRule } from '../validation.js';
import type { JSONSchemaProps } from '../crdSchema.js';
import type { KubeObject } from '../types.js';

/** A column of the server-side table (metav1.TableColumnDefinition). */
export interface TableColumn {
  /** header as the API server names it; kubectl upper-cases it */
  name: string;
  /** 0 shows in the plain table, 1 only with -o wide */
  priority?: number;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'date';
}

/** How the API server turns objects of a kind into table rows (pkg/printers/internalversion). */
export interface TableSpec {
  columns: TableColumn[];
  /** one cell per column; `now` is the simulated time in ms, for AGE and similar */
  row(obj: KubeObject, now: number): (string | number)[];
}

/** What a kind's hooks may ask of the API server while defaulting and preparing an object. */
export interface ServerContext {
  /** the requesting user's name, for kinds that record who asked (a CSR's spec.username) */
  user?: string;
  /** the requesting user's groups, as authentication found them (a CSR's spec.groups) */
  groups?: string[];
  now(): number;
  /** lists stored objects of a resource key (`/services`), for allocators that must avoid clashes */
  list(resource: string): KubeObject[];
  /** simulation bookkeeping shared across objects (allocator cursors and the like) */
  sim: Record<string, unknown>;
  random(): number;
}

/**
 * Everything the API server, `get`, `explain` and the CRD loader need to know about one resource kind.
 * A kind is one file in this folder exporting a KindSpec, plus one line in index.ts.
 */
export interface KindSpec {
  /** API group: '' for the core group, 'apps', 'batch', 'rbac.authorization.k8s.io' ... */
  group: string;
  /** the storage and served version (we serve one version per kind) */
  version: string;
  kind: string;
  /** the resource name in URLs and in kubectl: 'deployments' */
  plural: string;
  /** lower-case kind: 'deployment' */
  singular: string;
  /** discovery short names: ['deploy'] */
  shortNames?: string[];
  /** discovery categories; 'all' puts the kind in `kubectl get all` */
  categories?: string[];
  namespaced: boolean;
  /** discovery verbs; defaults to the full set */
  verbs?: string[];
  /** which rule metadata.name follows (default: DNS-1123 subdomain) */
  nameRule?: NameRule;
  /** true when the kind has a status subresource: a plain update cannot change status */
  statusSubresource?: boolean;
  /** the scale subresource (`deployments/scale`), where the kind has one */
  scale?: ScalePaths;
  /** true when the API server tracks metadata.generation (1 on create, +1 on each spec change) */
  generation?: boolean;
  /** false when an update must carry a resourceVersion (CRDs, custom resources); most kinds take one without */
  allowUnconditionalUpdate?: boolean;
  /** fills in what the API server defaults on decode (mutates obj) */
  defaults?(obj: KubeObject): void;
  /** sets server-owned fields on create: ClusterIP allocation, initial status (mutates obj) */
  prepareForCreate?(obj: KubeObject, ctx: ServerContext): void;
  /** carries server-owned fields over on update (mutates obj) */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: ServerContext): void;
  /** the kind's own validation; ObjectMeta is validated by the server. `old` is set on update. */
  validate?(obj: KubeObject, old?: KubeObject): FieldError[];
  /** true for kinds served from a CustomResourceDefinition (strategic merge falls back to merge) */
  custom?: boolean;
  /**
   * the structural schema of the kind's objects, where known: fields it does not specify are unknown
   * fields (refused under strict field validation, reported under Warn)
   */
  schema?: JSONSchemaProps;
  /** server-side printer; kinds without one get NAME and CREATED AT */
  table?: TableSpec;
  /** field selectors beyond metadata.name and metadata.namespace */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(spec: Pick<KindSpec, 'group' | 'version'>): string {
  return spec.group ? `${spec.group}/${spec.version}` : spec.version;
}

/** The key a resource is stored under: `apps/deployments`, `/pods`. */
export function resourceKey(spec: Pick<KindSpec, 'group' | 'plural'>): string {
  return `${spec.group}/${spec.plural}`;
}
