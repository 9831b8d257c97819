import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** The ConfigMap describer: each key with its value under a `----` rule, binary keys by size, then events. */
export const configMap: Describer = {
  group: '',
  kind: 'ConfigMap',
  describe(cm: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${cm.metadata.name}\n`);
    w.write(0, `Namespace:\t${cm.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(0, '\nData\n====\n');
    for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
      w.write(0, `${k}:\n----\n`);
      w.write(0, `${v}\n`);
      w.write(0, '\n');
    }
    w.write(0, '\nBinaryData\n====\n');
    for (const [k, v] of Object.entries((cm.binaryData ?? {}) as Record<string, string>)) w.write(0, `${k}: ${Buffer.from(v, 'base64').length} bytes\n`);
    w.write(0, '\n');
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(cm)), w, ctx.now);
    return w.toString();
  },
};
