import { StatusError } from '../../cluster/api/status.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { canonicalQuantity, QUANTITY_ERROR } from '../create/quantity.js';
import { mergePatchBetween } from '../label.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import { NO_RESOURCES, selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';
import { goRoundTrip, podSpecOf } from './image.js';

/** generateversioned.populateResourceListV1: `cpu=200m,memory=512Mi`, each quantity in canonical form. */
function resourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const item of spec.split(',')) {
    const parts = item.split('=');
    if (parts.length !== 2) throw new CommandError(`error: Invalid argument syntax ${item}, expected <resource>=<value>`);
    const q = canonicalQuantity(parts[1]);
    if (q === undefined) throw new CommandError(`error: ${QUANTITY_ERROR}`);
    out[parts[0]] = q;
  }
  return out;
}

/** filepath.Match as selectContainers uses it: `*` and `?` wildcards. */
export function containerMatches(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return re.test(name);
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const local = f.local === true;
  if (!ctx.args.length && !(f.filename as string[]).length && !str(f.kustomize)) throw new CommandError(NO_RESOURCES);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: ctx.args, allowAll: true, local });
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (f.all === true && str(f.selector)) throw new CommandError('error: cannot set --all and --selector at the same time');
  const limits = str(f.limits);
  const requests = str(f.requests);
  if (!limits && !requests) throw new CommandError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  const wanted = { limits: resourceList(limits), requests: resourceList(requests) };
  const selector = str(f.containers);
  const errors: string[] = [];
  for (const e of sel.errors) {
    if (typeof e === 'string') errors.push(e.replace(/^error: /, ''));
    else throw e;
  }
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    const spec = podSpecOf(after);
    if (!spec) {
      errors.push(`${nameOf(s.object)} the object is not a pod or does not have a pod template: *v1.${s.object.kind}`);
      continue;
    }
    const containers = ((spec.containers ?? []) as { name: string; resources?: Record<string, Record<string, string>> }[]).filter((c) => containerMatches(selector, c.name));
    if (!containers.length) {
      errors.push(`unable to find container named ${selector}`);
      continue;
    }
    for (const c of containers)
      for (const kind of ['limits', 'requests'] as const)
        if (Object.keys(wanted[kind]).length) c.resources = { ...c.resources, [kind]: { ...c.resources?.[kind], ...wanted[kind] } };
    const patch = mergePatchBetween(s.object, after) as Record<string, unknown>;
    if (!Object.keys(patch).length) continue;
    let result = local ? goRoundTrip(after) : after;
    if (!local && dryRun !== 'client') {
      try {
        result = await client!.patch(s.spec, s.namespace, s.name, 'merge', patch, { dryRun: dryRun === 'server', fieldManager: str(f['field-manager']) });
      } catch (e) {
        if (e instanceof StatusError) {
          errors.push(`failed to patch resources update to pod template ${e.message}`);
          continue;
        }
        throw e;
      }
    }
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' && !local ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} resource requirements updated${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [result], true));
  }
  if (errors.length) throw new CommandError(errors.length === 1 ? `error: ${errors[0]}` : `error: [${errors.join(', ')}]`);
  return 0;
}

const help = `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..

Examples:
  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi
  
  # Set the resource request and limits for all containers in nginx
  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi
  
  # Remove the resource requests for resources on containers in nginx
  kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0
  
  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
  kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml

Options:
    --all=false:
	Select all resources, in the namespace of the specified resource types

    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    -c, --containers='*':
	The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-set':
	Name of the manager used to track field ownership.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to get from a server.

    -k, --kustomize='':
	Process the kustomization directory. This flag can't be used together with -f or -R.

    --limits='':
	The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.

    --local=false:
	If true, set resources will NOT contact api-server but run locally.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    --requests='':
	The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

Usage:
  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'resources',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'containers', short: 'c', type: 'string', default: '*' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'limits', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'requests', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help,
  run,
};
