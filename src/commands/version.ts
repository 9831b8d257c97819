import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

/** The build kubecadet presents itself as, client and server alike: a stock kubectl v1.32.4. */
const BUILD = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: `${process.platform === 'win32' ? 'windows' : process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};
const KUSTOMIZE = 'v5.5.0';

/** The simulated API server's build: the same release, on linux/amd64 (its /version). */
export function serverBuild(): typeof BUILD {
  return { ...BUILD, platform: 'linux/amd64' };
}

const flags: FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', usage: "One of 'yaml' or 'json'.", short: 'o', type: 'string' },
];

async function run(ctx: CommandContext): Promise<number> {
  const output = str(ctx.flags.output);
  if (output !== '' && output !== 'yaml' && output !== 'json') throw new CommandError("error: --output must be 'yaml' or 'json'");
  const clientOnly = ctx.flags.client === true;
  // the server is the simulated cluster: it answers with the same build
  const server = clientOnly ? undefined : (await ctx.client(), serverBuild());
  const info: Record<string, unknown> = { clientVersion: BUILD, kustomizeVersion: KUSTOMIZE };
  if (server) info.serverVersion = server;
  if (output === 'json') {
    // kubectl marshals its typed struct: field order kept, 2-space indent
    ctx.io.out(`${JSON.stringify(info, null, 2)}\n`);
  } else if (output === 'yaml') {
    const { toYAML } = await import('./printers/yaml.js');
    ctx.io.out(`${toYAML(info)}\n`);
  } else {
    let text = `Client Version: ${BUILD.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n`;
    if (server) text += `Server Version: ${server.gitVersion}\n`;
    ctx.io.out(text);
  }
  return 0;
}

const help = `Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version

Usage:
  kubectl version [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'version', flags, help, run };
