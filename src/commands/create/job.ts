import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import { parseResourceArgs } from '../util/resourceArgs.js';
import type { Verb } from '../verb.js';
import { commandArgs, completeGenerator, container, createGenerated, generatorFlags, objectMeta, type GeneratorOptions } from './generator.js';

/** `create job NAME --from=cronjob/CJ`: the cronjob's job template, owned by the cronjob, marked manual. */
async function jobFromCronJob(ctx: CommandContext, o: GeneratorOptions, from: string): Promise<KubeObject> {
  const client = await ctx.client();
  const [req] = parseResourceArgs(client.kinds, [from]);
  if (!req.names.length) throw new CommandError('error: resource(s) were provided, but no name was specified');
  if (req.names.length !== 1) throw new CommandError('error: from must be an existing cronjob');
  const found = client.get(req.spec, req.spec.namespaced ? o.namespace : undefined, req.names[0]);
  if (found.kind !== 'CronJob') throw new CommandError(`error: unknown object type *${req.spec.version}.${found.kind}`);
  const template = ((found.spec as Record<string, unknown>)?.jobTemplate ?? {}) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  const metadata = objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, labels: template.metadata?.labels, annotations });
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: found.metadata.name, uid: found.metadata.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: structuredClone(template.spec ?? {}), status: {} } as unknown as KubeObject;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const command = commandArgs(ctx);
  const image = str(ctx.flags.image);
  const from = str(ctx.flags.from);
  if ((!image && !from) || (image && from)) throw new CommandError('error: either --image or --from must be specified');
  if (command.length && from) throw new CommandError('error: cannot specify --from and command');
  const job = image
    ? ({
        kind: 'Job',
        apiVersion: 'batch/v1',
        metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
        spec: { template: { metadata: objectMeta({}), spec: { containers: [container({ name: o.name, image, command })], restartPolicy: 'Never' } } },
        status: {},
      } as unknown as KubeObject)
    : await jobFromCronJob(ctx, o, from);
  return createGenerated(ctx, o, job, 'failed to create job: ');
}

export const verb: Verb = {
  name: 'job',
  flags: [...generatorFlags(), { name: 'from', type: 'string' }, { name: 'image', type: 'string' }],
  help: `Create a job with the specified name.

Examples:
  # Create a job
  kubectl create job my-job --image=busybox
  
  # Create a job with a command
  kubectl create job my-job --image=busybox -- date
  
  # Create a job from a cron job named "a-cronjob"
  kubectl create job test-job --from=cronjob/a-cronjob

Usage:
  kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
