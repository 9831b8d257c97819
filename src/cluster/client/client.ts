import type { ApiServer, DeleteOptions, ListOptions, WatchOptions, WriteOptions, ApiWatchEvent, Subresource, ReadOptions } from '../api/server.js';
import type { UserInfo } from '../api/authz/identity.js';
import type { Attributes, Verdict } from '../api/authz/attributes.js';
import { authorize } from '../api/authz/authorizer.js';
import { grantsFor, type Grant } from '../api/authz/rbac.js';
import { impersonate } from '../api/authz/impersonation.js';
import type { KindSpec } from '../api/resources/kindSpec.js';
import type { KubeList, KubeObject } from '../api/types.js';
import type { PatchType } from '../api/patch.js';
import type { KindRegistry } from '../api/registry.js';

/**
 * A client of the API server under one identity: what kubectl, controllers, the scheduler and kubelets
 * all hold. It adds nothing but the identity, so every request takes the server's full path.
 */
export class Client {
  constructor(
    private readonly api: ApiServer,
    readonly user: string,
    /** an impersonated identity's groups; unset, the user's credential gives them */
    private readonly groups?: string[],
  ) {}

  /** kubectl's warning handler: each warning the API server answers a write with */
  private warn?: (warning: string) => void;

  /** Hands every warning of this client's writes to `handler` (kubectl prints them as `Warning: ...`). */
  onWarning(handler: (warning: string) => void): this {
    this.warn = handler;
    return this;
  }

  private async warned<T>(opts: WriteOptions, write: (o: WriteOptions) => Promise<T>): Promise<T> {
    if (!this.warn || opts.warnings) return write(opts);
    const warnings: string[] = [];
    try {
      return await write({ ...opts, warnings });
    } finally {
      for (const w of warnings) this.warn(w);
    }
  }

  private get id(): ReadOptions {
    return this.groups ? { user: this.user, groups: this.groups } : { user: this.user };
  }

  /** Who the API server takes this client for (`kubectl auth whoami`: a SelfSubjectReview). */
  whoami(): UserInfo {
    return this.api.identity(this.id);
  }

  /**
   * A client acting as another user (kubectl's --as, --as-group): the API server first checks that this
   * client may `impersonate` them, and refuses with 403 otherwise.
   */
  impersonate(user: string, groups: string[] = []): Client {
    const as = impersonate(this.api.authzState(this.api.snapshot()), this.whoami(), user, groups, this.api.tracer);
    const client = new Client(this.api, as.name, as.groups);
    if (this.warn) client.onWarning(this.warn);
    return client;
  }

  /** A SelfSubjectAccessReview: would the API server allow this request from this client? */
  canI(attrs: Omit<Attributes, 'user'>): Verdict {
    return authorize(this.api.authzState(this.api.snapshot()), { ...attrs, user: this.whoami() });
  }

  /** A SelfSubjectRulesReview: the RBAC rules granted to this client in a namespace. */
  rules(namespace: string | undefined): Grant[] {
    return grantsFor(this.api.authzState(this.api.snapshot()).rbac, this.whoami(), namespace);
  }

  get kinds(): KindRegistry {
    this.api.snapshot();
    return this.api.kinds;
  }

  /** Simulated time now, in ms: what AGE columns are measured against. */
  now(): number {
    return this.api.clock.now();
  }

  /** POST pods/exec, pods/attach or pods/portforward, GET pods/log: the pod, once the API server let the connection through. */
  connect(spec: KindSpec, namespace: string | undefined, name: string, subresource: 'exec' | 'attach' | 'portforward' | 'log', verb: 'create' | 'get' = 'create'): KubeObject {
    return this.api.connect(spec, namespace, name, subresource, verb, this.id);
  }

  /** GET of the object, or of its status or ephemeralcontainers subresource (the same Pod, authorized as `pods/<subresource>`). */
  get(spec: KindSpec, namespace: string | undefined, name: string, subresource?: 'status' | 'ephemeralcontainers'): KubeObject {
    return this.api.get(spec, namespace, name, subresource ? { ...this.id, subresource } : this.id);
  }

  list(spec: KindSpec, namespace: string | undefined, opts?: ListOptions): KubeList {
    return this.api.list(spec, namespace, { ...opts, ...this.id });
  }

  create(spec: KindSpec, obj: KubeObject, namespace?: string, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.warned(opts, (o) => this.api.create(spec, obj, namespace, { ...o, ...this.id }));
  }

  update(spec: KindSpec, obj: KubeObject, opts: WriteOptions & { subresource?: Subresource } = {}): Promise<KubeObject> {
    return this.warned(opts, (o) => this.api.update(spec, obj, { ...o, ...this.id }));
  }

  patch(
    spec: KindSpec,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: Subresource } = {},
  ): Promise<KubeObject> {
    return this.warned(opts, (o) => this.api.patch(spec, namespace, name, type, patch, { ...o, ...this.id }));
  }

  getScale(spec: KindSpec, namespace: string | undefined, name: string): KubeObject {
    return this.api.getScale(spec, namespace, name, this.id);
  }

  /** PATCH (`{type, patch}`) or PUT (`{scale}`) of the scale subresource; returns the new Scale. */
  writeScale(
    spec: KindSpec,
    namespace: string | undefined,
    name: string,
    change: { type: PatchType; patch: unknown } | { scale: KubeObject },
    opts: WriteOptions = {},
  ): Promise<KubeObject> {
    return this.api.writeScale(spec, namespace, name, change, { ...opts, ...this.id });
  }

  delete(spec: KindSpec, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    return this.api.delete(spec, namespace, name, { ...opts, ...this.id });
  }

  watch(spec: KindSpec, namespace: string | undefined, opts?: WatchOptions): AsyncGenerator<ApiWatchEvent> {
    return this.api.watch(spec, namespace, { ...opts, ...this.id });
  }
}
