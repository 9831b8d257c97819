import { builtinKinds } from './resources/index.js';
import { apiVersionOf, type KindSpec } from './resources/kindSpec.js';
import { kindFromCRD } from './crd.js';
import type { StoreDocument } from '../store/document.js';

/**
 * The kinds the API server serves: the built-in ones plus one per established CustomResourceDefinition
 * in the store. kubectl's RESTMapper resolves names against this (see resolve()).
 */
export class KindRegistry {
  private crdKinds: KindSpec[] = [];
  private crdSource: unknown;

  constructor(private readonly builtins: KindSpec[] = builtinKinds) {
    const seen = new Set<string>();
    for (const k of builtins) {
      const key = `${k.group}/${k.plural}`;
      if (seen.has(key)) throw new Error(`resource ${key} is registered twice`);
      seen.add(key);
    }
  }

  /** Refreshes the CRD-backed kinds from a store document (cheap when the CRDs did not change). */
  sync(doc: StoreDocument): void {
    const crds = doc.objects['apiextensions.k8s.io/customresourcedefinitions'];
    if (crds === this.crdSource) return;
    this.crdSource = crds;
    this.crdKinds = Object.values(crds ?? {})
      .filter((crd) => !crd.metadata.deletionTimestamp)
      .map(kindFromCRD)
      .filter((k): k is KindSpec => !!k);
  }

  all(): KindSpec[] {
    return [...this.builtins, ...this.crdKinds];
  }

  byKey(resource: string): KindSpec | undefined {
    return this.all().find((k) => `${k.group}/${k.plural}` === resource);
  }

  /** The kind for an object's apiVersion and kind, as the API server decodes a request body. */
  forObject(apiVersion: string, kind: string): KindSpec | undefined {
    return this.all().find((k) => k.kind === kind && apiVersionOf(k) === apiVersion);
  }

  /** The kind for a Kind name alone (any group), preferring built-ins. */
  forKind(kind: string, group?: string): KindSpec | undefined {
    return this.all().find((k) => k.kind === kind && (group === undefined || k.group === group));
  }

  /**
   * kubectl's resource name resolution: plural, singular, short name or Kind in any case, optionally
   * qualified as `resource.group` or `resource.version.group`. Returns undefined when nothing matches.
   */
  resolve(name: string): KindSpec | undefined {
    const lower = name.toLowerCase();
    const all = this.all();
    const matchName = (k: KindSpec, n: string) =>
      k.plural === n || k.singular === n || k.kind.toLowerCase() === n || (k.shortNames ?? []).includes(n);
    // unqualified first: core and built-in groups win, as discovery order does
    const direct = all.find((k) => matchName(k, lower));
    if (direct) return direct;
    const dot = lower.indexOf('.');
    if (dot < 0) return undefined;
    const res = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    return (
      all.find((k) => matchName(k, res) && k.group === rest) ??
      all.find((k) => matchName(k, res) && `${k.version}.${k.group}` === rest) ??
      all.find((k) => matchName(k, res) && k.group === '' && k.version === rest)
    );
  }
}
