import type { KubeObject } from '../../../cluster/api/types.js';
import { podStatusForController, podsStatusText } from './controllerPods.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { canonicalQuantity, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeStatefulSet, with its volume claim templates. */
export const statefulSet: Describer = {
  group: 'apps',
  kind: 'StatefulSet',
  describe(ss: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = ss.spec ?? {};
    w.write(0, `Name:\t${ss.metadata.name}\n`);
    w.write(0, `Namespace:\t${ss.metadata.namespace}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
    w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    w.write(0, `Pods Status:\t${podsStatusText(podStatusForController(ctx, ss))}\n`);
    describePodTemplate(spec.template, w);
    const templates: KubeObject[] = spec.volumeClaimTemplates ?? [];
    if (!templates.length) w.write(0, 'Volume Claims:\t<none>\n');
    else {
      w.write(0, 'Volume Claims:\n');
      for (const pvc of templates) {
        w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
        printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const storage = pvc.spec?.resources?.requests?.storage;
        w.write(1, `Capacity:\t${storage !== undefined ? canonicalQuantity(storage) : '<default>'}\n`);
        w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(ss)), w, ctx.now);
    return w.toString();
  },
};
