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

Usage:
  kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
