import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { accessModesString, canonicalQuantity, goList, printAnnotationsMultiline, printLabelsMultiline, since } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** printVolumeNodeAffinity: the required node selector terms, one expression a line. */
function printNodeAffinity(w: PrefixWriter, affinity: KubeObject['spec']): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(1, 'Required Terms:\t');
  const terms: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] = affinity.required.nodeSelectorTerms ?? [];
  if (!terms.length) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (!reqs.length) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(2, '\t');
      let s = `${r.key} ${r.operator.toLowerCase()}`;
      if (r.values?.length) s += ` [${r.values.join(', ')}]`;
      w.write(0, `${s}\n`);
    });
  });
}

/** describePersistentVolume, with the common volume sources. */
export const persistentVolume: Describer = {
  group: '',
  kind: 'PersistentVolume',
  describe(pv: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = pv.spec ?? {};
    w.write(0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
    w.write(0, `StorageClass:\t${pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? ''}\n`);
    if (pv.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(0, `Capacity:\t${canonicalQuantity(spec.capacity?.storage ?? '0')}\n`);
    printNodeAffinity(w, spec.nodeAffinity);
    w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(0, 'Source:\n');
    if (spec.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
    else if (spec.nfs) w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
    else if (spec.local) w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
    else if (spec.csi) {
      w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    } else w.write(1, '<unknown>\n');
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(pv)), w, ctx.now);
    return w.toString();
  },
};
