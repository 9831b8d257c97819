import type { KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { StatusError } from './status.js';
import { formatLabelSelector } from '../meta/selectors.js';

/**
 * The scale subresource (`deployments/scale`): an autoscaling/v1 Scale view of an object's replica count.
 * kubectl scale and the HPA controller write replicas through it, so RBAC can grant scaling alone.
 */
export interface ScalePaths {
  /** dotted paths as CRDs state them: `.spec.replicas` */
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** What the workload kinds of apps/v1 and core v1 declare. */
export const WORKLOAD_SCALE: ScalePaths = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };

function read(obj: KubeObject, path: string): unknown {
  let v: any = obj;
  for (const k of path.replace(/^\./, '').split('.')) v = v?.[k];
  return v;
}

function write(obj: KubeObject, path: string, value: unknown): void {
  const keys = path.replace(/^\./, '').split('.');
  let v: any = obj;
  for (const k of keys.slice(0, -1)) v = v[k] ??= {};
  v[keys[keys.length - 1]] = value;
}

/** A workload's label selector as the Scale's status shows it: `app=web`. */
function selectorString(obj: KubeObject): string {
  const text = formatLabelSelector(obj.kind === 'ReplicationController' ? { matchLabels: obj.spec?.selector } : obj.spec?.selector);
  return text === '<none>' ? '' : text;
}

export function scaleNotFound(): StatusError {
  return new StatusError('NotFound', 404, 'the server could not find the requested resource');
}

export function toScale(spec: KindSpec, obj: KubeObject): KubeObject {
  const paths = spec.scale!;
  const m = obj.metadata;
  const selector = paths.labelSelectorPath ? read(obj, paths.labelSelectorPath) : spec.custom ? undefined : selectorString(obj);
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number(read(obj, paths.specReplicasPath) ?? 0) },
    status: { replicas: Number(read(obj, paths.statusReplicasPath) ?? 0), ...(selector ? { selector } : {}) },
  };
}

/** The object with the Scale's desired replicas written back, as the API server stores it. */
export function fromScale(spec: KindSpec, obj: KubeObject, scale: KubeObject): KubeObject {
  const replicas = scale.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new StatusError('Invalid', 422, `Scale.autoscaling "${obj.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
  const out = structuredClone(obj);
  write(out, spec.scale!.specReplicasPath, replicas);
  return out;
}
