import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { byteCompare, formatQuantity, quantityFormat } from './format.js';
import { SCOPE_HELP } from './namespace.js';
import { PrefixWriter } from './prefixWriter.js';
import { quantity } from './resources.js';

/** describeQuota: scopes with their help text, then used against hard per resource. */
export const resourceQuota: Describer = {
  group: '',
  kind: 'ResourceQuota',
  describe(q: KubeObject) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${q.metadata.name}\n`);
    w.write(0, `Namespace:\t${q.metadata.namespace}\n`);
    const scopes: string[] = [...(q.spec?.scopes ?? [])].sort(byteCompare);
    if (scopes.length) {
      w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(0, ` * ${SCOPE_HELP[s]}\n`);
    }
    w.write(0, 'Resource\tUsed\tHard\n');
    w.write(0, '--------\t----\t----\n');
    const hard: Record<string, string> = q.status?.hard ?? {};
    const used: Record<string, string> = q.status?.used ?? {};
    for (const r of Object.keys(hard).sort(byteCompare)) {
      const h = quantity(hard[r]);
      const u = quantity(used[r] ?? '0');
      // a used amount in another format is shown in the hard one's
      const usedText = u.format !== h.format ? formatQuantity(Math.trunc(u.value), h.format) : formatQuantity(u.value, u.format);
      w.write(0, `${r}\t${usedText}\t${formatQuantity(h.value, quantityFormat(hard[r]))}\n`);
    }
    return w.toString();
  },
};
