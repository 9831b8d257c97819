import { randomSuffix } from '../../meta/names.js';
import { StatusError } from '../status.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin: a pod without a service account runs as `default`, which must
 * exist, and gets the projected `kube-api-access-xxxxx` volume (token, CA bundle, namespace) mounted in
 * every container.
 */
export const ServiceAccount = {
  name: 'ServiceAccount',
  mutate(attrs, doc) {
    if (attrs.operation !== 'CREATE' || attrs.spec.kind !== 'Pod' || attrs.spec.group !== '') return;
    const pod = attrs.object;
    const spec = (pod.spec ??= {});
    // mirror pods of static pods are left as the kubelet wrote them
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return;
    spec.serviceAccountName ||= spec.serviceAccount || 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const ns = pod.metadata.namespace;
    const sa = doc.objects['/serviceaccounts']?.[`${ns}/${spec.serviceAccountName}`];
    const saKindExists = doc.objects['/serviceaccounts'] !== undefined;
    if (!sa && saKindExists && Object.values(doc.objects['/serviceaccounts'] ?? {}).some((s) => s.metadata.namespace === ns)) {
      throw new StatusError(
        'Forbidden',
        403,
        `pods "${pod.metadata.name ?? pod.metadata.generateName ?? ''}" is forbidden: error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
        { name: pod.metadata.name, kind: 'pods' },
      );
    }
    if (spec.automountServiceAccountToken === false || sa?.automountServiceAccountToken === false) return;
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.some((c: any) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === MOUNT))) return;
    const name = `kube-api-access-${randomSuffix(5, attrs.random)}`;
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ];
    for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: MOUNT, name, readOnly: true }];
  },
} satisfies AdmissionPlugin;
