import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import type { Verb } from '../verb.js';
import { commandArgs, completeGenerator, container, createGenerated, generatorFlags, objectMeta } from './generator.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const command = commandArgs(ctx);
  // kubectl passes --restart through unchecked; the API server validates it
  const restart = str(ctx.flags.restart) || 'OnFailure';
  const cronjob = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
    spec: {
      schedule: str(ctx.flags.schedule),
      jobTemplate: {
        metadata: objectMeta({ name: o.name }),
        spec: {
          template: {
            metadata: objectMeta({}),
            spec: { containers: [container({ name: o.name, image: str(ctx.flags.image), command })], restartPolicy: restart },
          },
        },
      },
    },
    status: {},
  } as unknown as KubeObject;
  return createGenerated(ctx, o, cronjob, 'failed to create cronjob: ');
}

export const verb: Verb = {
  name: 'cronjob',
  aliases: ['cj'],
  flags: [
    ...generatorFlags(),
    { name: 'image', type: 'string', required: true },
    { name: 'restart', type: 'string' },
    { name: 'schedule', type: 'string', required: true },
  ],
  help: `Create a cron job with the specified name.

Aliases:
cronjob, cj

Examples:
  # Create a cron job
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"
  
  # Create a cron job with a command
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date

Usage:
  kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
