import type { KubeObject } from '../../../cluster/api/types.js';
import type { DescribeContext, Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { accessModesString, byteCompare, canonicalQuantity, goList, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, since } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** getPodsForPVC: pods that mount the claim, then pods that own it. */
function podsUsing(pvc: KubeObject, ctx: DescribeContext): KubeObject[] {
  const all = ctx.client.list(ctx.client.kinds.forKind('Pod', '')!, pvc.metadata.namespace).items;
  const pods: KubeObject[] = [];
  for (const p of all) for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) pods.push(p);
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = all.find((p) => p.metadata.uid === ref.uid);
    if (owner && !pods.some((p) => p.metadata.uid === owner.metadata.uid)) pods.push(owner);
  }
  return pods;
}

/** describePersistentVolumeClaim: class, status, bound volume, capacity, the pods using it. */
export const persistentVolumeClaim: Describer = {
  group: '',
  kind: 'PersistentVolumeClaim',
  describe(pvc: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = pvc.spec ?? {};
    w.write(0, `Name:\t${pvc.metadata.name}\n`);
    w.write(0, `Namespace:\t${pvc.metadata.namespace}\n`);
    w.write(0, `StorageClass:\t${pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? ''}\n`);
    if (pvc.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
    w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
    const bound = !!spec.volumeName;
    w.write(0, `Capacity:\t${bound ? canonicalQuantity(pvc.status?.capacity?.storage ?? '0') : ''}\n`);
    w.write(0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
    if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
    if (spec.dataSource) {
      w.write(0, 'DataSource:\n');
      if (spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
      w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
      w.write(1, `Name:\t${spec.dataSource.name}\n`);
    }
    const pods = podsUsing(pvc, ctx).sort((a, b) => byteCompare(a.metadata.name ?? '', b.metadata.name ?? ''));
    w.write(0, 'Used By:\t');
    if (!pods.length) w.writeLine('<none>');
    else pods.forEach((p, i) => w.write(0, `${i ? '\t' : ''}${p.metadata.name}\n`));
    const conditions: KubeObject[] = pvc.status?.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(pvc)), w, ctx.now);
    return w.toString();
  },
};
