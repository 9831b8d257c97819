import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeLimitRangeSpec } from './namespace.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeLimitRange: one row per limit type and resource. */
export const limitRange: Describer = {
  group: '',
  kind: 'LimitRange',
  describe(lr: KubeObject) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${lr.metadata.name}\n`);
    w.write(0, `Namespace:\t${lr.metadata.namespace}\n`);
    w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr, '', w);
    return w.toString();
  },
};
