import type { AdmissionPlugin } from './admissionPlugin.js';

/**
 * DefaultTolerationSeconds: every pod tolerates node.kubernetes.io/not-ready and /unreachable (NoExecute)
 * for 300 s, which is why pods leave a dead node about five minutes after it goes NotReady.
 */
export const DefaultTolerationSeconds = {
  name: 'DefaultTolerationSeconds',
  mutate(attrs) {
    if (attrs.operation !== 'CREATE' || attrs.spec.kind !== 'Pod' || attrs.spec.group !== '') return;
    const spec = (attrs.object.spec ??= {});
    const tolerations: any[] = (spec.tolerations ??= []);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      const covered = tolerations.some(
        (t) => (t.operator === 'Exists' && !t.key && (!t.effect || t.effect === 'NoExecute')) || (t.key === key && (!t.effect || t.effect === 'NoExecute')),
      );
      if (!covered) tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  },
} satisfies AdmissionPlugin;
