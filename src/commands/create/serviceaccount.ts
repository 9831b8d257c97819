import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const sa = {
    kind: 'ServiceAccount',
    apiVersion: 'v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
  } as unknown as KubeObject;
  return createGenerated(ctx, o, sa, 'failed to create serviceaccount: ');
}

export const verb: Verb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  flags: generatorFlags(),
  help: `Create a service account with the specified name.

Aliases:
serviceaccount, sa

Examples:
  # Create a new service account named my-service-account
  kubectl create serviceaccount my-service-account

Usage:
  kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
