import { StatusError } from '../status.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

/** The two classes every cluster has, whether or not their objects were created. */
const BUILTIN: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

/**
 * Priority: resolves a pod's priorityClassName (or the global default class) into spec.priority and
 * spec.preemptionPolicy; an unknown class is refused.
 */
export const Priority = {
  name: 'Priority',
  mutate(attrs, doc) {
    if (attrs.operation !== 'CREATE' || attrs.spec.kind !== 'Pod' || attrs.spec.group !== '') return;
    const spec = (attrs.object.spec ??= {});
    const classes = Object.values(doc.objects['scheduling.k8s.io/priorityclasses'] ?? {});
    const name: string | undefined = spec.priorityClassName;
    if (!name) {
      const def = classes.find((c) => c.globalDefault);
      spec.priority = def ? def.value : 0;
      if (def) spec.priorityClassName = def.metadata.name;
      spec.preemptionPolicy = def?.preemptionPolicy ?? 'PreemptLowerPriority';
      return;
    }
    const pc = classes.find((c) => c.metadata.name === name);
    if (!pc && !(name in BUILTIN))
      throw new StatusError('Forbidden', 403, `pods "${attrs.object.metadata.name ?? ''}" is forbidden: no PriorityClass with name ${name} was found`, {
        name: attrs.object.metadata.name,
        kind: 'pods',
      });
    spec.priority = pc ? pc.value : BUILTIN[name];
    spec.preemptionPolicy = pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  },
} satisfies AdmissionPlugin;
