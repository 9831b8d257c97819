import fs from 'node:fs';
import type { PatchType } from '../cluster/api/patch.js';
import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, generatorFlags, outputFormat } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { selectResources } from './util/select.js';
import type { Verb } from './verb.js';

const flags: FlagSpec[] = [
  ...generatorFlags('kubectl-patch').filter((f) => f.name !== 'save-config' && f.name !== 'validate'),
  { name: 'filename', usage: "Filename, directory, or URL to files identifying the resource to update", short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'local', usage: "If true, patch will operate on the content of the file, not the server-side resource.", type: 'bool' },
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'subresource', usage: "If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.", type: 'string' },
  { name: 'type', usage: "The type of patch being provided; one of [json merge strategic]", type: 'string', default: 'strategic' },
];

/** The media types kubectl sends for each --type, as they appear in its messages. */
const MEDIA_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `-p` is JSON or YAML (yaml.ToJSON), with kubectl's error for neither. */
async function parsePatch(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { parse } = await import('yaml');
    try {
      return parse(text);
    } catch (e) {
      throw new CommandError(`error: unable to parse ${JSON.stringify(text)}: yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const output = outputFormat(ctx);
  const dryRun = dryRunStrategy(ctx);
  const patchText = str(f.patch);
  const patchFile = str(f['patch-file']);
  const local = f.local === true;
  const filenames = f.filename as string[];
  if (patchText && patchFile) throw new CommandError('error: cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw new CommandError('error: must specify --patch or --patch-file containing the contents of the patch');
  if (local && ctx.args.length) throw new CommandError('error: cannot specify --local and server resources');
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typeFlag = str(f.type);
  const type = typeFlag.toLowerCase() as PatchType;
  if (!(type in MEDIA_TYPES)) throw new CommandError(`error: --type must be one of [json merge strategic], not ${JSON.stringify(typeFlag)}`);
  let text = patchText;
  if (patchFile) {
    try {
      text = fs.readFileSync(patchFile, 'utf8');
    } catch {
      throw new CommandError(`error: unable to read patch file: open ${patchFile}: no such file or directory`);
    }
  }
  const patch = await parsePatch(text);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { local });
  const errors: (string | StatusError)[] = [...sel.errors];
  const { applyPatch } = await import('../cluster/api/patch.js');
  let count = 0;
  for (const s of sel.items) {
    count++;
    let result: KubeObject;
    try {
      if (!local && dryRun !== 'client') {
        if (type === 'strategic' && s.spec.custom)
          throw new CommandError(
            `error: ${MEDIA_TYPES[type]} is not supported by ${s.spec.group}/${s.spec.version}, Kind=${s.spec.kind}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        result = await client!.patch(s.spec, s.namespace, s.name, type, patch, {
          dryRun: dryRun === 'server',
          fieldManager: str(f['field-manager']),
          subresource: str(f.subresource) === 'status' ? 'status' : undefined,
        });
      } else {
        // computed here, as kubectl does for --local and client dry runs: a failure is kubectl's own error
        try {
          result = applyPatch(structuredClone(s.object), type, patch, s.spec);
        } catch (e) {
          throw e instanceof StatusError ? new CommandError(`error: ${e.message}`) : e;
        }
      }
    } catch (e) {
      if (e instanceof StatusError) errors.push(e);
      else if (e instanceof CommandError) errors.push(e.message);
      else throw e;
      continue;
    }
    const operation = sameJSON(s.object, result) ? 'patched (no change)' : 'patched';
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' && !local ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} ${operation}${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [result], true));
  }
  if (errors.length) return reportErrors(ctx.io, errors);
  if (count === 0) throw new CommandError('error: no objects passed to patch');
  return 0;
}

const help = `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.

Examples:
  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'
  
  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'
  
  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
  kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'
  
  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'
  
  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'
  
  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'

Usage:
  kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'patch', flags, help, run };
