import type { KubeObject } from '../../../cluster/api/types.js';
import { podStatusForController, podsStatusText } from './controllerPods.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { byteCompare, printAnnotationsMultiline, printLabelsMultiline, selectorString } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeDaemonSet (it prints no Namespace line, as kubectl's does not). */
export const daemonSet: Describer = {
  group: 'apps',
  kind: 'DaemonSet',
  describe(ds: KubeObject, ctx) {
    const w = new PrefixWriter();
    const status = ds.status ?? {};
    const nodeSelector: Record<string, string> = ds.spec?.template?.spec?.nodeSelector ?? {};
    w.write(0, `Name:\t${ds.metadata.name}\n`);
    w.write(0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    // labels.FormatLabels, which prints <none> for an empty set
    const ns = Object.keys(nodeSelector).sort(byteCompare);
    w.write(0, `Node-Selector:\t${ns.length ? ns.map((k) => `${k}=${nodeSelector[k]}`).join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(0, `Desired Number of Nodes Scheduled: ${status.desiredNumberScheduled ?? 0}\n`);
    w.write(0, `Current Number of Nodes Scheduled: ${status.currentNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${status.updatedNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Available Pods: ${status.numberAvailable ?? 0}\n`);
    w.write(0, `Number of Nodes Misscheduled: ${status.numberMisscheduled ?? 0}\n`);
    w.write(0, `Pods Status:\t${podsStatusText(podStatusForController(ctx, ds))}\n`);
    describePodTemplate(ds.spec?.template, w);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(ds)), w, ctx.now);
    return w.toString();
  },
};
