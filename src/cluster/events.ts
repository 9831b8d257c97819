import { rfc3339 } from './clock.js';
import type { Client } from './client/client.js';
import type { KubeObject } from './api/types.js';
import type { ClusterView } from './view.js';
import { apiVersionOf } from './api/resources/kindSpec.js';
import { StatusError } from './api/status.js';

export interface EventSource {
  /** reportingController / source.component: `default-scheduler`, `kubelet`, `deployment-controller` */
  component: string;
  /** source.host for kubelets (the node) */
  host?: string;
}

/**
 * Records core/v1 Events as client-go's recorder does: one Event object per (object, reason, message,
 * type, source), named `<object>.<hex>`; a repeat bumps count and lastTimestamp instead of adding a row.
 */
let seq = 0;

export class EventRecorder {
  constructor(
    private readonly client: Client,
    private readonly view: ClusterView,
    private readonly source: EventSource,
  ) {}

  /**
   * Best effort, as client-go's recorder: a rejected event (its namespace terminating, etcd without quorum)
   * is dropped, never the failure of the component that reported it.
   */
  async record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): Promise<void> {
    try {
      await this.write(obj, type, reason, message, fieldPath);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  private async write(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): Promise<void> {
    const spec = this.client.kinds.forKind('Event', '');
    if (!spec) return;
    const ns = obj.metadata.namespace || 'default';
    const now = rfc3339(this.client.now());
    const same = this.view.list('/events', ns).find(
      (e) =>
        e.involvedObject?.uid === obj.metadata.uid &&
        e.reason === reason &&
        e.message === message &&
        e.type === type &&
        e.source?.component === this.source.component &&
        (e.involvedObject?.fieldPath ?? '') === (fieldPath ?? ''),
    );
    if (same) {
      await this.client.update(spec, { ...structuredClone(same), count: (same.count ?? 1) + 1, lastTimestamp: now });
      return;
    }
    // client-go names events <object>.<unix nanoseconds in hex>
    const hex = (BigInt(this.client.now()) * 1000000n + BigInt(seq++ % 1000000)).toString(16);
    const involved: Record<string, unknown> = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      resourceVersion: obj.metadata.resourceVersion,
      uid: obj.metadata.uid,
    };
    if (!obj.metadata.namespace) delete involved.namespace;
    if (fieldPath) involved.fieldPath = fieldPath;
    const source: Record<string, string> = { component: this.source.component };
    if (this.source.host) source.host = this.source.host;
    await this.client.create(
      spec,
      {
        apiVersion: apiVersionOf(spec),
        kind: 'Event',
        metadata: { name: `${obj.metadata.name}.${hex}`, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        type,
        source,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      },
      ns,
    );
  }
}
