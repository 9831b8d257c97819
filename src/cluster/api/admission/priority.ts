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
    const forbid = (why: string) =>
      new StatusError('Forbidden', 403, `pods "${attrs.object.metadata.name ?? ''}" is forbidden: ${why}`, { name: attrs.object.metadata.name, kind: 'pods' });
    let value: number;
    let policy: string;
    if (!name) {
      const def = classes.find((c) => c.globalDefault);
      value = def ? def.value : 0;
      if (def) spec.priorityClassName = def.metadata.name;
      policy = def?.preemptionPolicy ?? 'PreemptLowerPriority';
    } else {
      const pc = classes.find((c) => c.metadata.name === name);
      if (!pc && !(name in BUILTIN)) throw forbid(`no PriorityClass with name ${name} was found`);
      value = pc ? pc.value : BUILTIN[name];
      policy = pc?.preemptionPolicy ?? 'PreemptLowerPriority';
    }
    // the class decides: a pod may repeat its values but not contradict them
    if (spec.priority !== undefined && spec.priority !== value)
      throw forbid(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy)
      throw forbid(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    spec.priority = value;
    spec.preemptionPolicy = policy;
  },
} satisfies AdmissionPlugin;
