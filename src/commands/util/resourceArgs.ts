import type { KindRegistry } from '../../cluster/api/registry.js';
import type { KindSpec } from '../../cluster/api/resources/kindSpec.js';
import { CommandError } from './errors.js';

/** One requested kind with the names asked for (none: all of them). */
export interface ResourceRequest {
  spec: KindSpec;
  names: string[];
}

/** Resolves one TYPE word the way kubectl's RESTMapper does, with its error for an unknown type. */
export function resolveType(kinds: KindRegistry, word: string): KindSpec {
  const spec = kinds.resolve(word);
  if (!spec) throw new CommandError(`error: the server doesn't have a resource type "${word}"`);
  return spec;
}

/** The kinds `all` stands for, in discovery order. */
export function expandCategory(kinds: KindRegistry, category: string): KindSpec[] {
  return kinds.all().filter((k) => (k.categories ?? []).includes(category));
}

/**
 * kubectl's argument forms: `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2 [NAME...]`, `TYPE/NAME...` (mixed
 * types allowed), and the category `all`. Requests for the same kind are merged in first-seen order.
 */
export function parseResourceArgs(kinds: KindRegistry, args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const requests: ResourceRequest[] = [];
  const add = (spec: KindSpec, name?: string) => {
    let r = requests.find((x) => x.spec === spec);
    if (!r) requests.push((r = { spec, names: [] }));
    if (name !== undefined) r.names.push(name);
  };
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0)
        throw new CommandError(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!name) throw new CommandError(`error: arguments in resource/name form must have a single resource and name`);
      add(resolveType(kinds, type), name);
    }
    return requests;
  }
  const [types, ...names] = args;
  for (const t of types.split(',')) {
    if (t === '') continue;
    const specs = t === 'all' ? expandCategory(kinds, 'all') : [resolveType(kinds, t)];
    for (const spec of specs) {
      if (names.length) for (const n of names) add(spec, n);
      else add(spec);
    }
  }
  return requests;
}
