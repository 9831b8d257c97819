import type { KubeObject } from '../../../cluster/api/types.js';
import { podStatusForController, podsStatusText } from './controllerPods.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { controlledBy, formatSelector, printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeReplicaSet. */
export const replicaSet: Describer = {
  group: 'apps',
  kind: 'ReplicaSet',
  describe(rs: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${rs.metadata.name}\n`);
    w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
    w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const owner = controlledBy(rs);
    if (owner) w.write(0, `Controlled By:\t${owner}\n`);
    w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(0, `Pods Status:\t${podsStatusText(podStatusForController(ctx, rs))}\n`);
    describePodTemplate(rs.spec?.template, w);
    if (rs.status?.conditions?.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(rs)), w, ctx.now);
    return w.toString();
  },
};
