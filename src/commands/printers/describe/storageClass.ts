import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { formatLabels } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeStorageClass. */
export const storageClass: Describer = {
  group: 'storage.k8s.io',
  kind: 'StorageClass',
  describe(sc: KubeObject, ctx) {
    const w = new PrefixWriter();
    const ann = sc.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    w.write(0, `Name:\t${sc.metadata.name}\n`);
    w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
    w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined || sc.allowVolumeExpansion === null ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
    if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
    else {
      w.write(0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(sc)), w, ctx.now);
    return w.toString();
  },
};
