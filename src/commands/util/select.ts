import { KindRegistry } from '../../cluster/api/registry.js';
import type { KindSpec } from '../../cluster/api/resources/kindSpec.js';
import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from './errors.js';
import { mapManifest, readManifests } from './manifests.js';
import { parseResourceArgs } from './resourceArgs.js';

/** the resource builder's error when neither arguments nor files name anything */
export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** One object a verb acts on: its kind, where it lives, the live object, and the file it came from. */
export interface Selected {
  spec: KindSpec;
  namespace: string | undefined;
  name: string;
  /** the live object, or the object from the file for --local */
  object: KubeObject;
  /** the -f file, '' for objects named on the command line */
  source: string;
}

export interface Selection {
  items: Selected[];
  /** per-object errors: the builder goes on past them (ContinueOnError) */
  errors: (string | StatusError)[];
  /** true when the objects came from listing a type (-l, --all), so an empty result is "No resources found" */
  listed: boolean;
}

export interface SelectOptions {
  /** `--all` is a flag of this verb */
  allowAll?: boolean;
  /** `-A` */
  allNamespaces?: boolean;
  /** --local: objects from -f are used as they are, without the server */
  local?: boolean;
  /** positional args that are not resources (label's k=v) were already taken out */
  args?: string[];
  /**
   * false: objects named by argument or file are not fetched (the builder's RequireObject(false), as
   * delete does); `object` is then the file's object or a bare stub
   */
  fetch?: boolean;
  /** objects from files are used as the files have them, not read again from the server (a builder without Latest()) */
  filesAsRead?: boolean;
}

/**
 * kubectl's resource builder for verbs that act on existing objects: `TYPE NAME...`, `TYPE/NAME...`,
 * `TYPE -l SEL`, `TYPE --all`, `-f FILE`, in the namespace in effect (or all with -A).
 */
export async function selectResources(ctx: CommandContext, client: Client | undefined, opts: SelectOptions = {}): Promise<Selection> {
  const f = ctx.flags;
  const args = opts.args ?? ctx.args;
  const filenames = (f.filename as string[] | undefined) ?? [];
  const kustomize = str(f.kustomize);
  const selector = str(f.selector);
  const fieldSelector = str(f['field-selector']);
  const all = opts.allowAll === true && f.all === true;
  const out: Selection = { items: [], errors: [], listed: false };
  if (filenames.length || kustomize) {
    if (args.length) throw new CommandError(`error: Unexpected args: [${args.join(' ')}]`);
    const manifests = await readManifests(ctx.io, filenames, { recursive: f.recursive === true, kustomize });
    for (const m of manifests) {
      if (!m.object) {
        out.errors.push(m.error ?? '');
        continue;
      }
      // --local maps kinds without a server (the built-in ones) and leaves the object as the file has it
      const kinds = client && !opts.local ? client.kinds : new KindRegistry();
      const mapped = mapManifest(kinds, m, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
      if ('error' in mapped) {
        out.errors.push(mapped.error);
        continue;
      }
      if (opts.local || !client) {
        const obj = structuredClone(m.object);
        obj.metadata ??= {};
        out.items.push({ spec: mapped.spec, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '', object: obj, source: m.source });
        continue;
      }
      const name = mapped.object.metadata.name ?? '';
      if (opts.fetch === false || opts.filesAsRead) {
        out.items.push({ spec: mapped.spec, namespace: mapped.namespace, name, object: mapped.object, source: m.source });
        continue;
      }
      try {
        const live = client.get(mapped.spec, mapped.namespace, name);
        out.items.push({ spec: mapped.spec, namespace: mapped.namespace, name, object: live, source: m.source });
      } catch (e) {
        if (e instanceof StatusError) out.errors.push(e);
        else throw e;
      }
    }
    return out;
  }
  if (!client) throw new CommandError('error: you must specify resources by --filename when --local is set.');
  if (!args.length) throw new CommandError(NO_RESOURCES);
  const requests = parseResourceArgs(client.kinds, args);
  const byName = requests.some((r) => r.names.length);
  if (!byName && !selector && !all && !fieldSelector) throw new CommandError('error: resource(s) were provided, but no name was specified');
  for (const req of requests) {
    const ns = req.spec.namespaced ? ctx.namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) {
        if (opts.fetch === false) {
          const stub = { apiVersion: req.spec.group ? `${req.spec.group}/${req.spec.version}` : req.spec.version, kind: req.spec.kind, metadata: { name, namespace: ns } };
          out.items.push({ spec: req.spec, namespace: ns, name, object: stub, source: '' });
          continue;
        }
        try {
          out.items.push({ spec: req.spec, namespace: ns, name, object: client.get(req.spec, ns, name), source: '' });
        } catch (e) {
          if (e instanceof StatusError) out.errors.push(e);
          else throw e;
        }
      }
      continue;
    }
    out.listed = true;
    const listNs = req.spec.namespaced ? (opts.allNamespaces ? undefined : ns) : undefined;
    for (const obj of client.list(req.spec, listNs, { labelSelector: selector, fieldSelector }).items)
      out.items.push({ spec: req.spec, namespace: obj.metadata.namespace, name: obj.metadata.name!, object: obj, source: '' });
  }
  return out;
}

/** The objects alone, for verbs that stop at the first error. */
export async function selectObjects(ctx: CommandContext, opts: SelectOptions = {}): Promise<KubeObject[]> {
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, opts);
  if (sel.errors.length) {
    const e = sel.errors[0];
    throw typeof e === 'string' ? new CommandError(e) : e;
  }
  return sel.items.map((s) => s.object);
}
