import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import { parseDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { withSource, LAST_APPLIED } from './apply.js';
import { createdMessage, dryRunStrategy, generatorFlags, outputFormat, validationDirective, withLastApplied } from './create/generator.js';
import { waitForDeletion } from './delete.js';
import { printObjects } from './printers/index.js';
import { CommandError, reportErrors, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { mapManifest, readManifests, type MappedObject, checkFilenameOptions } from './util/manifests.js';
import type { Verb } from './verb.js';

const flags: FlagSpec[] = [
  ...generatorFlags('kubectl-replace'),
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'filename', usage: "The files that contain the configurations to replace.", short: 'f', type: 'stringSlice' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'kustomize', usage: "Process a kustomization directory. This flag can't be used together with -f or -R.", short: 'k', type: 'string' },
  { name: 'raw', usage: "Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file.", type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'subresource', usage: "If specified, replace will operate on the subresource of the requested object. This flag is beta and may change in the future.", type: 'string' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'wait', type: 'bool' },
];

/** CreateOrUpdateAnnotation: --save-config writes the annotation; an object that carries one gets it refreshed. */
function annotate(obj: KubeObject, saveConfig: boolean): KubeObject {
  if (saveConfig || obj.metadata.annotations?.[LAST_APPLIED] !== undefined) return withLastApplied(obj, true);
  return obj;
}

/**
 * `kubectl replace -f`: a PUT of each object. Without a resourceVersion in the file it replaces whatever
 * is there; with a stale one the server refuses with a Conflict. `--force` deletes and creates instead.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  validationDirective(str(f.validate));
  const output = outputFormat(ctx);
  const filenames = f.filename as string[];
  if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
  checkFilenameOptions(filenames, str(f.kustomize));
  if (str(f.kustomize)) throw new CommandError('error: kustomize directories (-k) are not supported by kubecadet; use -f with the rendered manifests');
  const force = f.force === true;
  const gracePeriod = Number(f['grace-period']);
  if (force && dryRun !== 'none') throw new CommandError('error: --dry-run can not be used when --force is set');
  if (!force && (ctx.changed.has('grace-period') || ctx.changed.has('cascade') || ctx.changed.has('timeout') || ctx.changed.has('wait')))
    throw new CommandError('error: --grace-period, --cascade, --timeout, and --wait can only be used with --force');
  const client = await ctx.client();
  const manifests = await readManifests(ctx.io, filenames, { recursive: f.recursive === true, validate: validationDirective(str(f.validate)) !== 'Ignore' });
  const errors: (string | StatusError)[] = [];
  const mapped: MappedObject[] = [];
  for (const m of manifests) {
    const r = mapManifest(client.kinds, m, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
    if ('error' in r) errors.push(r.error);
    else mapped.push(r);
  }
  const saveConfig = f['save-config'] === true;
  const fieldManager = str(f['field-manager']);
  const print = async (obj: KubeObject) => {
    if (output.kind === 'table') ctx.io.out(createdMessage(obj, dryRun, 'replaced'));
    else ctx.io.out(await printObjects(output, [obj], true));
  };
  if (force) {
    const deleted: Parameters<typeof waitForDeletion>[2] = [];
    for (const m of mapped) {
      const name = m.object.metadata.name ?? '';
      try {
        const gone = await client.delete(m.spec, m.namespace, name, {
          gracePeriodSeconds: gracePeriod >= 0 ? gracePeriod : undefined,
          propagationPolicy: str(f.cascade).toLowerCase() === 'orphan' ? 'Orphan' : str(f.cascade).toLowerCase() === 'foreground' ? 'Foreground' : 'Background',
        });
        const kind = m.spec.group ? `${m.spec.kind.toLowerCase()}.${m.spec.group}` : m.spec.kind.toLowerCase();
        ctx.io.out(`${kind} "${name}" ${gracePeriod === 0 ? 'force deleted' : 'deleted'}\n`);
        deleted.push({ s: { spec: m.spec, namespace: m.namespace, name, object: gone, source: m.source }, uid: gone.metadata.uid });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound')) {
          if (e instanceof StatusError) return reportErrors(ctx.io, [withSource(e, 'deleting', m.source)]);
          throw e;
        }
      }
    }
    await waitForDeletion(ctx, client, deleted, parseDuration(str(f.timeout)) || 5 * 60 * 1000);
    for (const m of mapped) {
      try {
        await print(await client.create(m.spec, annotate(m.object, saveConfig), m.namespace, { fieldManager }));
      } catch (e) {
        if (e instanceof StatusError) errors.push(e);
        else throw e;
      }
    }
    if (errors.length) return reportErrors(ctx.io, errors);
    if (!mapped.length) throw new CommandError('error: no objects passed to replace');
    return 0;
  }
  for (const m of mapped) {
    const obj = annotate(m.object, saveConfig);
    if (dryRun === 'client') {
      await print(obj);
      continue;
    }
    try {
      // helper.Replace(overwrite=true): an object without a resourceVersion takes the live one
      if (!obj.metadata.resourceVersion) obj.metadata.resourceVersion = client.get(m.spec, m.namespace, obj.metadata.name ?? '').metadata.resourceVersion;
      await print(
        await client.update(m.spec, obj, {
          dryRun: dryRun === 'server',
          fieldManager,
          subresource: str(f.subresource) === 'status' ? 'status' : undefined,
        }),
      );
    } catch (e) {
      if (e instanceof StatusError) errors.push(e.reason === 'Invalid' ? e : withSource(e, 'replacing', m.source));
      else throw e;
    }
  }
  if (errors.length) return reportErrors(ctx.io, errors);
  return 0;
}

const help = `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kubectl get TYPE NAME -o yaml

Examples:
  # Replace a pod using the data in pod.json
  kubectl replace -f ./pod.json
  
  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kubectl replace -f -
  
  # Update a single-container pod's image version (tag) to v4
  kubectl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kubectl replace -f -
  
  # Force replace, delete and then re-create the resource
  kubectl replace --force -f ./pod.json

Usage:
  kubectl replace -f FILENAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'replace', flags, help, run };
