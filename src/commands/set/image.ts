import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { typedOrder } from '../create/goTypes.js';
import { mergePatchBetween } from '../label.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import { selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';

/** polymorphichelpers.UpdatePodSpecForObject: where a kind keeps its pod spec. */
export function podSpecOf(obj: KubeObject): KubeObject | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return obj.spec?.template?.spec;
  }
  return undefined;
}

/** cmdutil.GetResourcesAndPairs: resources first, then `container=image` pairs. */
function resourcesAndPairs(args: string[]): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = s.includes('=') && s[0] !== '=';
    if (pair) pairs.push(s);
    else if (pairs.length) throw new CommandError(`error: all resources must be specified before image changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

/** `set image`: the named containers (or `*`, all of them) get the new image; unchanged objects are passed over. */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const local = f.local === true;
  const { resources, pairs } = resourcesAndPairs(ctx.args);
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  if (!resources.length && !(f.filename as string[]).length && !str(f.kustomize))
    throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!images.size) throw new CommandError('error: at least one image update is required');
  if (images.size > 1 && images.has('*')) throw new CommandError('error: all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: resources, allowAll: true, local });
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
    for (const [name, image] of images) {
      let found = false;
      for (const list of [spec.initContainers ?? [], spec.containers ?? [], spec.ephemeralContainers ?? []])
        for (const c of list as { name: string; image?: string }[])
          if (name === '*' || c.name === name) {
            c.image = image;
            found = true;
          }
      if (!found) errors.push(`unable to find container named ${JSON.stringify(name)}`);
    }
    const patch = mergePatchBetween(s.object, after) as Record<string, unknown>;
    if (!Object.keys(patch).length) continue;
    let result = local ? goRoundTrip(after) : after;
    if (!local && dryRun !== 'client') {
      try {
        result = await client!.patch(s.spec, s.namespace, s.name, 'strategic', strategicImagePatch(after), { dryRun: dryRun === 'server', fieldManager: str(f['field-manager']) });
      } catch (e) {
        if (e instanceof StatusError) {
          errors.push(`failed to patch image update to pod template: ${e.message}`);
          continue;
        }
        throw e;
      }
    }
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} image updated${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [result], true));
  }
  if (errors.length) throw new CommandError(errors.length === 1 ? `error: ${errors[0]}` : `error: [${errors.join(', ')}]`);
  return 0;
}

/**
 * A file's object as kubectl prints it after decoding it into its Go type: the zero values Go writes
 * back (`creationTimestamp: null`, `strategy: {}`, `resources: {}`, `status: {}`), fields in struct order.
 */
export function goRoundTrip(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  out.metadata = { ...out.metadata, creationTimestamp: out.metadata?.creationTimestamp ?? null };
  if (out.kind === 'Deployment') out.spec.strategy ??= {};
  const template = out.kind === 'Pod' ? undefined : out.kind === 'CronJob' ? out.spec?.jobTemplate?.spec?.template : out.spec?.template;
  if (template) template.metadata = { ...template.metadata, creationTimestamp: template.metadata?.creationTimestamp ?? null };
  const spec = podSpecOf(out);
  for (const list of [spec?.initContainers, spec?.containers]) for (const c of (list ?? []) as { resources?: unknown }[]) c.resources ??= {};
  out.status ??= {};
  return typedOrder(out, true);
}

/** The strategic merge patch kubectl sends: the containers by name with their images. */
function strategicImagePatch(obj: KubeObject): unknown {
  const spec = podSpecOf(obj)!;
  const pick = (list?: { name: string; image?: string }[]) => list?.map((c) => ({ name: c.name, image: c.image }));
  const podSpec: Record<string, unknown> = { containers: pick(spec.containers) };
  if (spec.initContainers) podSpec.initContainers = pick(spec.initContainers);
  switch (obj.kind) {
    case 'Pod':
      return { spec: podSpec };
    case 'CronJob':
      return { spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } };
    default:
      return { spec: { template: { spec: podSpec } } };
  }
}

const help = `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
  
  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all
  
  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1
  
  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server
  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml

Usage:
  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'image',
  flags: [
    { name: 'all', usage: "Select all resources, in the namespace of the specified resource types", type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
    { name: 'filename', usage: "Filename, directory, or URL to files identifying the resource to get from a server.", short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'local', usage: "If true, set image will NOT contact api-server but run locally.", type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help,
  run,
};
