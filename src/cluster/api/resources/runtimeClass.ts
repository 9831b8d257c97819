import { age } from '../../meta/duration.js';
import { decodeQuantities } from './quantities.js';
import { validateTolerations } from './podSpec.js';
import { immutable, invalid, isDNS1123Label, validateLabels, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

/**
 * RuntimeClass (node.k8s.io/v1): names a container runtime configuration (`handler`, as the CRI knows
 * it) that pods choose with spec.runtimeClassName; its overhead and scheduling constraints are copied
 * into those pods by the RuntimeClass admission plugin.
 */
export const runtimeClass = {
  group: 'node.k8s.io',
  version: 'v1',
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  singular: 'runtimeclass',
  namespaced: false,
  defaults(obj) {
    decodeQuantities('RuntimeClass', 'v1', [obj.overhead?.podFixed]);
  },
  validate(obj, old) {
    const handler = obj.handler ?? '';
    // an update checks only that the handler stays (ValidateRuntimeClassUpdate)
    if (old) return handler === (old.handler ?? '') ? [] : [immutable('handler', handler)];
    const errs: FieldError[] = isDNS1123Label(handler).map((m) => invalid('handler', handler, m));
    const scheduling = obj.scheduling;
    if (scheduling) {
      errs.push(...validateLabels(scheduling.nodeSelector, 'scheduling.nodeSelector'));
      errs.push(...validateTolerations(scheduling.tolerations, 'scheduling.tolerations'));
    }
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Handler' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.handler ?? '', age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
