import { parseLabelSelector, SelectorParseError } from '../../cluster/meta/selectors.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { NO_RESOURCES, selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';
import { writeChange } from './writeChange.js';

interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

/** metav1.ParseToLabelSelector: requirements sorted by key; `=` and `==` become matchLabels, `!=` is refused. */
function parseToLabelSelector(s: string): LabelSelector {
  let reqs;
  try {
    reqs = parseLabelSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new CommandError(`error: couldn't parse the selector string ${JSON.stringify(s)}: ${e.message}`);
    throw e;
  }
  const out: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  for (const r of [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (r.operator === 'Equals') out.matchLabels[r.key] = r.values[0];
    else if (r.operator === 'NotEquals') throw new CommandError('error: "!=" is not a valid label selector operator');
    else out.matchExpressions.push({ key: r.key, operator: r.operator, values: [...new Set(r.values)].sort() });
  }
  return out;
}

const LOCAL_RESOURCE = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

/**
 * `set selector`: replaces a Service's spec.selector with the label selector in the last argument. The
 * first object that fails stops the command, as its visitor does.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const resources = ctx.args.slice(0, -1);
  const selector = ctx.args.length ? parseToLabelSelector(ctx.args[ctx.args.length - 1]) : undefined;
  const output = outputFormat(ctx);
  if (!selector) throw new CommandError('error: one selector is required');
  const local = f.local === true;
  if (local && resources.length) throw new CommandError(LOCAL_RESOURCE);
  if (local && !(f.filename as string[]).length) throw new CommandError(NO_RESOURCES);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: resources, allowAll: true, local });
  for (const e of sel.errors) throw typeof e === 'string' ? new CommandError(e) : e;
  const resourceVersion = str(f['resource-version']);
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    if (resourceVersion) {
      // the version is always sent: it is cleared from the starting object and set on the changed one
      delete s.object.metadata.resourceVersion;
      after.metadata.resourceVersion = resourceVersion;
    }
    if (after.kind !== 'Service') throw new CommandError('error: setting a selector is only supported for Services');
    if (selector.matchExpressions.length)
      throw new CommandError(`error: match expression [${selector.matchExpressions.map((e) => `{${e.key} ${e.operator} [${e.values.join(' ')}]}`).join(' ')}] not supported on this object`);
    after.spec ??= {};
    if (Object.keys(selector.matchLabels).length) after.spec.selector = { ...selector.matchLabels };
    else delete after.spec.selector;
    await writeChange(ctx, s, after, { client, local, dryRun, output, word: 'selector updated' });
  }
  return 0;
}

const help = `Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.

Examples:
  # Set the labels and selector before creating a deployment/service pair
  kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -
  kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -

Usage:
  kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  { name: 'filename', usage: 'identifying the resource.', short: 'f', type: 'stringSlice' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool', default: true },
  { name: 'resource-version', usage: 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

export const verb: Verb = { name: 'selector', flags, help, run };
