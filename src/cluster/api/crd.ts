import type { KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { age } from '../meta/duration.js';
import { crdTable, validateAgainstSchema } from './crdSchema.js';

/**
 * Turns a stored CustomResourceDefinition into the KindSpec of the resource it defines, so that custom
 * resources are served like built-in ones (get, apply, delete, -o, -w).
 */
export function kindFromCRD(crd: KubeObject): KindSpec | undefined {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return undefined;
  const versions: KubeObject[] = spec.versions ?? [];
  const version = versions.find((v) => v.storage) ?? versions.find((v) => v.served) ?? versions[0];
  if (!version) return undefined;
  const schema = version.schema?.openAPIV3Schema;
  const hasStatus = !!version.subresources?.status;
  return {
    group: spec.group,
    version: version.name,
    kind: names.kind,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    namespaced: spec.scope !== 'Cluster',
    custom: true,
    generation: true,
    statusSubresource: hasStatus,
    validate: (obj) => (schema ? validateAgainstSchema(obj, schema) : []),
    table: crdTable(version.additionalPrinterColumns ?? [], age),
  };
}
