import type { ApiServer, DeleteOptions, ListOptions, WatchOptions, WriteOptions, ApiWatchEvent, Subresource } from '../api/server.js';
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
  ) {}

  get kinds(): KindRegistry {
    this.api.snapshot();
    return this.api.kinds;
  }

  /** Simulated time now, in ms: what AGE columns are measured against. */
  now(): number {
    return this.api.clock.now();
  }

  get(spec: KindSpec, namespace: string | undefined, name: string): KubeObject {
    return this.api.get(spec, namespace, name);
  }

  list(spec: KindSpec, namespace: string | undefined, opts?: ListOptions): KubeList {
    return this.api.list(spec, namespace, opts);
  }

  create(spec: KindSpec, obj: KubeObject, namespace?: string, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.api.create(spec, obj, namespace, { ...opts, user: this.user });
  }

  update(spec: KindSpec, obj: KubeObject, opts: WriteOptions & { subresource?: Subresource } = {}): Promise<KubeObject> {
    return this.api.update(spec, obj, { ...opts, user: this.user });
  }

  patch(
    spec: KindSpec,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: Subresource } = {},
  ): Promise<KubeObject> {
    return this.api.patch(spec, namespace, name, type, patch, { ...opts, user: this.user });
  }

  delete(spec: KindSpec, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    return this.api.delete(spec, namespace, name, { ...opts, user: this.user });
  }

  watch(spec: KindSpec, namespace: string | undefined, opts?: WatchOptions): AsyncGenerator<ApiWatchEvent> {
    return this.api.watch(spec, namespace, opts);
  }
}
