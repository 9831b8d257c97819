import fs from 'node:fs';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { KlogError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

const flags: FlagSpec[] = [
  { name: 'as-current-user', type: 'bool', usage: 'use the uid and gid of the command executor to run the function in the container' },
  { name: 'enable-alpha-plugins', type: 'bool', usage: 'enable kustomize plugins' },
  { name: 'enable-helm', type: 'bool', usage: 'Enable use of the Helm chart inflator generator.' },
  { name: 'env', short: 'e', type: 'stringArray', usage: 'a list of environment variables to be used by functions' },
  { name: 'helm-api-versions', type: 'stringArray', usage: 'Kubernetes api versions used by Helm for Capabilities.APIVersions' },
  { name: 'helm-command', type: 'string', default: 'helm', usage: 'helm command (path to executable)' },
  { name: 'helm-debug', type: 'bool', usage: 'Enable debug output from the Helm chart inflator generator.' },
  { name: 'helm-kube-version', type: 'string', usage: 'Kubernetes version used by Helm for Capabilities.KubeVersion' },
  {
    name: 'load-restrictor',
    type: 'string',
    default: 'LoadRestrictionsRootOnly',
    usage: "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization.",
  },
  { name: 'mount', type: 'stringArray', usage: 'a list of storage options read from the filesystem' },
  { name: 'network', type: 'bool', usage: 'enable network access for functions that declare it' },
  { name: 'network-name', type: 'string', default: 'bridge', usage: 'the docker network to run the container in' },
  { name: 'output', short: 'o', type: 'string', usage: 'If specified, write output to this path.' },
];

/** The objects as kustomize prints them: YAML documents separated by `---`. */
export async function kustomizeYAML(dir: string): Promise<{ yaml: string; warnings: string[] }> {
  const [{ kustomize }, { toYAML }] = await Promise.all([import('./kustomize/build.js'), import('./printers/yaml.js')]);
  const built = kustomize(dir);
  return { yaml: built.objects.map((o) => toYAML(o)).join('---\n'), warnings: built.warnings };
}

async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 1) throw new KlogError('specify one path to kustomization.yaml');
  const { KustomizeError } = await import('./kustomize/build.js');
  try {
    const { yaml, warnings } = await kustomizeYAML(ctx.args[0] ?? '.');
    const out = str(ctx.flags.output);
    if (out) fs.writeFileSync(out, yaml);
    else ctx.io.out(yaml);
    for (const w of warnings) ctx.io.err(`${w}\n`);
  } catch (e) {
    if (e instanceof KustomizeError) throw new KlogError(e.message);
    throw e;
  }
  return 0;
}

const help = `Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a directory containing 'kustomization.yaml', or a git repository URL with a path suffix specifying same with respect to the repository root. If DIR is omitted, '.' is assumed.

Examples:
  # Build the current working directory
  kubectl kustomize
  
  # Build some shared configuration directory
  kubectl kustomize /home/config/production
  
  # Build from github
  kubectl kustomize https://github.com/kubernetes-sigs/kustomize.git/examples/helloWorld?ref=v1.0.6

Usage:
  kubectl kustomize DIR [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'kustomize', flags, help, run };
