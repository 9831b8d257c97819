import type { KubeObject } from '../cluster/api/types.js';
import { StatusError } from '../cluster/api/status.js';
import { isValidLabelValue } from '../cluster/api/validation.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, outputFormat, type DryRunStrategy } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { selectResources } from './util/select.js';
import type { Verb } from './verb.js';

/** What differs between label and annotate: the metadata map they edit, their words and their checks. */
export interface MetaMapVerb {
  name: 'label' | 'annotate';
  field: 'labels' | 'annotations';
  /** the word for "label" in messages (GetResourcesAndPairs) */
  pairType: string;
  /** parses `k=v` and `k-` arguments with the verb's own rules and errors */
  parse(args: string[]): { set: Map<string, string>; remove: string[] };
  /** throws when --overwrite is false and a key would change */
  checkOverwrite(current: Record<string, string>, set: Map<string, string>): void;
  /** the success word: labeled/unlabeled/not labeled, or annotated */
  message(before: KubeObject, after: KubeObject, overwrite: boolean): string;
  /** `label "x" not found.` before a removal of an absent key (label only) */
  reportAbsent: boolean;
  noUpdates: string;
}

/** The words label's and annotate's help use for their own flags. */
export interface MetaMapUsage {
  all: string;
  filename: string;
  list: string;
  local: string;
  overwrite: string;
  'resource-version': string;
}

export function metaMapFlags(fieldManager: string, usage: MetaMapUsage): FlagSpec[] {
  return [
    { name: 'all', usage: usage.all, type: 'bool' },
    { name: 'all-namespaces', usage: 'If true, check the specified action in all namespaces.', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: fieldManager },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', usage: usage.filename, short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'list', usage: usage.list, type: 'bool' },
    { name: 'local', usage: usage.local, type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'overwrite', usage: usage.overwrite, type: 'bool' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'resource-version', usage: usage['resource-version'], type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ];
}

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs. */
function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (pair) pairs.push(s);
    else if (pairs.length) throw new CommandError(`error: all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** label's and annotate's shared Run: edit the map, send the difference as a merge patch, print. */
export async function runMetaMap(ctx: CommandContext, v: MetaMapVerb): Promise<number> {
  const f = ctx.flags;
  const dryRun: DryRunStrategy = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const { resources, pairs } = resourcesAndPairs(ctx.args, v.pairType);
  const { set, remove } = v.parse(pairs);
  const local = f.local === true;
  const list = f.list === true;
  const filenames = f.filename as string[];
  const all = f.all === true;
  if (all && str(f.selector)) throw new CommandError('error: cannot set --all and --selector at the same time');
  if (all && str(f['field-selector'])) throw new CommandError('error: cannot set --all and --field-selector at the same time');
  if (local) {
    if (dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length) throw new CommandError('error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set');
    if (!filenames.length) throw new CommandError('error: one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json');
  } else if (!resources.length && !filenames.length)
    throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!set.size && !remove.length && !list) throw new CommandError(`error: ${v.noUpdates}`);
  const overwrite = f.overwrite === true;
  const resourceVersion = str(f['resource-version']);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: resources, allowAll: true, allNamespaces: f['all-namespaces'] === true, local });
  const single = sel.items.length === 1 && !sel.listed;
  if (resourceVersion && !single) throw new CommandError('error: --resource-version may only be used with a single resource');
  const errors: (string | StatusError)[] = [...sel.errors];
  const printed: KubeObject[] = [];
  for (const s of sel.items) {
    const before = structuredClone(s.object);
    if (resourceVersion) delete before.metadata.resourceVersion;
    const after = structuredClone(before);
    const current = { ...((before.metadata[v.field] as Record<string, string>) ?? {}) };
    try {
      if (!overwrite) v.checkOverwrite(current, set);
    } catch (e) {
      errors.push((e as CommandError).message);
      continue;
    }
    if (list) {
      ctx.io.out(Object.keys(current).sort().map((k) => `${k}=${current[k]}\n`).join(''));
      continue;
    }
    if (v.reportAbsent && !local && dryRun !== 'client') for (const k of remove) if (!(k in current)) ctx.io.out(`${v.name} ${JSON.stringify(k)} not found.\n`);
    const next = { ...current };
    for (const [k, val] of set) next[k] = val;
    for (const k of remove) delete next[k];
    after.metadata[v.field] = next;
    if (resourceVersion) after.metadata.resourceVersion = resourceVersion;
    const word = v.message(before, after, overwrite);
    let result = after;
    if (!local && dryRun !== 'client') {
      const patch = mergePatchBetween(before, after);
      try {
        result = await client!.patch(s.spec, s.namespace, s.name, 'merge', patch, { dryRun: dryRun === 'server', fieldManager: str(f['field-manager']) });
      } catch (e) {
        if (e instanceof StatusError) {
          errors.push(e);
          continue;
        }
        throw e;
      }
    }
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} ${word}${suffix}\n`);
    } else if (output.kind === 'name') ctx.io.out(await printObjects(output, [result], true));
    else printed.push(result);
  }
  for (const obj of printed) ctx.io.out(await printObjects(output, [obj], true));
  if (errors.length) return reportErrors(ctx.io, errors);
  return 0;
}

/** jsonpatch.CreateMergePatch: the RFC 7386 patch that turns `from` into `to`. */
export function mergePatchBetween(from: unknown, to: unknown): unknown {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(from) || !isObj(to)) return to;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
  for (const [k, val] of Object.entries(to)) {
    if (!(k in from)) out[k] = val;
    else if (!sameJSON(from[k], val)) {
      if (isObj(from[k]) && isObj(val)) {
        const sub = mergePatchBetween(from[k], val) as Record<string, unknown>;
        // an object emptied into {} must still be sent as {}
        out[k] = Object.keys(sub).length || Object.keys(val).length ? sub : val;
      } else out[k] = val;
    }
  }
  return out;
}

const labelVerb: MetaMapVerb = {
  name: 'label',
  field: 'labels',
  pairType: 'label',
  reportAbsent: true,
  noUpdates: 'at least one label update is required',
  parse(args) {
    const set = new Map<string, string>();
    const remove: string[] = [];
    for (const spec of args) {
      if (spec.includes('=')) {
        const parts = spec.split('=');
        if (parts.length !== 2) throw new CommandError(`error: invalid label spec: ${spec}`);
        const errs = isValidLabelValue(parts[1]);
        if (errs.length) throw new CommandError(`error: invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
        set.set(parts[0], parts[1]);
      } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
      else throw new CommandError(`error: unknown label spec: ${spec}`);
    }
    if (remove.some((k) => set.has(k))) throw new CommandError('error: can not both modify and remove a label in the same command');
    return { set, remove };
  },
  checkOverwrite(current, set) {
    const errs: string[] = [];
    for (const [k, val] of set)
      if (k in current && current[k] !== val) errs.push(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
    if (errs.length) throw new CommandError(errs.length === 1 ? `error: ${errs[0]}` : `error: [${errs.join(', ')}]`);
  },
  message(before, after, overwrite) {
    const a = JSON.stringify(before);
    const b = JSON.stringify(after);
    if (a === b) return 'not labeled';
    return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
  },
};

async function run(ctx: CommandContext): Promise<number> {
  return runMetaMap(ctx, labelVerb);
}

const help = `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.

Examples:
  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true
  
  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy
  
  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy
  
  # Update a pod identified by the type and name in "pod.json"
  kubectl label -f pod.json status=unhealthy
  
  # Update pod 'foo' only if the resource is unchanged from version 1
  kubectl label pods foo status=unhealthy --resource-version=1
  
  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-

Usage:
  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags = metaMapFlags('kubectl-label', {
  all: 'Select all resources, in the namespace of the specified resource types',
  filename: 'Filename, directory, or URL to files identifying the resource to update the labels',
  list: 'If true, display the labels for a given resource.',
  local: 'If true, label will NOT contact api-server but run locally.',
  overwrite: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
  'resource-version': 'If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
});

export const verb: Verb = { name: 'label', flags, help, run };
