import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { formatSelector } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describePodDisruptionBudgetV1. */
export const podDisruptionBudget: Describer = {
  group: 'policy',
  kind: 'PodDisruptionBudget',
  describe(pdb: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = pdb.spec ?? {};
    const status = pdb.status ?? {};
    w.write(0, `Name:\t${pdb.metadata.name}\n`);
    w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(0, `Min available:\t${spec.minAvailable}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(0, `Selector:\t${spec.selector ? formatSelector(spec.selector) : '<unset>'}\n`);
    w.write(0, 'Status:\n');
    w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
    w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
    w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
    w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(pdb)), w, ctx.now);
    return w.toString();
  },
};
