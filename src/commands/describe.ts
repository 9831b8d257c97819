import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { parseResourceArgs } from './util/resourceArgs.js';
import { checkFilenameOptions } from './util/manifests.js';
import type { Verb } from './verb.js';

interface DescribeOptions {
  args: string[];
  filenames: string[];
  /** -k DIR */
  kustomize: string;
  recursive: boolean;
  selector: string;
  allNamespaces: boolean;
  namespace: string;
  showEvents: boolean;
}

/** One object to describe, as the resource builder found it. */
interface Info {
  spec: KindSpec;
  object: KubeObject;
}

const flags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files containing the resource to describe' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
];

function complete(ctx: CommandContext): DescribeOptions {
  const f = ctx.flags;
  const filenames = (f.filename as string[] | undefined) ?? [];
  if (!ctx.args.length && !filenames.length && !str(f.kustomize))
    throw new CommandError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  checkFilenameOptions(filenames, str(f.kustomize), false);
  return {
    args: ctx.args,
    filenames,
    kustomize: str(f.kustomize),
    recursive: f.recursive === true,
    selector: str(f.selector),
    allNamespaces: f['all-namespaces'] === true,
    namespace: ctx.namespace,
    showEvents: f['show-events'] !== false,
  };
}

/** The resource builder (ContinueOnError): objects from -f, TYPE NAME..., TYPE/NAME..., or TYPE [-l] lists. */
async function collect(ctx: CommandContext, client: Client, o: DescribeOptions): Promise<{ infos: Info[]; errors: (string | StatusError)[] }> {
  const infos: Info[] = [];
  const errors: (string | StatusError)[] = [];
  const getOne = (spec: KindSpec, ns: string | undefined, name: string) => {
    try {
      infos.push({ spec, object: client.get(spec, ns, name) });
    } catch (e) {
      if (e instanceof StatusError) errors.push(e);
      else throw e;
    }
  };
  if (o.filenames.length || o.kustomize) {
    if (o.args.length) throw new CommandError(`error: Unexpected args: [${o.args.join(' ')}]`);
    const { readManifests, mapManifest } = await import('./util/manifests.js');
    for (const m of await readManifests(ctx.io, o.filenames, { recursive: o.recursive, kustomize: o.kustomize || undefined })) {
      if (!m.object) {
        errors.push(m.error ?? '');
        continue;
      }
      const mapped = mapManifest(client.kinds, m, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
      if ('error' in mapped) errors.push(mapped.error);
      else getOne(mapped.spec, mapped.namespace, mapped.object.metadata.name ?? '');
    }
    return { infos, errors };
  }
  const requests = parseResourceArgs(client.kinds, o.args);
  if (requests.some((r) => r.names.length)) {
    // the builder's checks on names, in its order
    if (o.selector)
      throw new CommandError(o.args.some((a) => a.includes('/')) ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
    if (o.allNamespaces) throw new CommandError('error: a resource cannot be retrieved by name across all namespaces');
  }
  for (const req of requests) {
    const ns = req.spec.namespaced ? o.namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) getOne(req.spec, ns, name);
      continue;
    }
    const listNs = req.spec.namespaced && !o.allNamespaces ? o.namespace : undefined;
    for (const object of client.list(req.spec, listNs, { labelSelector: o.selector }).items) infos.push({ spec: req.spec, object });
  }
  return { infos, errors };
}

async function run(ctx: CommandContext): Promise<number> {
  const o = complete(ctx);
  const client = await ctx.client();
  const { describeObject } = await import('./printers/describe/index.js');
  const describe = (info: Info) => describeObject(info.spec.group, info.object, { client, now: client.now(), showEvents: o.showEvents });
  const { infos, errors } = await collect(ctx, client, o);
  // `describe TYPE NAME_PREFIX`: no object has that exact name, so every one whose name starts with it
  // (a single error only: several come back as one aggregate, which is not a NotFound)
  const notFound = errors.length === 1 && errors[0] instanceof StatusError && errors[0].reason === 'NotFound' ? errors[0] : undefined;
  if (notFound && o.args.length === 2 && !o.filenames.length && !o.kustomize) {
    const types = parseResourceArgs(client.kinds, [o.args[0]]);
    if (types.length !== 1) throw new CommandError('error: you may only specify a single resource type');
    const [req] = types;
    const ns = req.spec.namespaced ? o.namespace : undefined;
    const matches = client.list(req.spec, ns).items.filter((obj) => (obj.metadata.name ?? '').startsWith(o.args[1]));
    if (!matches.length) return reportErrors(ctx.io, [notFound]);
    for (const object of matches) ctx.io.out(`${describe({ spec: req.spec, object })}\n`);
    return 0;
  }
  let first = true;
  for (const info of infos) {
    const s = describe(info);
    ctx.io.out(first ? s : `\n\n${s}`);
    first = false;
  }
  if (!infos.length && !errors.length) ctx.io.err(o.allNamespaces ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n`);
  return errors.length ? reportErrors(ctx.io, errors) : 0;
}

const help = `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
  
  # Describe a pod
  kubectl describe pods/nginx
  
  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json
  
  # Describe all pods
  kubectl describe pods
  
  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel
  
  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'describe', flags, help, run };
