import { builtinKinds } from './resources/index.js';
import { apiVersionOf, type KindSpec } from './resources/kindSpec.js';
import { CRD_RESOURCE, kindsFromCRD } from './crd.js';
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

  /**
   * Refreshes the CRD-backed kinds from a store document (cheap when the CRDs did not change). A CRD
   * being deleted is still served until its finalizer is done; one whose names were not accepted is not.
   * Custom groups follow the built-in ones, sorted, as in discovery; a CRD's preferred version comes first.
   */
  sync(doc: StoreDocument): void {
    const crds = doc.objects[CRD_RESOURCE];
    if (crds === this.crdSource) return;
    this.crdSource = crds;
    this.crdKinds = Object.values(crds ?? {})
      .flatMap(kindsFromCRD)
      .sort((a, b) => (a.group === b.group ? (a.plural === b.plural ? 0 : a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1));
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
   * As kubectl's shortcut expander does, an exact plural or singular anywhere wins over a short name,
   * and among several groups the first in discovery order wins.
   */
  resolve(name: string): KindSpec | undefined {
    const lower = name.toLowerCase();
    const all = this.all();
    const match = (res: string, group?: string, version?: string): KindSpec | undefined => {
      const candidates = all.filter((k) => (group === undefined || k.group === group) && (version === undefined || k.version === version));
      return (
        candidates.find((k) => k.plural === res || k.singular === res) ??
        candidates.find((k) => (k.shortNames ?? []).includes(res)) ??
        candidates.find((k) => k.kind.toLowerCase() === res)
      );
    };
    const parts = lower.split('.');
    if (parts.length === 1) return match(lower);
    const [res, ...rest] = parts;
    return (
      (rest.length >= 2 ? match(res, rest.slice(1).join('.'), rest[0]) : undefined) ??
      match(res, rest.join('.')) ??
      (rest.length === 1 ? match(res, '', rest[0]) : undefined)
    );
  }
}
