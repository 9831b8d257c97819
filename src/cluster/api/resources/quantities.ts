import { isQuantity } from '../../meta/quantity.js';
import { badRequest } from '../status.js';
import { canonicalQuantity } from '../../meta/canonicalQuantity.js';

/**
 * resource.Quantity fields are checked while the request body is decoded, before any validation: a bad
 * one fails the whole request with 400 BadRequest, as the API server's decoder does. A good one is kept in
 * its canonical form, as the server stores it (`0.5` becomes `500m`, `1024Mi` becomes `1Gi`).
 */
export function decodeQuantities(kind: string, version: string, lists: (Record<string, unknown> | undefined)[]): void {
  for (const list of lists)
    for (const [k, v] of Object.entries(list ?? {})) {
      const canonical = isQuantity(String(v)) ? canonicalQuantity(String(v)) : undefined;
      if (canonical === undefined)
        throw badRequest(
          `${kind} in version "${version}" cannot be handled as a ${kind}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        );
      list![k] = canonical;
    }
}
