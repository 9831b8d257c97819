import { parseQuantity } from '../meta/quantity.js';
import type { KubeObject } from '../api/types.js';
import type { Resources } from './types.js';

export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, 'ephemeral-storage': 0, pods: 0 };
}

/** Quantities of a resource list in the scheduler's units: cpu in millicores, the rest as numbers. */
export function toResources(list: Record<string, string | number> | undefined): Resources {
  const r = emptyResources();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v) ?? 0;
    r[k] = k === 'cpu' ? Math.round(q * 1000) : q;
  }
  return r;
}

function add(a: Resources, b: Resources): void {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
}

/**
 * A pod's effective requests: the larger of the biggest init container and the sum of the app
 * containers (plus sidecars), per resource, as the scheduler computes it for filtering.
 */
export function podRequests(pod: KubeObject): Resources {
  const sum = emptyResources();
  for (const c of pod.spec?.containers ?? []) add(sum, toResources(c.resources?.requests));
  const sidecars = emptyResources();
  const result = { ...sum };
  for (const c of pod.spec?.initContainers ?? []) {
    const req = toResources(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      add(sidecars, req);
      continue;
    }
    for (const [k, v] of Object.entries(req)) {
      const withSidecars = v + (sidecars[k] ?? 0);
      if (withSidecars > (result[k] ?? 0)) result[k] = withSidecars;
    }
  }
  add(result, sidecars);
  for (const [k, v] of Object.entries(toResources(pod.spec?.overhead))) result[k] = (result[k] ?? 0) + v;
  result.pods = 1;
  return result;
}

/** Requests for scoring: containers without requests count as 100m CPU and 200Mi memory; the RuntimeClass overhead adds on. */
export function podRequestsNonZero(pod: KubeObject): Resources {
  const r = emptyResources();
  for (const c of pod.spec?.containers ?? []) {
    const req = toResources(c.resources?.requests);
    r.cpu += c.resources?.requests?.cpu !== undefined ? req.cpu : 100;
    r.memory += c.resources?.requests?.memory !== undefined ? req.memory : 200 * 1024 * 1024;
  }
  const overhead = toResources(pod.spec?.overhead);
  r.cpu += overhead.cpu;
  r.memory += overhead.memory;
  return r;
}

export function sumRequests(pods: KubeObject[]): Resources {
  const r = emptyResources();
  for (const p of pods) add(r, podRequests(p));
  return r;
}
