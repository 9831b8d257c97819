import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { LAST_APPLIED } from '../create/generator.js';
import { toYAML } from '../printers/yaml.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { selectObjects } from '../util/select.js';
import type { Verb } from '../verb.js';

const flags: FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'filename', usage: "Filename, directory, or URL to files that contains the last-applied-configuration annotations", short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', usage: "Output format. Must be one of (yaml, json)", short: 'o', type: 'string', default: 'yaml' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
];

/** JSON as Go's json.Indent(.., "", "  ") lays out an already compact document (trailing newline kept). */
function indentJSON(compact: string): string {
  const trailing = compact.match(/\s*$/)?.[0] ?? '';
  return JSON.stringify(JSON.parse(compact), null, 2) + trailing;
}

/** `kubectl apply view-last-applied`: the last-applied annotation of each object, as YAML or JSON. */
async function run(ctx: CommandContext): Promise<number> {
  const output = str(ctx.flags.output);
  if (output !== 'yaml' && output !== 'json') throw new CommandError(`error: Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
  const objects: KubeObject[] = await selectObjects(ctx, { allowAll: true });
  let out = '';
  for (const obj of objects) {
    const config = obj.metadata.annotations?.[LAST_APPLIED];
    if (config === undefined) throw new CommandError(`error: no last-applied-configuration annotation found on resource: ${obj.metadata.name}`);
    out += output === 'json' ? indentJSON(config) : toYAML(JSON.parse(config));
  }
  ctx.io.out(out);
  return 0;
}

const help = `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.

Examples:
  # View the last-applied-configuration annotations by type/name in YAML
  kubectl apply view-last-applied deployment/nginx
  
  # View the last-applied-configuration annotations by file in JSON
  kubectl apply view-last-applied -f deploy.yaml -o json

Usage:
  kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'view-last-applied', flags, help, run };
