import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';

/** A kind as the checker names it in messages: `deployment`, `pod`. */
export interface KindInfo {
  kind: string;
  singular: string;
  plural: string;
  namespaced: boolean;
}

/**
 * The read-only view lessons and exams check against: get and list by kind. It is small on purpose, so the
 * same checks can later run against a real cluster's API.
 */
export interface ClusterReader {
  resolve(kind: string): KindInfo | undefined;
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(kind: string, namespace?: string, selector?: string): KubeObject[];
  /** simulated time now, in ms */
  now(): number;
}

/** A reader over kubecadet's own cluster, through the API like any client. */
export function clientReader(client: Client): ClusterReader {
  const spec = (kind: string) => client.kinds.resolve(kind);
  return {
    resolve: (kind) => {
      const s = spec(kind);
      return s && { kind: s.kind, singular: s.singular, plural: s.plural, namespaced: s.namespaced };
    },
    get: (kind, namespace, name) => {
      const s = spec(kind);
      if (!s) return undefined;
      try {
        return client.get(s, s.namespaced ? namespace : undefined, name);
      } catch {
        return undefined;
      }
    },
    list: (kind, namespace, selector) => {
      const s = spec(kind);
      if (!s) return [];
      return client.list(s, s.namespaced ? namespace : undefined, { labelSelector: selector }).items;
    },
    now: () => client.now(),
  };
}
