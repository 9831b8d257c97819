import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const ns = { kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta({ name: o.name }), spec: {}, status: {} } as unknown as KubeObject;
  // kubectl returns the server's error unwrapped here
  return createGenerated(ctx, o, ns);
}

export const verb: Verb = {
  name: 'namespace',
  aliases: ['ns'],
  flags: generatorFlags(),
  help: `Create a namespace with the specified name.

Aliases:
namespace, ns

Examples:
  # Create a new namespace named my-namespace
  kubectl create namespace my-namespace

Usage:
  kubectl create namespace NAME [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
