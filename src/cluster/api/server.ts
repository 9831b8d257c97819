import fs from 'node:fs';
import path from 'node:path';
import { rfc3339, type Clock } from '../clock.js';
import { Store, putObject, removeObject } from '../store/store.js';
import type { StoreDocument, WatchEvent, WatchEventType } from '../store/document.js';
import { generateName, newUid } from '../meta/names.js';
import { deepCopy } from '../meta/deepCopy.js';
import { matchesRequirements, parseFieldSelector, parseLabelSelector, type FieldRequirement, type Requirement } from '../meta/selectors.js';
import { enabledAdmissionPlugins, type AdmissionAttributes } from './admission/index.js';
import { KindRegistry } from './registry.js';
import { apiVersionOf, resourceKey, type KindSpec, type ServerContext } from './resources/kindSpec.js';
import { OPTIMISTIC_LOCK_MSG, StatusError, badRequest, conflict, expired, notFound, alreadyExists } from './status.js';
import { invalid, invalidError, validateObjectMeta, type FieldError } from './validation.js';
import type { KubeList, KubeObject } from './types.js';
import { validateEphemeralContainersUpdate } from './resources/pod.js';
import { applyPatch, type PatchType } from './patch.js';
import { fromScale, scaleNotFound, toScale } from './scale.js';
import { quorumLost } from '../etcd.js';
import { CRD_CLEANUP_FINALIZER, CRD_RESOURCE, crdTerminating, requestWarnings, unknownFields } from './crd.js';
import { runCRDFinalizer, type FinalizerHost } from './crdFinalizer.js';
import { authenticate, type UserInfo } from './authz/identity.js';
import { authorize, forbiddenError, type AuthzState } from './authz/authorizer.js';
import type { Attributes } from './authz/attributes.js';
import { jsonPatch, type RequestTracer } from './trace.js';

export type DryRun = boolean;

/** The subresources a write may address: status, pods/binding, pods/ephemeralcontainers, namespaces/finalize, certificatesigningrequests/approval. */
export type Subresource = 'status' | 'binding' | 'ephemeralcontainers' | 'finalize' | 'approval';

/** Whose request this is: a credential's user, or (impersonation) a user with the groups given. */
export interface ReadOptions {
  /** the user a request authenticates as; none is the API server's own loopback client (system:masters) */
  user?: string;
  /** the groups of an impersonated user; unset, the user's credential gives them */
  groups?: string[];
}

export interface WriteOptions extends ReadOptions {
  /** validate and admit, but do not store (`?dryRun=All`) */
  dryRun?: boolean;
  /** a field manager name, as kubectl sends it */
  fieldManager?: string;
  /** what to do with fields the schema does not know (`?fieldValidation=`); the server default is Warn */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** receives the server's warnings (kubectl prints them as `Warning: ...`) */
  warnings?: string[];
}

export interface ListOptions extends ReadOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * the caller only reads the items, as kubectl asking for a Table does: built-in kinds' items are then
   * the stored objects themselves, not copies (copying 10,000 pods costs more than printing them)
   */
  readOnly?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** optimistic concurrency: delete only this uid / resourceVersion */
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WatchOptions extends ListOptions {
  /** deliver changes strictly after this revision; unset replays the current state as ADDED first */
  resourceVersion?: string;
  signal?: AbortSignal;
}

export interface ApiWatchEvent {
  type: WatchEventType | 'ERROR';
  object: KubeObject;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a change to bumps metadata.generation: all but metadata, and but status where status is a subresource. */
function specPart(spec: KindSpec, o: KubeObject): unknown {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = o;
  return spec.statusSubresource ? rest : { ...rest, status };
}

/**
 * The embedded kube-apiserver: every reader and writer of the cluster (kubectl, controllers, the
 * scheduler, kubelets) goes through these methods, which default, admit, validate and store objects
 * with Kubernetes' semantics and errors.
 */
export class ApiServer {
  readonly kinds: KindRegistry;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    opts: { kinds?: KindRegistry; random?: () => number } = {},
  ) {
    this.kinds = opts.kinds ?? new KindRegistry();
    this.random = opts.random ?? Math.random;
  }

  readonly random: () => number;

  /** while set, every request's steps are recorded (`kubecadet trace`) */
  tracer?: RequestTracer;

  /** The document as last read, with the CRD kinds synced; for read paths. */
  snapshot(): StoreDocument {
    const doc = this.store.read();
    this.kinds.sync(doc);
    return doc;
  }

  private ctx(doc: StoreDocument, user?: string, groups?: string[]): ServerContext {
    return {
      user,
      groups,
      now: () => this.clock.now(),
      list: (resource) => Object.values(doc.objects[resource] ?? {}),
      sim: doc.sim,
      random: this.random,
    };
  }

  private record(doc: StoreDocument, spec: KindSpec, type: WatchEventType, obj: KubeObject): void {
    doc.events.push({ type, resource: resourceKey(spec), object: obj, rv: doc.resourceVersion });
    this.tracer?.step({ phase: 'storage', verdict: type === 'DELETED' ? 'removed' : 'stored', detail: `${obj.metadata.name} at resourceVersion ${doc.resourceVersion}` });
  }

  private nextRv(doc: StoreDocument): string {
    doc.resourceVersion += 1;
    return String(doc.resourceVersion);
  }

  /**
   * Writes need an etcd leader: without quorum the API server's write times out, as kube-apiserver's does
   * (`Error from server: etcdserver: request timed out`).
   */
  private checkWritable(doc: StoreDocument): void {
    if (quorumLost(doc)) throw new StatusError('', 500, 'etcdserver: request timed out');
  }

  // ---------------------------------------------------------------- authorization

  /** What the authorizers see of a document: the RBAC objects and any object by name. */
  authzState(doc: StoreDocument): AuthzState {
    return {
      rbac: (plural) => Object.values(doc.objects[`rbac.authorization.k8s.io/${plural}`] ?? {}),
      lookup: (group, plural, namespace, name) => doc.objects[`${group}/${plural}`]?.[objectKey(namespace, name)],
    };
  }

  /** The request's identity, as authentication (or the impersonation filter) hands it on. */
  identity(opts: ReadOptions): UserInfo {
    return opts.groups && opts.user !== undefined ? { name: opts.user, groups: [...opts.groups] } : authenticate(opts.user);
  }

  /** The authorization step of the request chain: a 403 unless some authorizer allows the request. */
  private authorizeRequest(
    doc: StoreDocument,
    spec: KindSpec,
    verb: string,
    namespace: string | undefined,
    name: string,
    opts: ReadOptions,
    subresource?: string,
  ): void {
    const attrs: Attributes = {
      user: this.identity(opts),
      verb,
      apiGroup: spec.group,
      resource: spec.plural,
      subresource,
      namespace: spec.namespaced ? namespace : undefined,
      name,
    };
    const verdict = authorize(this.authzState(doc), attrs);
    this.tracer?.authorized(attrs, verdict);
    if (verdict.decision !== 'Allow') throw forbiddenError(attrs, verdict.reason);
  }

  // ---------------------------------------------------------------- reads

  /**
   * A connect request (`pods/exec`, `pods/attach` with verb create, `pods/log` with get): authorized on
   * its subresource like any request, then the object it reaches, whose kubelet serves the stream.
   */
  connect(spec: KindSpec, namespace: string | undefined, name: string, subresource: string, verb: 'create' | 'get', opts: ReadOptions = {}): KubeObject {
    const doc = this.snapshot();
    this.authorizeRequest(doc, spec, verb, namespace, name, opts, subresource);
    const obj = doc.objects[resourceKey(spec)]?.[objectKey(spec.namespaced ? namespace : undefined, name)];
    if (!obj) throw notFound(spec.plural, spec.group, name);
    return this.fromStorage(spec, obj);
  }

  get(spec: KindSpec, namespace: string | undefined, name: string, opts: ReadOptions & { subresource?: 'status' | 'ephemeralcontainers' } = {}): KubeObject {
    const doc = this.snapshot();
    this.authorizeRequest(doc, spec, 'get', namespace, name, opts, opts.subresource);
    const obj = doc.objects[resourceKey(spec)]?.[objectKey(spec.namespaced ? namespace : undefined, name)];
    if (!obj) throw notFound(spec.plural, spec.group, name);
    return this.fromStorage(spec, obj);
  }

  /**
   * A copy of a stored object as the API server returns it. Custom resources come in the version asked
   * for and are decoded against its current schema, as their storage decoder does: a default added to
   * the CRD later shows on reads.
   */
  private fromStorage(spec: KindSpec, obj: KubeObject): KubeObject {
    const copy = deepCopy(obj);
    if (spec.custom) {
      copy.apiVersion = apiVersionOf(spec); // the None conversion: versions differ in apiVersion only
      spec.defaults?.(copy);
    }
    return copy;
  }

  /** Lists objects; `namespace` undefined means all namespaces. Items are copies the caller may keep. */
  list(spec: KindSpec, namespace: string | undefined, opts: ListOptions = {}): KubeList {
    const doc = this.snapshot();
    this.authorizeRequest(doc, spec, 'list', namespace, '', opts);
    return this.listIn(doc, spec, namespace, opts);
  }

  private listIn(doc: StoreDocument, spec: KindSpec, namespace: string | undefined, opts: ListOptions): KubeList {
    const filter = this.filterFor(spec, opts);
    const keyed: { key: string; obj: KubeObject }[] = [];
    for (const obj of Object.values(doc.objects[resourceKey(spec)] ?? {})) {
      if (spec.namespaced && namespace !== undefined && obj.metadata.namespace !== namespace) continue;
      if (filter(obj)) keyed.push({ key: objectKey(obj.metadata.namespace, obj.metadata.name!), obj });
    }
    // keys computed once per item, not once per comparison
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      apiVersion: apiVersionOf(spec),
      kind: `${spec.kind}List`,
      metadata: { resourceVersion: String(doc.resourceVersion) },
      items: keyed.map((k) => (opts.readOnly && !spec.custom ? k.obj : this.fromStorage(spec, k.obj))),
    };
  }

  private filterFor(spec: KindSpec, opts: ListOptions): (o: KubeObject) => boolean {
    let labels: Requirement[] = [];
    let fields: FieldRequirement[] = [];
    try {
      labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : [];
      fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : [];
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    const getters: Record<string, (o: KubeObject) => string | undefined> = {
      'metadata.name': (o) => o.metadata.name,
      'metadata.namespace': (o) => o.metadata.namespace ?? '',
      ...spec.fieldSelectors,
    };
    for (const f of fields)
      if (!getters[f.field])
        // kinds with their own selectable fields register a conversion func with this message;
        // the rest fall back to apimachinery's DefaultMetaV1FieldSelectorConversion
        throw badRequest(
          spec.fieldSelectors
            ? `field label not supported: ${f.field}`
            : `"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
        );
    return (o) =>
      matchesRequirements(o.metadata.labels, labels) &&
      fields.every((f) => ((getters[f.field](o) ?? '') === f.value) === (f.operator === '='));
  }

  // ---------------------------------------------------------------- writes

  /**
   * Runs the admission chain's mutating phase, its validating phase, or both. A create or an update runs
   * them apart, with the object's validation between, as kube-apiserver does: mutating admission, then
   * the strategy's validation, then validating admission.
   */
  private admit(attrs: AdmissionAttributes, doc: StoreDocument, phases: ('mutate' | 'validate')[] = ['mutate', 'validate']): void {
    const plugins = enabledAdmissionPlugins(doc.sim);
    attrs.now ??= this.clock.now();
    if (this.tracer) return this.admitTraced(attrs, doc, plugins, this.tracer, phases);
    if (phases.includes('mutate')) for (const plugin of plugins) plugin.mutate?.(attrs, doc);
    if (phases.includes('validate')) for (const plugin of plugins) plugin.validate?.(attrs, doc);
  }

  /** admit(), noting what each plugin did */
  private admitTraced(
    attrs: AdmissionAttributes,
    doc: StoreDocument,
    plugins: ReturnType<typeof enabledAdmissionPlugins>,
    tracer: RequestTracer,
    phases: ('mutate' | 'validate')[],
  ): void {
    // the object as text between plugins: one stringify per plugin, and a patch only where it changed
    let text = JSON.stringify(attrs.object);
    const audited = new Set<string>();
    const run = (plugin: string, phase: 'mutate' | 'validate', fn: () => void) => {
      try {
        fn();
      } catch (e) {
        tracer.step({ phase: 'admission', plugin, verdict: 'refused', detail: (e as Error).message });
        throw e;
      }
      if (phase === 'validate') {
        const audit = Object.entries(attrs.auditAnnotations ?? {}).filter(([k]) => !audited.has(k));
        for (const [k] of audit) audited.add(k);
        return tracer.step({ phase: 'admission', plugin, verdict: 'passed', detail: audit.map(([k, v]) => `audit annotation ${k}: ${v}`).join('; ') || undefined });
      }
      const after = JSON.stringify(attrs.object);
      const patch = after === text ? [] : jsonPatch(JSON.parse(text), attrs.object);
      text = after;
      tracer.step({ phase: 'admission', plugin, verdict: patch.length ? 'mutated' : 'no change from', patch: patch.length ? patch : undefined });
    };
    if (phases.includes('mutate')) for (const p of plugins) if (p.mutate) run(p.name, 'mutate', () => p.mutate!(attrs, doc));
    if (phases.includes('validate')) for (const p of plugins) if (p.validate) run(p.name, 'validate', () => p.validate!(attrs, doc));
  }

  private decode(spec: KindSpec, body: KubeObject, namespace: string | undefined, opts: WriteOptions = {}): KubeObject {
    const obj = structuredClone(body);
    const unknown = opts.fieldValidation === 'Ignore' ? [] : unknownFields(spec, obj);
    if (unknown.length && opts.fieldValidation === 'Strict')
      throw badRequest(
        `${spec.kind} in version "${spec.version}" cannot be handled as a ${spec.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    opts.warnings?.push(...requestWarnings(spec), ...unknown.map((f) => `unknown field "${f}"`));
    obj.apiVersion ??= apiVersionOf(spec);
    obj.kind ??= spec.kind;
    obj.metadata ??= {};
    if (spec.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      obj.metadata.namespace = obj.metadata.namespace || namespace || 'default';
    }
    spec.defaults?.(obj);
    return obj;
  }

  private validateOrThrow(spec: KindSpec, obj: KubeObject, old?: KubeObject): void {
    const errs: FieldError[] = validateObjectMeta(obj, spec.namespaced, spec.nameRule ?? 'subdomain');
    errs.push(...(spec.validate?.(obj, old) ?? []));
    if (old) {
      if (old.metadata.deletionTimestamp) {
        const added = (obj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
        if (added.length)
          errs.push({
            type: 'FieldValueForbidden',
            field: 'metadata.finalizers',
            detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
          });
      }
    }
    if (errs.length) {
      const err = invalidError(spec.kind, spec.group, obj.metadata.name ?? obj.metadata.generateName ?? '', errs);
      this.tracer?.step({ phase: 'validation', verdict: 'invalid', detail: err.message });
      throw err;
    }
    this.tracer?.step({ phase: 'validation', verdict: 'passed' });
  }

  async create(spec: KindSpec, body: KubeObject, namespace?: string, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.store.transaction((doc) => {
      this.checkWritable(doc);
      this.kinds.sync(doc);
      if (crdTerminating(doc, spec))
        throw new StatusError('MethodNotAllowed', 405, 'create not allowed while custom resource definition is terminating', {
          group: spec.group,
          kind: spec.plural,
        });
      this.authorizeRequest(doc, spec, 'create', namespace || body.metadata?.namespace || 'default', '', opts);
      const obj = this.decode(spec, body, namespace, opts);
      const m = obj.metadata;
      if (!m.name && m.generateName) m.name = generateName(m.generateName, this.random);
      const attrs: AdmissionAttributes = { operation: 'CREATE', spec, object: obj, namespace: m.namespace, name: m.name ?? '', user: opts.user, userInfo: this.identity(opts), warnings: opts.warnings, random: this.random };
      this.admit(attrs, doc, ['mutate']);
      for (const f of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) delete m[f];
      m.uid = newUid(this.random);
      m.creationTimestamp = rfc3339(this.clock.now());
      if (spec.generation) m.generation = 1;
      else delete m.generation;
      spec.prepareForCreate?.(obj, this.ctx(doc, opts.user, this.identity(opts).groups));
      this.validateOrThrow(spec, obj);
      this.admit(attrs, doc, ['validate']);
      const key = objectKey(m.namespace, m.name!);
      if (doc.objects[resourceKey(spec)]?.[key]) throw alreadyExists(spec.plural, spec.group, m.name!);
      if (opts.dryRun) return obj;
      m.resourceVersion = this.nextRv(doc);
      putObject(doc, resourceKey(spec), key, obj);
      this.record(doc, spec, 'ADDED', obj);
      this.cleanup(doc);
      return structuredClone(obj);
    });
  }

  /** PUT: replaces the object; the body's resourceVersion must be the stored one. */
  async update(spec: KindSpec, body: KubeObject, opts: WriteOptions & { subresource?: Subresource } = {}): Promise<KubeObject> {
    return this.store.transaction((doc) => {
      this.checkWritable(doc);
      this.kinds.sync(doc);
      // pods/binding is a POST: the create verb on the subresource
      const verb = opts.subresource === 'binding' ? 'create' : 'update';
      this.authorizeRequest(doc, spec, verb, body.metadata?.namespace || 'default', body.metadata?.name ?? '', opts, opts.subresource);
      const obj = this.decode(spec, body, body.metadata?.namespace, opts);
      const updated = this.updateIn(doc, spec, obj, opts);
      if (!opts.dryRun) this.cleanup(doc);
      return updated;
    });
  }

  private updateIn(doc: StoreDocument, spec: KindSpec, obj: KubeObject, opts: WriteOptions & { subresource?: Subresource }): KubeObject {
    const m = obj.metadata;
    const name = m.name ?? '';
    const key = objectKey(spec.namespaced ? m.namespace : undefined, name);
    const old = doc.objects[resourceKey(spec)]?.[key];
    if (!old) throw notFound(spec.plural, spec.group, name);
    if (!m.resourceVersion) {
      // without a resourceVersion an update is unconditional, where the kind's strategy allows it
      if (spec.allowUnconditionalUpdate === false)
        throw invalidError(spec.plural, spec.group, name, [
          // the registry names the resource, not the kind, and v1.32 prints the uint64 zero in Go syntax
          { type: 'FieldValueInvalid', field: 'metadata.resourceVersion', value: '0x0', detail: 'must be specified for an update' },
        ]);
      m.resourceVersion = old.metadata.resourceVersion;
    }
    if (m.resourceVersion !== old.metadata.resourceVersion) throw conflict(spec.plural, spec.group, name, OPTIMISTIC_LOCK_MSG);
    if (m.uid && m.uid !== old.metadata.uid) throw invalidError(spec.kind, spec.group, name, [invalid('metadata.uid', m.uid, 'field is immutable')]);
    if (opts.subresource === 'binding') {
      // pods/binding: the scheduler's one write that places a pod (nodeName and PodScheduled together)
      if (old.spec?.nodeName)
        throw conflict(spec.plural, spec.group, name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`);
      const bound = structuredClone(old);
      bound.spec.nodeName = obj.spec?.nodeName;
      bound.status = obj.status;
      return this.commitUpdate(doc, spec, key, bound, old, opts);
    }
    if (opts.subresource === 'finalize') {
      // namespaces/finalize: the namespace controller's way to take spec.finalizers off
      const fin = structuredClone(old);
      fin.spec = { ...fin.spec, finalizers: obj.spec?.finalizers ?? [] };
      return this.commitUpdate(doc, spec, key, fin, old, opts);
    }
    if (opts.subresource === 'status') {
      // the status subresource changes status only
      const merged = { ...structuredClone(old), status: obj.status };
      merged.metadata = structuredClone(old.metadata);
      if (spec.custom) this.validateOrThrow(spec, merged, old); // a custom resource's status follows its schema too
      return this.commitUpdate(doc, spec, key, merged, old, opts);
    }
    if (opts.subresource === 'ephemeralcontainers') {
      // pods/ephemeralcontainers: everything but spec.ephemeralContainers is the stored pod's (dropNonEphemeralContainerUpdates)
      if (spec.kind !== 'Pod' || spec.group !== '') throw new StatusError('NotFound', 404, 'the server could not find the requested resource');
      const merged = structuredClone(old);
      if (obj.spec?.ephemeralContainers?.length) merged.spec.ephemeralContainers = obj.spec.ephemeralContainers;
      else delete merged.spec.ephemeralContainers;
      const errs = validateEphemeralContainersUpdate(merged, old);
      if (errs.length) throw invalidError(spec.kind, spec.group, name, errs);
      return this.commitUpdate(doc, spec, key, merged, old, opts);
    }
    if (opts.subresource === 'approval') {
      // certificatesigningrequests/approval changes the conditions only, and is admitted (CertificateApproval)
      const merged = { ...structuredClone(old), status: { ...old.status, conditions: obj.status?.conditions } };
      merged.metadata = structuredClone(old.metadata);
      const attrs: AdmissionAttributes = { operation: 'UPDATE', spec, subresource: 'approval', object: merged, oldObject: old, name, user: opts.user, userInfo: this.identity(opts) };
      this.admit(attrs, doc, ['mutate']);
      this.validateOrThrow(spec, merged, old);
      this.admit(attrs, doc, ['validate']);
      return this.commitUpdate(doc, spec, key, merged, old, opts);
    }
    if (spec.statusSubresource) obj.status = structuredClone(old.status);
    // server-owned metadata is carried over
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (spec.generation) {
      m.generation = old.metadata.generation ?? 1;
      if (!deepEqual(specPart(spec, obj), specPart(spec, old))) m.generation += 1;
    } else delete m.generation;
    spec.prepareForUpdate?.(obj, old, this.ctx(doc));
    const attrs: AdmissionAttributes = { operation: 'UPDATE', spec, object: obj, oldObject: old, namespace: m.namespace, name, user: opts.user, userInfo: this.identity(opts), warnings: opts.warnings };
    this.admit(attrs, doc, ['mutate']);
    this.validateOrThrow(spec, obj, old);
    this.admit(attrs, doc, ['validate']);
    return this.commitUpdate(doc, spec, key, obj, old, opts);
  }

  private commitUpdate(doc: StoreDocument, spec: KindSpec, key: string, obj: KubeObject, old: KubeObject, opts: WriteOptions): KubeObject {
    // A write that changes nothing stores nothing and keeps the resourceVersion, as etcd3's GuaranteedUpdate does.
    const { resourceVersion: _rv, ...restNew } = obj.metadata;
    const { resourceVersion: _rvOld, ...restOld } = old.metadata;
    if (deepEqual({ ...obj, metadata: restNew }, { ...old, metadata: restOld })) return structuredClone(old);
    if (opts.dryRun) return obj;
    const namespaceFinalizers = spec.kind === 'Namespace' && spec.group === '' ? (obj.spec?.finalizers ?? []).length : 0;
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length && !namespaceFinalizers && !this.waitsForKubelet(spec, obj)) {
      // the last finalizer is gone: the object can now vanish
      obj.metadata.resourceVersion = this.nextRv(doc);
      removeObject(doc, resourceKey(spec), key);
      this.record(doc, spec, 'DELETED', obj);
      return structuredClone(obj);
    }
    obj.metadata.resourceVersion = this.nextRv(doc);
    putObject(doc, resourceKey(spec), key, obj);
    this.record(doc, spec, 'MODIFIED', obj);
    return structuredClone(obj);
  }

  /** A bound pod that is being deleted stays until its kubelet confirms the containers stopped. */
  private waitsForKubelet(spec: KindSpec, obj: KubeObject): boolean {
    return spec.kind === 'Pod' && spec.group === '' && !!obj.spec?.nodeName && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  /** PATCH: reads, applies the patch, and updates, all in one transaction. */
  async patch(
    spec: KindSpec,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: Subresource } = {},
  ): Promise<KubeObject> {
    if (spec.custom && type === 'strategic')
      // custom resources have no patch strategies, so the API server does not accept the format at all
      throw new StatusError(
        'UnsupportedMediaType',
        415,
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
    return this.store.transaction((doc) => {
      this.checkWritable(doc);
      this.kinds.sync(doc);
      this.authorizeRequest(doc, spec, 'patch', namespace, name, opts, opts.subresource);
      const key = objectKey(spec.namespaced ? namespace : undefined, name);
      const old = doc.objects[resourceKey(spec)]?.[key];
      if (!old) throw notFound(spec.plural, spec.group, name);
      const patched = applyPatch(structuredClone(old), type, patch, spec);
      patched.metadata ??= {};
      if (patched.metadata.resourceVersion === undefined) patched.metadata.resourceVersion = old.metadata.resourceVersion;
      patched.metadata.name = name;
      if (spec.namespaced) patched.metadata.namespace = namespace;
      const obj = this.decode(spec, patched, namespace, opts);
      const updated = this.updateIn(doc, spec, obj, opts);
      if (!opts.dryRun) this.cleanup(doc);
      return updated;
    });
  }

  // ---------------------------------------------------------------- the scale subresource

  private scaleTarget(doc: StoreDocument, spec: KindSpec, namespace: string | undefined, name: string): KubeObject {
    if (!spec.scale) throw scaleNotFound();
    const obj = doc.objects[resourceKey(spec)]?.[objectKey(spec.namespaced ? namespace : undefined, name)];
    if (!obj) throw notFound(spec.plural, spec.group, name);
    return obj;
  }

  /** GET …/scale: the object's replica count as an autoscaling/v1 Scale (authorized as `deployments/scale`). */
  getScale(spec: KindSpec, namespace: string | undefined, name: string, opts: ReadOptions = {}): KubeObject {
    const doc = this.snapshot();
    this.authorizeRequest(doc, spec, 'get', namespace, name, opts, 'scale');
    return toScale(spec, this.fromStorage(spec, this.scaleTarget(doc, spec, namespace, name)));
  }

  /**
   * PATCH (a patch) or PUT (a whole Scale, conditional on its resourceVersion) of …/scale: changes the
   * desired replicas and nothing else, through the object's own update path. Returns the new Scale.
   */
  async writeScale(
    spec: KindSpec,
    namespace: string | undefined,
    name: string,
    change: { type: PatchType; patch: unknown } | { scale: KubeObject },
    opts: WriteOptions = {},
  ): Promise<KubeObject> {
    return this.store.transaction((doc) => {
      this.checkWritable(doc);
      this.authorizeRequest(doc, spec, 'scale' in change ? 'update' : 'patch', namespace, name, opts, 'scale');
      const old = this.scaleTarget(doc, spec, namespace, name);
      const current = toScale(spec, this.fromStorage(spec, old));
      const scale = 'scale' in change ? change.scale : applyPatch(current, change.type, change.patch, { ...spec, custom: true });
      const rv = scale.metadata?.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(spec.plural, spec.group, name, OPTIMISTIC_LOCK_MSG);
      const obj = this.decode(spec, fromScale(spec, this.fromStorage(spec, old), scale), namespace, opts);
      const updated = this.updateIn(doc, spec, obj, opts);
      if (!opts.dryRun) this.cleanup(doc);
      return toScale(spec, updated);
    });
  }

  /**
   * DELETE. An object with finalizers (or a bound pod with a grace period) gets a deletionTimestamp and
   * stays until they are done; anything else vanishes at once. Returns the object as last stored.
   */
  async delete(spec: KindSpec, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    return this.store.transaction((doc) => {
      this.checkWritable(doc);
      this.kinds.sync(doc);
      this.authorizeRequest(doc, spec, 'delete', namespace, name, opts);
      const deleted = this.deleteIn(doc, spec, namespace, name, opts);
      if (!opts.dryRun) this.cleanup(doc);
      return deleted;
    });
  }

  private deleteIn(doc: StoreDocument, spec: KindSpec, namespace: string | undefined, name: string, opts: DeleteOptions): KubeObject {
    {
      const key = objectKey(spec.namespaced ? namespace : undefined, name);
      const old = doc.objects[resourceKey(spec)]?.[key];
      if (!old) throw notFound(spec.plural, spec.group, name);
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== old.metadata.uid)
        throw conflict(spec.plural, spec.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
      if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
        throw conflict(spec.plural, spec.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${old.metadata.resourceVersion}`);
      this.admit({ operation: 'DELETE', spec, object: old, oldObject: old, namespace, name, user: opts.user, userInfo: this.identity(opts) }, doc);
      const obj = structuredClone(old);
      const m = obj.metadata;
      const finalizers = [...(m.finalizers ?? [])];
      const policy = opts.propagationPolicy;
      if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion') && !m.deletionTimestamp) finalizers.push('foregroundDeletion');
      if (policy === 'Orphan' && !finalizers.includes('orphan') && !m.deletionTimestamp) finalizers.push('orphan');
      let grace = 0;
      if (spec.kind === 'Pod' && spec.group === '') {
        grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
        if (!obj.spec?.nodeName) grace = 0; // never scheduled: nothing to stop
        if (obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') grace = 0;
      }
      if (spec.kind === 'Namespace' && spec.group === '' && !m.deletionTimestamp) {
        obj.status = { ...obj.status, phase: 'Terminating' };
      }
      if (resourceKey(spec) === CRD_RESOURCE && !m.deletionTimestamp) {
        // the CRD stays until its custom resources are deleted (apiextensions-apiserver's CRD REST Delete)
        finalizers.push(CRD_CLEANUP_FINALIZER);
        obj.status = {
          ...obj.status,
          conditions: [
            ...(obj.status?.conditions ?? []).filter((c: KubeObject) => c.type !== 'Terminating'),
            {
              type: 'Terminating',
              status: 'True',
              lastTransitionTime: rfc3339(this.clock.now()),
              reason: 'InstanceDeletionInProgress',
              message: 'CustomResource deletion is in progress',
            },
          ],
        };
      }
      const namespaceFinalizing = spec.kind === 'Namespace' && spec.group === '' && (obj.spec?.finalizers ?? []).length > 0;
      if (finalizers.length || grace > 0 || namespaceFinalizing) {
        if (m.deletionTimestamp) {
          // already terminating: a shorter grace period may still be asked for
          if (grace > 0 && grace < (m.deletionGracePeriodSeconds ?? Infinity)) m.deletionGracePeriodSeconds = grace;
          else if (opts.gracePeriodSeconds === 0 && grace === 0) return this.remove(doc, spec, key, obj, opts);
          else return structuredClone(old);
        } else {
          m.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
          m.deletionGracePeriodSeconds = grace;
        }
        m.finalizers = finalizers.length ? finalizers : undefined;
        if (!m.finalizers) delete m.finalizers;
        if (opts.dryRun) return obj;
        m.resourceVersion = this.nextRv(doc);
        if (m.generation) m.generation += 1;
        putObject(doc, resourceKey(spec), key, obj);
        this.record(doc, spec, 'MODIFIED', obj);
        return structuredClone(obj);
      }
      return this.remove(doc, spec, key, obj, opts);
    }
  }

  /** The API server's own deletion work, at the end of each write: a deleted CRD's custom resources (crdFinalizer.ts). */
  private cleanup(doc: StoreDocument): void {
    const host: FinalizerHost = {
      kinds: this.kinds,
      now: () => this.clock.now(),
      deleteObject: (d, spec, namespace, name) => {
        this.kinds.sync(d);
        this.deleteIn(d, spec, namespace, name, { user: 'system:apiserver' });
      },
      writeObject: (d, spec, obj) => {
        const key = objectKey(spec.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name!);
        obj.metadata.resourceVersion = this.nextRv(d);
        if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length) {
          removeObject(d, resourceKey(spec), key);
          this.record(d, spec, 'DELETED', obj);
        } else {
          putObject(d, resourceKey(spec), key, obj);
          this.record(d, spec, 'MODIFIED', obj);
        }
        this.kinds.sync(d);
      },
    };
    runCRDFinalizer(doc, host);
  }

  private remove(doc: StoreDocument, spec: KindSpec, key: string, obj: KubeObject, opts: WriteOptions): KubeObject {
    if (opts.dryRun) return obj;
    obj.metadata.resourceVersion = this.nextRv(doc);
    removeObject(doc, resourceKey(spec), key);
    this.record(doc, spec, 'DELETED', obj);
    return structuredClone(obj);
  }

  // ---------------------------------------------------------------- watch

  /**
   * Streams changes to a kind. Changes written by this process arrive at once; changes written by
   * any other process arrive through a watch on the store's folder (the file itself is replaced on
   * every write, so a watch on it would go silent). A watcher that fell behind the bounded event log
   * gets one ERROR event (410 Expired), as from a real API server, and the stream ends.
   */
  async *watch(spec: KindSpec, namespace: string | undefined, opts: WatchOptions = {}): AsyncGenerator<ApiWatchEvent> {
    this.authorizeRequest(this.snapshot(), spec, 'watch', namespace, '', opts);
    const filter = this.filterFor(spec, opts);
    const key = resourceKey(spec);
    const wanted = (o: KubeObject) =>
      (!spec.namespaced || namespace === undefined || o.metadata.namespace === namespace) && filter(o);
    let lastRv: number;
    const queue: ApiWatchEvent[] = [];
    if (opts.resourceVersion === undefined || opts.resourceVersion === '' || opts.resourceVersion === '0') {
      const list = this.listIn(this.snapshot(), spec, namespace, opts);
      for (const item of list.items) queue.push({ type: 'ADDED', object: item });
      lastRv = Number(list.metadata.resourceVersion);
    } else {
      lastRv = Number(opts.resourceVersion);
    }
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const dir = path.dirname(this.store.file);
    const base = path.basename(this.store.file);
    fs.mkdirSync(dir, { recursive: true });
    const watcher = fs.watch(dir, (_event, filename) => {
      if (!filename || filename === base) poke();
    });
    this.store.on('events', poke);
    opts.signal?.addEventListener('abort', poke);
    let ended = false;
    const pull = () => {
      let doc: StoreDocument;
      try {
        doc = this.store.read();
      } catch {
        return; // a store being replaced; the next change event retries
      }
      if (doc.resourceVersion <= lastRv) return;
      const log = doc.events;
      const first = log.length ? log[0].rv : doc.resourceVersion + 1;
      if (first > lastRv + 1) {
        const status = expired(`too old resource version: ${lastRv} (${first - 1})`).toStatus() as unknown as KubeObject;
        queue.push({ type: 'ERROR', object: status });
        ended = true;
        return;
      }
      for (const e of log as WatchEvent[]) {
        if (e.rv <= lastRv || e.resource !== key) continue;
        if (wanted(e.object)) queue.push({ type: e.type, object: this.fromStorage(spec, e.object) });
      }
      lastRv = doc.resourceVersion;
    };
    try {
      pull();
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (ended || opts.signal?.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        pull();
      }
    } finally {
      watcher.close();
      this.store.off('events', poke);
      opts.signal?.removeEventListener('abort', poke);
    }
  }
}

export { StatusError };
