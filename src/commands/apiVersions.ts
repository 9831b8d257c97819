import type { CommandContext } from './context.js';
import { apiVersionOf } from '../cluster/api/resources/kindSpec.js';
import { CommandError } from './util/errors.js';
import type { Verb } from './verb.js';

/** `kubectl api-versions`: every served group/version once, sorted as plain strings (so `v1` comes last). */
async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) throw new CommandError(`Error: unexpected arguments: [${ctx.args.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`);
  const client = await ctx.client();
  const versions = [...new Set(client.kinds.all().map(apiVersionOf))].sort();
  ctx.io.out(versions.map((v) => `${v}\n`).join(''));
  return 0;
}

const help = `Print the supported API versions on the server, in the form of "group/version".

Examples:
  # Print the supported API versions
  kubectl api-versions

Usage:
  kubectl api-versions [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'api-versions', flags: [], help, run };
