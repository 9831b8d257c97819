import type { KubeObject } from '../../../cluster/api/types.js';
import { isDeepStrictEqual } from 'node:util';
import type { DescribeContext, Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { byteCompare, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** A template without the pod-template-hash label, as deploymentutil compares them. */
function withoutHash(template: KubeObject['spec']): unknown {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t;
}

/** deploymentutil.GetAllReplicaSets: the ReplicaSets the deployment controls, split into the new one and the old ones. */
function replicaSetsOf(d: KubeObject, ctx: DescribeContext): { oldRSs: KubeObject[]; newRS?: KubeObject } {
  const spec = ctx.client.kinds.forKind('ReplicaSet', 'apps')!;
  const owned = ctx.client
    .list(spec, d.metadata.namespace)
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .sort((a, b) => byteCompare(a.metadata.name ?? '', b.metadata.name ?? ''));
  const want = withoutHash(d.spec?.template);
  // the oldest ReplicaSet with the deployment's template is the new one
  const newRS = owned
    .filter((rs) => isDeepStrictEqual(withoutHash(rs.spec?.template), want))
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''))[0];
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

function replicaSetsText(list: KubeObject[]): string {
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
}

/** describeDeployment. */
export const deployment: Describer = {
  group: 'apps',
  kind: 'Deployment',
  describe(d: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = d.spec ?? {};
    const status = d.status ?? {};
    w.write(0, `Name:\t${d.metadata.name}\n`);
    w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(
      0,
      `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
    describePodTemplate(spec.template, w);
    if (status.conditions?.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    const { oldRSs, newRS } = replicaSetsOf(d, ctx);
    if (oldRSs.length || newRS) {
      w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`);
      w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(d)), w, ctx.now);
    return w.toString();
  },
};
