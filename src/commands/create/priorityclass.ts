import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const pc: Record<string, unknown> = {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: objectMeta({ name: o.name }),
    value: ctx.flags.value as number,
  };
  if (ctx.flags['global-default'] === true) pc.globalDefault = true;
  if (str(ctx.flags.description)) pc.description = str(ctx.flags.description);
  pc.preemptionPolicy = str(ctx.flags['preemption-policy']);
  return createGenerated(ctx, o, pc as unknown as KubeObject, 'failed to create priorityclass: ');
}

export const verb: Verb = {
  name: 'priorityclass',
  aliases: ['pc'],
  flags: [
    ...generatorFlags(),
    { name: 'description', type: 'string' },
    { name: 'global-default', type: 'bool' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' },
    { name: 'value', type: 'int', default: 0 },
  ],
  help: `Create a priority class with the specified name, value, globalDefault and description.

Aliases:
priorityclass, pc

Examples:
  # Create a priority class named high-priority
  kubectl create priorityclass high-priority --value=1000 --description="high priority"
  
  # Create a priority class named default-priority that is considered as the global default priority
  kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"
  
  # Create a priority class named high-priority that cannot preempt pods with lower priority
  kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --description='':
	description is an arbitrary string that usually provides guidelines on when this priority class should be used.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --global-default=false:
	global-default specifies whether this PriorityClass should be considered as the default priority.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --preemption-policy='PreemptLowerPriority':
	preemption-policy is the policy for preempting pods with lower priority.

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

    --value=0:
	the value of this priority class.

Usage:
  kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
