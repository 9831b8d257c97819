import { isQuantity } from '../../meta/quantity.js';
import { badRequest } from '../status.js';

/**
 * resource.Quantity fields are checked while the request body is decoded, before any validation:
 * a bad one fails the whole request with 400 BadRequest, as the API server's decoder does.
 */
export function decodeQuantities(kind: string, version: string, lists: (Record<string, unknown> | undefined)[]): void {
  for (const list of lists)
    for (const v of Object.values(list ?? {}))
      if (typeof v !== 'number' && !isQuantity(String(v)))
        throw badRequest(
          `${kind} in version "${version}" cannot be handled as a ${kind}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        );
}
