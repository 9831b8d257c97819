import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { parseQuantity } from '../meta/quantity.js';
import type { ControllerSpec } from './controllerSpec.js';

/** A quantity in Kubernetes' canonical form: `500m`, `2`, `128Mi`, `1Gi`. */
export function formatQuantity(value: number, binary: boolean): string {
  if (!binary) {
    const milli = Math.round(value * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  for (const [suffix, n] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const)
    if (value >= n && value % n === 0) return `${value / n}${suffix}`;
  return String(Math.round(value));
}

function podTotals(pods: KubeObject[]): Record<string, number> {
  const t: Record<string, number> = {};
  const add = (k: string, v: string | number | undefined) => {
    const q = parseQuantity(v);
    if (q !== undefined) t[k] = (t[k] ?? 0) + q;
  };
  for (const p of pods)
    for (const c of p.spec?.containers ?? []) {
      add('requests.cpu', c.resources?.requests?.cpu);
      add('requests.memory', c.resources?.requests?.memory);
      add('requests.ephemeral-storage', c.resources?.requests?.['ephemeral-storage']);
      add('limits.cpu', c.resources?.limits?.cpu);
      add('limits.memory', c.resources?.limits?.memory);
    }
  t.cpu = t['requests.cpu'] ?? 0;
  t.memory = t['requests.memory'] ?? 0;
  return t;
}

const COUNTED: Record<string, string> = {
  pods: '/pods',
  services: '/services',
  configmaps: '/configmaps',
  secrets: '/secrets',
  persistentvolumeclaims: '/persistentvolumeclaims',
  replicationcontrollers: '/replicationcontrollers',
  resourcequotas: '/resourcequotas',
};

/**
 * The resourcequota controller: keeps each quota's status.used up to date (admission enforces the hard
 * limits against it). Counted: object counts, `count/<resource>.<group>`, and the pods' requests and limits.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const rqSpec = ctx.kinds.forKind('ResourceQuota', '');
  if (!rqSpec) return;
  for (const rq of ctx.view.list('/resourcequotas')) {
    const ns = rq.metadata.namespace!;
    const hard: Record<string, string> = rq.spec?.hard ?? {};
    const pods = ctx.view.list('/pods', ns).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
    const totals = podTotals(pods);
    const used: Record<string, string> = {};
    for (const key of Object.keys(hard).sort()) {
      if (key === 'pods') used[key] = String(pods.length);
      else if (COUNTED[key]) used[key] = String(ctx.view.list(COUNTED[key], ns).length);
      else if (key === 'services.nodeports') used[key] = String(ctx.view.list('/services', ns).filter((s) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer').reduce((n, s) => n + (s.spec.ports ?? []).length, 0));
      else if (key === 'services.loadbalancers') used[key] = String(ctx.view.list('/services', ns).filter((s) => s.spec?.type === 'LoadBalancer').length);
      else if (key.startsWith('count/')) {
        const [res, ...group] = key.slice('count/'.length).split('.');
        used[key] = String(ctx.view.list(`${group.join('.')}/${res}`, ns).length);
      } else if (key in totals || /cpu|memory|storage/.test(key)) {
        used[key] = formatQuantity(totals[key] ?? 0, !key.includes('cpu'));
      }
    }
    const status = { hard: { ...hard }, used };
    if (JSON.stringify(status) !== JSON.stringify(rq.status ?? {}))
      await ctx.client.update(rqSpec, { ...structuredClone(rq), status }, { subresource: 'status' });
  }
}

export const resourceQuotaController = {
  name: 'resourcequota-controller',
  aliases: ['resourcequota'],
  user: 'system:serviceaccount:kube-system:resourcequota-controller',
  eventSource: 'resourcequota-controller',
  sync,
} satisfies ControllerSpec;
