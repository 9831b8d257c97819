import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { canonicalQuantity, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- metric specs are read as stored */
const q = (v: any) => (v === undefined || v === null ? '0' : canonicalQuantity(v));

function describeMetric(w: PrefixWriter, m: any, current: any): void {
  switch (m.type) {
    case 'External': {
      const avg = m.external?.target?.averageValue !== undefined;
      const cur = current?.external ? q(avg ? current.external.current?.averageValue : current.external.current?.value) : '<unknown>';
      w.write(1, `${JSON.stringify(m.external?.metric?.name ?? '')} (target ${avg ? 'average value' : 'value'}):\t${cur} / ${q(avg ? m.external.target.averageValue : m.external?.target?.value)}\n`);
      break;
    }
    case 'Pods':
      w.write(1, `${JSON.stringify(m.pods?.metric?.name ?? '')} on pods:\t${current?.pods ? q(current.pods.current?.averageValue) : '<unknown>'} / ${q(m.pods?.target?.averageValue)}\n`);
      break;
    case 'Object': {
      w.write(1, `"${m.object?.metric?.name ?? ''}" on ${m.object?.describedObject?.kind}/${m.object?.describedObject?.name} `);
      const avg = m.object?.target?.type === 'AverageValue';
      const cur = current?.object ? q(avg ? current.object.current?.averageValue : current.object.current?.value) : '<unknown>';
      w.write(0, `(target ${avg ? 'average value' : 'value'}):\t${cur} / ${q(avg ? m.object.target.averageValue : m.object?.target?.value)}\n`);
      break;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const cur = m.type === 'Resource' ? current?.resource : current?.containerResource;
      w.write(1, m.type === 'Resource' ? `resource ${src?.name} on pods` : `resource ${src?.name} of container "${src?.container}" on pods`);
      if (src?.target?.averageValue !== undefined) {
        w.write(0, `:\t${cur ? q(cur.current?.averageValue) : '<unknown>'} / ${q(src.target.averageValue)}\n`);
      } else {
        const current = cur && cur.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}% (${q(cur.current.averageValue)})` : '<unknown>';
        const target = src?.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
        w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
      }
      break;
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(m.type ?? '')}>\n`);
  }
}

function describeDirection(w: PrefixWriter, direction: string, rules: any): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of rules.policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

/** describeHorizontalPodAutoscalerV2: each metric as `current / target`, replica bounds, behavior, conditions. */
export const horizontalPodAutoscaler: Describer = {
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  describe(hpa: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = hpa.spec ?? {};
    const status = hpa.status ?? {};
    w.write(0, `Name:\t${hpa.metadata.name}\n`);
    w.write(0, `Namespace:\t${hpa.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
    w.write(0, `Reference:\t${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}\n`);
    w.write(0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m: any, i: number) => describeMetric(w, m, status.currentMetrics?.[i]));
    w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
    w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    if (spec.behavior) {
      w.write(0, 'Behavior:\n');
      describeDirection(w, 'Scale Up', spec.behavior.scaleUp);
      describeDirection(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(0, `${spec.scaleTargetRef?.kind} pods:\t`);
    w.write(0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
    if (status.conditions?.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tReason\tMessage\n');
      w.write(1, '----\t------\t------\t-------\n');
      for (const c of status.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(hpa)), w, ctx.now);
    return w.toString();
  },
};
