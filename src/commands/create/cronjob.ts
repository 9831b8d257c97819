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

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --image='':
	Image name to run.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --restart='':
	job's restart policy. supported values: OnFailure, Never

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --schedule='':
	A schedule in the Cron format the job should be run with.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
