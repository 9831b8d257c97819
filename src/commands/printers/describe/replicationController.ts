import type { KubeObject } from '../../../cluster/api/types.js';
import { podStatusForController, podsStatusText } from './controllerPods.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { formatLabels, printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeReplicationController: a ReplicaSet's layout, with the plain map selector. */
export const replicationController: Describer = {
  group: '',
  kind: 'ReplicationController',
  describe(rc: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${rc.metadata.name}\n`);
    w.write(0, `Namespace:\t${rc.metadata.namespace}\n`);
    w.write(0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
    w.write(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired\n`);
    w.write(0, `Pods Status:\t${podsStatusText(podStatusForController(ctx, rc, { matchLabels: rc.spec?.selector ?? {} }))}\n`);
    describePodTemplate(rc.spec?.template, w);
    if (rc.status?.conditions?.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of rc.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(rc)), w, ctx.now);
    return w.toString();
  },
};
