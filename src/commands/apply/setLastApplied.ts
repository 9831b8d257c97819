import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { infoString, withSource } from '../apply.js';
import { createdMessage, dryRunStrategy, encodeToJSON, LAST_APPLIED, outputFormat } from '../create/generator.js';
import { printObjects } from '../printers/index.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { mapManifest, readManifests, type MappedObject } from '../util/manifests.js';
import { NO_RESOURCES } from '../util/select.js';
import type { Verb } from '../verb.js';

/** The same JSON document, whatever its layout (cmdutil.StripComments runs both sides through yaml.ToJSON). */
function sameDocument(a: string, b: string): boolean {
  try {
    return encodeToJSON(JSON.parse(a)) === encodeToJSON(JSON.parse(b));
  } catch {
    return a === b;
  }
}

/**
 * `kubectl apply set-last-applied -f FILE`: the live object's last-applied annotation becomes the file's object
 * (editor.GetApplyPatch: its JSON, keys sorted, as the file has it), nothing else of the object changes. Every
 * object is checked first (it must exist and, unless --create-annotation, carry the annotation), then patched.
 */
async function run(ctx: CommandContext): Promise<number> {
  const filenames = ctx.flags.filename as string[];
  if (!filenames.length) throw new CommandError(NO_RESOURCES);
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const client = await ctx.client();
  const changes: { m: MappedObject; config: string }[] = [];
  for (const sourced of await readManifests(ctx.io, filenames)) {
    const m = mapManifest(client.kinds, sourced, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
    if ('error' in m) throw new CommandError(m.error);
    const config = encodeToJSON(m.object);
    const name = m.object.metadata.name ?? '';
    let live: KubeObject;
    try {
      live = client.get(m.spec, m.namespace, name);
    } catch (e) {
      // a missing object is reported as it is; other failures name what was asked and the file
      if (e instanceof StatusError && e.code !== 404) throw withSource(e, `retrieving current configuration of:\n${infoString(m)}\nfrom server for:`, m.source);
      throw e;
    }
    const original = live.metadata.annotations?.[LAST_APPLIED];
    if (original === undefined && ctx.flags['create-annotation'] !== true)
      throw new CommandError(`error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`);
    if (original !== undefined && sameDocument(original, config)) ctx.io.out(`set-last-applied ${name}: no changes required.\n`);
    else changes.push({ m, config });
  }
  for (const { m, config } of changes) {
    let result: KubeObject = m.object;
    if (dryRun !== 'client')
      result = await client.patch(m.spec, m.namespace, m.object.metadata.name!, 'merge', { metadata: { annotations: { [LAST_APPLIED]: config } } }, { dryRun: dryRun === 'server' });
    if (output.kind === 'table') ctx.io.out(createdMessage(result, dryRun, 'configured'));
    else ctx.io.out(await printObjects(output, [result], true));
  }
  return 0;
}

const flags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'create-annotation', usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one", type: 'bool' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'filename', usage: "Filename, directory, or URL to files that contains the last-applied-configuration annotations", short: 'f', type: 'stringSlice' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

const help = `Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object.

Examples:
  # Set the last-applied-configuration of a resource to match the contents of a file
  kubectl apply set-last-applied -f deploy.yaml
  
  # Execute set-last-applied against each configuration file in a directory
  kubectl apply set-last-applied -f path/
  
  # Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
  kubectl apply set-last-applied -f deploy.yaml --create-annotation=true

Usage:
  kubectl apply set-last-applied -f FILENAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'set-last-applied', flags, help, run };
