import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { apiVersionOf } from '../cluster/api/resources/kindSpec.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { TabWriter } from './printers/tabwriter.js';
import { CommandError, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const flags: FlagSpec[] = [
  { name: 'api-group', type: 'string' },
  { name: 'cached', type: 'bool' },
  { name: 'categories', type: 'stringSlice' },
  { name: 'namespaced', type: 'bool', default: true },
  { name: 'no-headers', type: 'bool' },
  { name: 'output', usage: "Output format. One of: (wide, name).", short: 'o', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'verbs', type: 'stringSlice' },
];

interface ApiResourcesOptions {
  output: string;
  apiGroup?: string;
  namespaced?: boolean;
  verbs: string[];
  categories: string[];
  sortBy: string;
  noHeaders: boolean;
}

function complete(ctx: CommandContext): ApiResourcesOptions {
  if (ctx.args.length) throw new UsageError(`unexpected arguments: [${ctx.args.join(' ')}]`);
  const f = ctx.flags;
  const output = str(f.output);
  if (output !== '' && output !== 'wide' && output !== 'name') throw new CommandError(`error: --output ${output} is not available`);
  const sortBy = str(f['sort-by']);
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw new CommandError('error: --sort-by accepts only name or kind');
  return {
    output,
    // --api-group and --namespaced filter only when given; --api-group="" means the core group
    apiGroup: ctx.changed.has('api-group') ? str(f['api-group']) : undefined,
    namespaced: ctx.changed.has('namespaced') ? f.namespaced === true : undefined,
    verbs: f.verbs as string[],
    categories: f.categories as string[],
    sortBy,
    noHeaders: f['no-headers'] === true,
  };
}

function verbsOf(k: KindSpec): string[] {
  return [...(k.verbs ?? ALL_VERBS)].sort();
}

/** Discovery order: the core group first, then groups alphabetically, resources by name in each. */
function discoveryOrder(a: KindSpec, b: KindSpec): number {
  if (a.group !== b.group) return a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1;
  return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
}

/** `kubectl api-resources`: the served resources, from the API server's kinds. */
async function run(ctx: CommandContext): Promise<number> {
  const o = complete(ctx);
  const client = await ctx.client();
  let kinds = client.kinds
    .all()
    .filter((k) => o.apiGroup === undefined || k.group === o.apiGroup)
    .filter((k) => o.namespaced === undefined || k.namespaced === o.namespaced)
    .filter((k) => o.verbs.every((v) => verbsOf(k).includes(v)))
    .filter((k) => o.categories.every((c) => (k.categories ?? []).includes(c)))
    .sort(discoveryOrder);
  if (o.sortBy === 'name') kinds = [...kinds].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  if (o.sortBy === 'kind') kinds = [...kinds].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  if (o.output === 'name') {
    ctx.io.out(kinds.map((k) => `${k.group ? `${k.plural}.${k.group}` : k.plural}\n`).join(''));
    return 0;
  }
  const wide = o.output === 'wide';
  const rows = kinds.map((k) => {
    const row = [k.plural, (k.shortNames ?? []).join(','), apiVersionOf(k), String(k.namespaced), k.kind];
    if (wide) row.push(verbsOf(k).join(','), (k.categories ?? []).join(','));
    return row;
  });
  if (!o.noHeaders) rows.unshift(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
  ctx.io.out(new TabWriter().format(rows));
  return 0;
}

const help = `Print the supported API resources on the server.

Examples:
  # Print the supported API resources
  kubectl api-resources
  
  # Print the supported API resources with more information
  kubectl api-resources -o wide
  
  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name
  
  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true
  
  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false
  
  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io

Usage:
  kubectl api-resources [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'api-resources', flags, help, run };
