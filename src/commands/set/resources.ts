import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { resourceList } from '../create/quota.js';
import { CommandError } from '../util/errors.js';
import { NO_RESOURCES } from '../util/select.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { podTemplateFlags, runPodTemplateUpdate, selectContainers } from './podTemplate.js';

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  if (!ctx.args.length && !(f.filename as string[]).length && !str(f.kustomize))
    // unlike set image and set env, the resource builder itself refuses an empty selection
    throw new CommandError(NO_RESOURCES);
  if (f.all === true && str(f.selector)) throw new CommandError('error: cannot set --all and --selector at the same time');
  const limitsText = str(f.limits);
  const requestsText = str(f.requests);
  if (!limitsText && !requestsText) throw new CommandError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = resourceList(limitsText) ?? {};
  const requests = resourceList(requestsText) ?? {};
  const pattern = str(f.containers);
  return runPodTemplateUpdate(ctx, {
    resources: ctx.args,
    word: 'resource requirements updated',
    failure: 'failed to patch resources update to pod template ',
    update(podSpec: KubeObject) {
      const containers = [...selectContainers(podSpec.containers, pattern), ...selectContainers(podSpec.initContainers, pattern)];
      if (!containers.length) return `unable to find container named ${pattern}`;
      for (const c of containers) {
        c.resources ??= {};
        if (limitsText) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (requestsText) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
    },
  });
}

const flags: FlagSpec[] = [
  ...podTemplateFlags({
    all: "Select all resources, in the namespace of the specified resource types",
    containers: "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards",
    filename: "Filename, directory, or URL to files identifying the resource to get from a server.",
    local: "If true, set resources will NOT contact api-server but run locally.",
  }),
  { name: 'limits', type: 'string', usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
  { name: 'requests', type: 'string', usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
];

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

Usage:
  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'resources', flags, help, run };
