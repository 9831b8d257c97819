import { age } from '../../meta/duration.js';
import { invalid, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: the defaults fill what a given rule leaves unset. */
function scalingRules(given: any, defaults: any): any {
  if (!given) return defaults;
  return {
    ...(given.policies !== undefined ? { policies: given.policies } : { policies: defaults.policies }),
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    stabilizationWindowSeconds: given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    ...(given.tolerance !== undefined ? { tolerance: given.tolerance } : {}),
  };
}

const SCALE_UP = {
  policies: [
    { periodSeconds: 15, type: 'Pods', value: 4 },
    { periodSeconds: 15, type: 'Percent', value: 100 },
  ],
  selectPolicy: 'Max',
  stabilizationWindowSeconds: 0,
};
const SCALE_DOWN = {
  policies: [{ periodSeconds: 15, type: 'Percent', value: 100 }],
  selectPolicy: 'Max',
  stabilizationWindowSeconds: 300,
};

function q(v: unknown): string {
  return v === undefined || v === null ? '<unknown>' : String(v);
}

/** TARGETS (printers.go formatHPAMetrics): at most two metrics, then ` + N more...`. */
function formatMetrics(o: KubeObject): string {
  const specs: any[] = o.spec?.metrics ?? [];
  const statuses: any[] = o.status?.currentMetrics ?? [];
  if (!specs.length) return '<none>';
  const list = specs.map((s, i) => {
    const st = statuses[i];
    switch (s.type) {
      case 'External':
        return s.external?.target?.averageValue !== undefined
          ? `${q(st?.external?.current?.averageValue)}/${s.external.target.averageValue} (avg)`
          : `${st?.external ? q(st.external.current?.value) : '<unknown>'}/${q(s.external?.target?.value)}`;
      case 'Pods':
        return `${st?.pods ? q(st.pods.current?.averageValue) : '<unknown>'}/${q(s.pods?.target?.averageValue)}`;
      case 'Object':
        return s.object?.target?.averageValue !== undefined
          ? `${q(st?.object?.current?.averageValue)}/${s.object.target.averageValue} (avg)`
          : `${st?.object ? q(st.object.current?.value) : '<unknown>'}/${q(s.object?.target?.value)}`;
      case 'Resource':
      case 'ContainerResource': {
        const key = s.type === 'Resource' ? 'resource' : 'containerResource';
        const src = s[key] ?? {};
        const cur = st?.[key];
        if (src.target?.averageValue !== undefined) return `${src.name}: ${cur ? q(cur.current?.averageValue) : '<unknown>'}/${src.target.averageValue}`;
        const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
        const target = src.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
        return `${src.name}: ${current}/${target}`;
      }
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscaler = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): 1 replica at least, 80% cpu by default
    const spec = (obj.spec ??= {});
    spec.minReplicas ??= 1;
    if (!(spec.metrics ?? []).length)
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    if (spec.behavior) {
      spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, SCALE_UP);
      spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, SCALE_DOWN);
    }
  },
  prepareForCreate(obj) {
    obj.status = { desiredReplicas: 0 };
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const ref = spec.scaleTargetRef ?? {};
    if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind'));
    if (!ref.name) errs.push(required('spec.scaleTargetRef.name'));
    if (spec.minReplicas !== undefined && spec.minReplicas < 1)
      errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
    if (!(spec.maxReplicas > 0)) errs.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
    else if (spec.minReplicas !== undefined && spec.maxReplicas < spec.minReplicas)
      errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
    (spec.metrics ?? []).forEach((m: any, i: number) => {
      const f = `spec.metrics[${i}]`;
      if (!m.type) errs.push(required(`${f}.type`, 'must specify a metric source type'));
      else if (!METRIC_TYPES.includes(m.type)) errs.push(notSupported(`${f}.type`, m.type, METRIC_TYPES));
      const src = m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
      if (src) {
        const key = m.type === 'Resource' ? 'resource' : 'containerResource';
        if (!src.name) errs.push(required(`${f}.${key}.name`, 'must specify a resource name'));
        const u = src.target?.averageUtilization;
        if (u !== undefined && u <= 0) errs.push(invalid(`${f}.${key}.target.averageUtilization`, u, 'must be greater than 0'));
      }
    });
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Reference' },
      { name: 'Targets' },
      { name: 'MinPods' },
      { name: 'MaxPods' },
      { name: 'Replicas' },
      { name: 'Age' },
    ],
    row: (o, now) => [
      o.metadata.name!,
      `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`,
      formatMetrics(o),
      o.spec?.minReplicas !== undefined ? String(o.spec.minReplicas) : '<unset>',
      o.spec?.maxReplicas ?? 0,
      o.status?.currentReplicas ?? 0,
      age(o.metadata.creationTimestamp, now),
    ],
  },
} satisfies KindSpec;
