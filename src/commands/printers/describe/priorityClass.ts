import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { formatLabels } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describePriorityClass. */
export const priorityClass: Describer = {
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  describe(pc: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${pc.metadata.name}\n`);
    w.write(0, `Value:\t${pc.value ?? 0}\n`);
    w.write(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
    w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? 'PreemptLowerPriority'}\n`);
    w.write(0, `Description:\t${pc.description ?? ''}\n`);
    w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(pc)), w, ctx.now);
    return w.toString();
  },
};
