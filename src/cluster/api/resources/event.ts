import { age, humanDuration } from '../../meta/duration.js';
import { invalid, isQualifiedName, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

function since(ts: string | undefined | null, now: number): string | undefined {
  return ts ? humanDuration(now - Date.parse(ts)) : undefined;
}

/** FIRST SEEN: firstTimestamp, else eventTime. */
function firstSeen(o: KubeObject, now: number): string {
  return since(o.firstTimestamp, now) ?? age(o.eventTime, now);
}

/** LAST SEEN: series.lastObservedTime, else lastTimestamp, else FIRST SEEN (printers.go printEvent). */
function lastSeen(o: KubeObject, now: number): string {
  if (o.series) return age(o.series.lastObservedTime, now);
  return since(o.lastTimestamp, now) ?? firstSeen(o, now);
}

function count(o: KubeObject): number {
  if (o.series) return o.series.count ?? 0;
  return o.count || 1;
}

function target(o: KubeObject): string {
  const io = o.involvedObject ?? {};
  const kind = String(io.kind ?? '').toLowerCase();
  return io.name ? `${kind}/${io.name}` : kind;
}

/** SOURCE: `component, host`, with reportingController and reportingInstance standing in for empty ones. */
function source(o: KubeObject): string {
  const component = o.source?.component || o.reportingComponent || '';
  const host = o.source?.host || o.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

export const event = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  validate(obj) {
    // legacyValidateEvent: old-style events (no eventTime) and new-style ones are checked differently
    const errs: FieldError[] = [];
    const io = obj.involvedObject ?? {};
    const ns = obj.metadata.namespace ?? '';
    const ioNs = io.namespace ?? '';
    if (!obj.eventTime) {
      if (!ioNs ? ns !== '' && ns !== 'default' : ns !== ioNs) errs.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
    } else {
      if (!ioNs && ns !== 'default' && ns !== 'kube-system') errs.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
      if (!obj.reportingComponent) errs.push(required('reportingComponent'));
      else for (const m of isQualifiedName(obj.reportingComponent)) errs.push(invalid('reportingComponent', obj.reportingComponent, m));
      if (!obj.reportingInstance) errs.push(required('reportingInstance'));
      else if (obj.reportingInstance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
      if (!obj.action) errs.push(required('action'));
      if (!obj.reason) errs.push(required('reason'));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Last Seen' },
      { name: 'Type' },
      { name: 'Reason' },
      { name: 'Object' },
      { name: 'Subobject', priority: 1 },
      { name: 'Source', priority: 1 },
      { name: 'Message' },
      { name: 'First Seen', priority: 1 },
      { name: 'Count', priority: 1 },
      { name: 'Name', priority: 1 },
    ],
    row: (o, now) => [
      lastSeen(o, now),
      o.type ?? '',
      o.reason ?? '',
      target(o),
      o.involvedObject?.fieldPath ?? '',
      source(o),
      String(o.message ?? '').trim(),
      firstSeen(o, now),
      count(o),
      o.metadata.name!,
    ],
  },
  fieldSelectors: {
    'involvedObject.kind': (o) => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => o.involvedObject?.name ?? '',
    'involvedObject.uid': (o) => o.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? '',
    reason: (o) => o.reason ?? '',
    reportingComponent: (o) => o.reportingComponent ?? '',
    source: (o) => o.source?.component ?? '',
    type: (o) => o.type ?? '',
  },
} satisfies KindSpec;
