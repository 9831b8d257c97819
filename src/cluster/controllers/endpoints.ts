import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { selectorMatches } from '../meta/selectors.js';
import { isPodReady } from '../meta/podUtil.js';
import type { ControllerSpec } from './controllerSpec.js';

/** A Service port's targetPort resolved for one pod (named ports come from the pod's containers). */
export function resolveTargetPort(port: any, pod: KubeObject): number | undefined {
  const tp = port.targetPort ?? port.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(String(tp))) return Number(tp);
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** Pods a Service selects, with an IP, in its namespace. */
export function servicePods(ctx: SyncContext, svc: KubeObject): KubeObject[] {
  const sel = svc.spec?.selector;
  return ctx.view
    .list('/pods', svc.metadata.namespace)
    .filter((p) => p.status?.podIP && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && selectorMatches({ matchLabels: sel }, p.metadata.labels))
    .sort((a, b) => String(a.status.podIP).localeCompare(String(b.status.podIP), undefined, { numeric: true }));
}

function address(p: KubeObject): Record<string, unknown> {
  return {
    ip: p.status.podIP,
    nodeName: p.spec?.nodeName,
    targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
  };
}

/**
 * The endpoints controller: for every Service with a selector, an Endpoints object of the same name listing
 * ready pods under `addresses` and the others under `notReadyAddresses`, per distinct port set.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const epSpec = ctx.kinds.forKind('Endpoints', '');
  if (!epSpec) return;
  for (const svc of ctx.view.list('/services')) {
    if (!svc.spec?.selector || svc.metadata.deletionTimestamp) continue;
    if (svc.metadata.name === 'kubernetes' && svc.metadata.namespace === 'default') continue; // kept by the API server itself
    const ns = svc.metadata.namespace!;
    const pods = servicePods(ctx, svc).filter((p) => !p.metadata.deletionTimestamp || svc.spec?.publishNotReadyAddresses);
    const subsetsByPorts = new Map<string, { addresses: any[]; notReadyAddresses: any[]; ports: any[] }>();
    for (const p of pods) {
      const ports = (svc.spec.ports ?? [])
        .map((sp: any) => {
          const port = resolveTargetPort(sp, p);
          if (port === undefined) return undefined;
          const out: Record<string, unknown> = { port, protocol: sp.protocol ?? 'TCP' };
          if (sp.name) out.name = sp.name;
          return out;
        })
        .filter(Boolean);
      const key = JSON.stringify(ports);
      let subset = subsetsByPorts.get(key);
      if (!subset) subsetsByPorts.set(key, (subset = { addresses: [], notReadyAddresses: [], ports }));
      if (isPodReady(p) || svc.spec?.publishNotReadyAddresses) subset.addresses.push(address(p));
      else subset.notReadyAddresses.push(address(p));
    }
    const subsets = [...subsetsByPorts.values()].map((s) => {
      const out: Record<string, unknown> = {};
      if (s.addresses.length) out.addresses = s.addresses;
      if (s.notReadyAddresses.length) out.notReadyAddresses = s.notReadyAddresses;
      out.ports = s.ports;
      return out;
    });
    const existing = ctx.view.get('/endpoints', ns, svc.metadata.name!);
    const labels = { ...svc.metadata.labels };
    if (!existing) {
      const body: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns, labels } };
      if (subsets.length) body.subsets = subsets;
      await ctx.client.create(epSpec, body, ns);
      continue;
    }
    if (JSON.stringify(existing.subsets ?? []) !== JSON.stringify(subsets)) {
      const next = structuredClone(existing);
      if (subsets.length) next.subsets = subsets;
      else delete next.subsets;
      await ctx.client.update(epSpec, next);
    }
  }
  // Endpoints whose Service is gone go too
  for (const ep of ctx.view.list('/endpoints')) {
    if (ep.metadata.name === 'kubernetes' && ep.metadata.namespace === 'default') continue;
    const svc = ctx.view.get('/services', ep.metadata.namespace, ep.metadata.name!);
    if (!svc || !svc.spec?.selector) {
      if (!svc && !(ep.metadata.labels ?? {})['endpointslice.kubernetes.io/skip-mirror']) await ctx.client.delete(epSpec, ep.metadata.namespace, ep.metadata.name!).catch(() => undefined);
    }
  }
}

export const endpointsController = {
  name: 'endpoints-controller',
  aliases: ['endpoint'],
  user: 'system:serviceaccount:kube-system:endpoint-controller',
  eventSource: 'endpoint-controller',
  sync,
} satisfies ControllerSpec;
