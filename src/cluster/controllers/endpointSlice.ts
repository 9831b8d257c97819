import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef } from '../meta/ownerRefs.js';
import { isPodReady } from '../meta/podUtil.js';
import { resolveTargetPort, servicePods } from './endpoints.js';
import type { ControllerSpec } from './controllerSpec.js';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

/**
 * The endpointslice controller: for every Service with a selector, an EndpointSlice `<svc>-xxxxx` holding
 * each selected pod with its ready/serving/terminating conditions (terminating pods stay, not ready).
 */
async function sync(ctx: SyncContext): Promise<void> {
  const sliceSpec = ctx.kinds.forKind('EndpointSlice', 'discovery.k8s.io');
  if (!sliceSpec) return;
  const slices = ctx.view.list('discovery.k8s.io/endpointslices');
  for (const svc of ctx.view.list('/services')) {
    if (!svc.spec?.selector || svc.metadata.deletionTimestamp) continue;
    if (svc.metadata.name === 'kubernetes' && svc.metadata.namespace === 'default') continue;
    const ns = svc.metadata.namespace!;
    const pods = servicePods(ctx, svc);
    const first = pods[0];
    const ports = (svc.spec.ports ?? []).map((sp: any) => {
      const out: Record<string, unknown> = { name: sp.name ?? '', port: first ? resolveTargetPort(sp, first) : undefined, protocol: sp.protocol ?? 'TCP' };
      if (out.port === undefined) delete out.port;
      return out;
    });
    const endpoints = pods.map((p) => {
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = isPodReady(p);
      return {
        addresses: [p.status.podIP],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
      };
    });
    const mine = slices.find((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
    if (!mine) {
      await ctx.client.create(
        sliceSpec,
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            namespace: ns,
            generateName: `${svc.metadata.name}-`,
            labels: { ...svc.metadata.labels, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY, 'kubernetes.io/service-name': svc.metadata.name! },
            ownerReferences: [controllerRef(svc)],
          },
          addressType: 'IPv4',
          endpoints,
          ports,
        } as KubeObject,
        ns,
      );
      continue;
    }
    if (JSON.stringify(mine.endpoints ?? []) !== JSON.stringify(endpoints) || JSON.stringify(mine.ports ?? []) !== JSON.stringify(ports)) {
      await ctx.client.update(sliceSpec, { ...structuredClone(mine), endpoints, ports });
    }
  }
}

export const endpointSliceController = {
  name: 'endpointslice-controller',
  aliases: ['endpointslice'],
  user: 'system:serviceaccount:kube-system:endpointslice-controller',
  eventSource: 'endpointslice-controller',
  sync,
} satisfies ControllerSpec;
