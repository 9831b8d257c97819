import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeServiceAccount: its image pull secrets, mountable secrets and token secrets, missing ones marked. */
export const serviceAccount: Describer = {
  group: '',
  kind: 'ServiceAccount',
  describe(sa: KubeObject, ctx) {
    const w = new PrefixWriter();
    const secretSpec = ctx.client.kinds.forKind('Secret', '')!;
    const secrets = ctx.client.list(secretSpec, sa.metadata.namespace).items;
    const existing = new Set(secrets.map((s) => s.metadata.name));
    const tokens = secrets
      .filter(
        (s) =>
          s.type === 'kubernetes.io/service-account-token' &&
          s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
          s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
      )
      .map((s) => s.metadata.name ?? '');
    w.write(0, `Name:\t${sa.metadata.name}\n`);
    w.write(0, `Namespace:\t${sa.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const names = (list: { name: string }[] | undefined) => (list ?? []).map((s) => s.name);
    // the headers in sorted order, as kubectl walks them
    const sections: [string, string[]][] = [
      ['Image pull secrets:', names(sa.imagePullSecrets)],
      ['Mountable secrets: ', names(sa.secrets)],
      ['Tokens:            ', tokens],
    ];
    for (const [header, list] of sections) {
      if (!list.length) {
        w.write(0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of list) {
        w.write(0, `${prefix}\t${n}${existing.has(n) ? '' : ' (not found)'}\n`);
        prefix = '                   ';
      }
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(sa)), w, ctx.now);
    return w.toString();
  },
};
