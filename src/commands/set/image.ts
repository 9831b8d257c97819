import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { runPodTemplateUpdate } from './podTemplate.js';

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
  return runPodTemplateUpdate(ctx, {
    resources,
    word: 'image updated',
    failure: 'failed to patch image update to pod template: ',
    update(spec, _obj, report) {
      for (const [name, image] of images) {
        let found = false;
        for (const list of [spec.initContainers ?? [], spec.containers ?? [], spec.ephemeralContainers ?? []])
          for (const c of list as { name: string; image?: string }[])
            if (name === '*' || c.name === name) {
              c.image = image;
              found = true;
            }
        // reported, while the containers that were found still get their image
        if (!found) report(`error: unable to find container named ${JSON.stringify(name)}`);
      }
    },
  });
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
