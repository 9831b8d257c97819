import type { KubeObject } from '../api/types.js';
import type { ClusterView } from '../view.js';

/**
 * A container's environment as the runtime gives it: the image's PATH and HOME, HOSTNAME, the container's
 * env and envFrom (ConfigMap values as they are, Secret values decoded), the downward API fields we model,
 * and the kubernetes Service's address. The kubelet runs commands with it; exec and logs show the same.
 */
export function containerEnv(view: Pick<ClusterView, 'get'>, pod: KubeObject, c: KubeObject): Record<string, string> {
  const ns = pod.metadata.namespace;
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: pod.spec?.hostname ?? pod.metadata.name!, HOME: '/root' };
  const secretValue = (name: string, key: string): string => {
    const v = view.get('/secrets', ns, name)?.data?.[key];
    return v ? Buffer.from(v, 'base64').toString('utf8') : '';
  };
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm) env[e.name] = view.get('/configmaps', ns, cm.name)?.data?.[cm.key] ?? '';
    const sec = e.valueFrom?.secretKeyRef;
    if (sec) env[e.name] = secretValue(sec.name, sec.key);
    const f = e.valueFrom?.fieldRef?.fieldPath;
    if (f === 'metadata.name') env[e.name] = pod.metadata.name!;
    if (f === 'metadata.namespace') env[e.name] = ns!;
    if (f === 'spec.nodeName') env[e.name] = pod.spec?.nodeName ?? '';
    if (f === 'status.podIP') env[e.name] = pod.status?.podIP ?? '';
  }
  for (const f of c.envFrom ?? []) {
    const prefix: string = f.prefix ?? '';
    if (f.configMapRef)
      for (const [k, v] of Object.entries((view.get('/configmaps', ns, f.configMapRef.name)?.data ?? {}) as Record<string, string>)) env[prefix + k] = v;
    if (f.secretRef)
      for (const k of Object.keys(view.get('/secrets', ns, f.secretRef.name)?.data ?? {})) env[prefix + k] = secretValue(f.secretRef.name, k);
  }
  env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
  env.KUBERNETES_SERVICE_PORT = '443';
  return env;
}
