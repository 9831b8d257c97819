import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeSecret: the sizes of the values, never the values (except a service account token's token). */
export const secret: Describer = {
  group: '',
  kind: 'Secret',
  describe(s: KubeObject) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${s.metadata.name}\n`);
    w.write(0, `Namespace:\t${s.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(0, `\nType:\t${s.type ?? ''}\n`);
    w.write(0, '\nData\n====\n');
    for (const [k, v] of Object.entries((s.data ?? {}) as Record<string, string>)) {
      const bytes = Buffer.from(v, 'base64');
      if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${bytes.toString('utf8')}\n`);
      else w.write(0, `${k}:\t${bytes.length} bytes\n`);
    }
    return w.toString();
  },
};
