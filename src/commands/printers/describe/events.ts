import type { KubeObject } from '../../../cluster/api/types.js';
import type { Client } from '../../../cluster/client/client.js';
import { since } from './format.js';
import type { PrefixWriter } from './prefixWriter.js';

/** What an event must name to be about an object (the field selector describe lists events with). */
export interface EventRef {
  name: string;
  namespace: string;
  /** absent: any kind (the pod describer clears it) */
  kind?: string;
  /** absent: any uid */
  uid?: string;
}

/** searchEvents: the events whose involvedObject matches the reference. */
export function searchEvents(client: Client, ref: EventRef): KubeObject[] {
  const spec = client.kinds.forKind('Event', '');
  if (!spec) return [];
  return client.list(spec, ref.namespace || undefined).items.filter((e) => {
    const io = e.involvedObject ?? {};
    return (
      io.name === ref.name &&
      (io.namespace ?? '') === ref.namespace &&
      (ref.kind === undefined || io.kind === ref.kind) &&
      (ref.uid === undefined || io.uid === ref.uid)
    );
  });
}

/** The reference describers use for most kinds: name, namespace, kind and uid. */
export function refOf(obj: KubeObject): EventRef {
  return { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid || undefined };
}

/**
 * DescribeEvents: `Events:  <none>`, or a Type/Reason/Age/From/Message table sorted by lastTimestamp.
 * Age is HumanDuration since the first occurrence, or `<last> (x<count> over <first>)` for repeats.
 */
export function describeEvents(events: KubeObject[], w: PrefixWriter, now: number): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const time = (e: KubeObject) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : -Infinity);
  const sorted = [...events].sort((a, b) => time(a) - time(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    // core/v1 keeps the Go field ReportingController under the JSON name reportingComponent
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
