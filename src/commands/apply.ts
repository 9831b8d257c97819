import type { KubeObject } from '../cluster/api/types.js';
import { StatusError } from '../cluster/api/status.js';
import type { Client } from '../cluster/client/client.js';
import { matchesRequirements, parseLabelSelector } from '../cluster/meta/selectors.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { createdMessage, dryRunStrategy, goJSON, LAST_APPLIED, outputFormat, validationDirective, withLastApplied, type DryRunStrategy } from './create/generator.js';
import { printObjects, type OutputFormat } from './printers/index.js';
import { CommandError, reportErrors, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { mapManifest, readManifests, type MappedObject, checkFilenameOptions } from './util/manifests.js';
import type { Verb } from './verb.js';

export { LAST_APPLIED };

const flags: FlagSpec[] = [
  { name: 'all', usage: "Select all resources in the namespace of the specified resource types.", type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'filename', usage: "The files that contain the configurations to apply.", short: 'f', type: 'stringSlice' },
  { name: 'force', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'kustomize', usage: "Process a kustomization directory. This flag can't be used together with -f or -R.", short: 'k', type: 'string' },
  { name: 'openapi-patch', type: 'bool', default: true },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'overwrite', usage: "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration", type: 'bool', default: true },
  { name: 'prune', type: 'bool' },
  { name: 'prune-allowlist', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'wait', type: 'bool' },
];

interface ApplyOptions {
  filenames: string[];
  kustomize: string;
  recursive: boolean;
  validate: boolean;
  dryRun: DryRunStrategy;
  output: OutputFormat;
  selector: string;
  serverSide: boolean;
  fieldManager: string;
  prune: boolean;
  pruneAll: boolean;
}

function complete(ctx: CommandContext): ApplyOptions {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const validate = validationDirective(str(f.validate)) !== 'Ignore';
  const output = outputFormat(ctx);
  const filenames = f.filename as string[];
  const kustomize = str(f.kustomize);
  if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
  checkFilenameOptions(filenames, kustomize);
  const serverSide = f['server-side'] === true;
  const prune = f.prune === true;
  const pruneAll = f.all === true;
  if (f.force === true && serverSide) throw new CommandError('error: --force cannot be used with --server-side');
  if (f.force === true && dryRun !== 'none') throw new CommandError('error: --dry-run cannot be used with --force');
  if (prune && !pruneAll && !str(f.selector))
    throw new CommandError(
      'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
    );
  if (prune && pruneAll && str(f.selector)) throw new CommandError("error: cannot set --all and --selector at the same time");
  return {
    filenames,
    kustomize,
    recursive: f.recursive === true,
    validate,
    dryRun,
    output,
    selector: str(f.selector),
    serverSide,
    fieldManager: ctx.changed.has('field-manager') ? str(f['field-manager']) : serverSide ? 'kubectl' : 'kubectl-client-side-apply',
    prune,
    pruneAll,
  };
}

/** `apps/v1, Resource=deployments` and `apps/v1, Kind=Deployment`: resource.Info.String() for messages. */
export function infoString(m: MappedObject): string {
  const { group, version, plural, kind } = m.spec;
  return `Resource: ${JSON.stringify(`${group}/${version}, Resource=${plural}`)}, GroupVersionKind: ${JSON.stringify(`${group}/${version}, Kind=${kind}`)}\nName: ${JSON.stringify(m.object.metadata.name ?? '')}, Namespace: ${JSON.stringify(m.namespace ?? '')}`;
}

/** cmdutil.AddSourceToErr: the file goes into a server error's message, `error when <verb> "<file>": `. */
export function withSource(e: StatusError, verb: string, source: string): StatusError {
  if (!source) return e;
  return new StatusError(e.reason, e.code, `error when ${verb} ${JSON.stringify(source)}: ${e.message}`, e.details);
}

/** The success line or the object, as apply prints each one. */
async function report(ctx: CommandContext, o: ApplyOptions, obj: KubeObject, operation: string): Promise<KubeObject | undefined> {
  if (o.output.kind === 'table') ctx.io.out(createdMessage(obj, o.dryRun, operation));
  else if (o.output.kind === 'name') ctx.io.out(await printObjects(o.output, [obj], true));
  else return obj;
  return undefined;
}

/** Applies one object: create it with its last-applied annotation, or patch it three ways. */
async function applyOne(ctx: CommandContext, client: Client, o: ApplyOptions, m: MappedObject): Promise<KubeObject | undefined> {
  const { spec, namespace, source } = m;
  const name = m.object.metadata.name ?? '';
  if (o.serverSide) return serverSideApply(ctx, client, o, m);
  const modified = withLastApplied(m.object, true);
  let current: KubeObject | undefined;
  try {
    current = client.get(spec, namespace, name);
  } catch (e) {
    if (!(e instanceof StatusError && e.reason === 'NotFound')) throw withSource(e as StatusError, 'retrieving current configuration of', source);
  }
  if (!current) {
    let created = modified;
    if (o.dryRun !== 'client') {
      try {
        created = await client.create(spec, modified, namespace, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager });
      } catch (e) {
        if (e instanceof StatusError) throw withSource(e, 'creating', source);
        throw e;
      }
    }
    return report(ctx, o, created, 'created');
  }
  const annotation = current.metadata.annotations?.[LAST_APPLIED];
  if (annotation === undefined)
    ctx.io.err(
      `Warning: resource ${spec.group ? `${spec.plural}.${spec.group}` : spec.plural}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  let original: unknown;
  try {
    original = annotation ? JSON.parse(annotation) : undefined;
  } catch {
    original = undefined;
  }
  const { threeWayMergePatch, strategicMerge } = await import('../cluster/api/strategicMerge.js');
  const strategic = !spec.custom;
  const patch = threeWayMergePatch(original, modified, current, strategic);
  if (!Object.keys(patch).length) return report(ctx, o, current, 'unchanged');
  let result: KubeObject;
  if (o.dryRun === 'client') result = strategicMerge(current, patch, spec) as KubeObject;
  else {
    try {
      result = await client.patch(spec, namespace, name, strategic ? 'strategic' : 'merge', patch, {
        dryRun: o.dryRun === 'server',
        fieldManager: o.fieldManager,
      });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason === 'Invalid') throw e;
      throw withSource(withSource(e, 'patching', source), `applying patch:\n${goJSON(patch)}\nto:\n${infoString(m)}\nfor:`, source);
    }
  }
  return report(ctx, o, result, 'configured');
}

/**
 * `--server-side`: the manifest is sent as an apply patch and the server merges it into the live object
 * (or creates it). Field ownership is not tracked, so there are no conflicts to report.
 */
async function serverSideApply(ctx: CommandContext, client: Client, o: ApplyOptions, m: MappedObject): Promise<KubeObject | undefined> {
  const { spec, namespace, source } = m;
  const name = m.object.metadata.name ?? '';
  let result: KubeObject = m.object;
  try {
    let exists = true;
    try {
      client.get(spec, namespace, name);
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
      exists = false;
    }
    if (o.dryRun !== 'client') {
      const opts = { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager };
      result = exists
        ? await client.patch(spec, namespace, name, spec.custom ? 'merge' : 'strategic', m.object, opts)
        : await client.create(spec, m.object, namespace, opts);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e.reason === 'Invalid' ? e : withSource(e, 'patching', source);
    throw e;
  }
  return report(ctx, o, result, 'serverside-applied');
}

/**
 * --prune: objects of the kinds applied, in the namespaces applied to, that carry a last-applied
 * annotation and match the selector, but were not in this apply, are deleted.
 */
async function prune(ctx: CommandContext, client: Client, o: ApplyOptions, applied: MappedObject[]): Promise<void> {
  const seen = new Set(applied.map((m) => `${m.spec.group}/${m.spec.plural}/${m.namespace ?? ''}/${m.object.metadata.name}`));
  const targets = new Map<string, { spec: MappedObject['spec']; namespace: string | undefined }>();
  for (const m of applied) targets.set(`${m.spec.group}/${m.spec.plural}/${m.namespace ?? ''}`, { spec: m.spec, namespace: m.namespace });
  for (const { spec, namespace } of targets.values()) {
    for (const obj of client.list(spec, namespace, { labelSelector: o.selector }).items) {
      const key = `${spec.group}/${spec.plural}/${namespace ?? ''}/${obj.metadata.name}`;
      if (seen.has(key) || obj.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      if (o.dryRun !== 'client') await client.delete(spec, namespace, obj.metadata.name!, { dryRun: o.dryRun === 'server', propagationPolicy: 'Background' });
      ctx.io.out(createdMessage(obj, o.dryRun, 'pruned'));
    }
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const o = complete(ctx);
  const manifests = await readManifests(ctx.io, o.filenames, { recursive: o.recursive, validate: o.validate, kustomize: o.kustomize });
  let reqs: ReturnType<typeof parseLabelSelector> = [];
  try {
    reqs = o.selector ? parseLabelSelector(o.selector) : [];
  } catch (e) {
    throw new CommandError(`error: the provided selector ${JSON.stringify(o.selector)} is not valid: ${(e as Error).message}`);
  }
  const client = await ctx.client();
  const errors: (string | StatusError)[] = [];
  const applied: MappedObject[] = [];
  const printed: KubeObject[] = [];
  let count = 0;
  for (const sourced of manifests) {
    if (sourced.object && !matchesRequirements(sourced.object.metadata?.labels, reqs)) continue;
    const m = mapManifest(client.kinds, sourced, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
    if ('error' in m) {
      errors.push(m.error);
      continue;
    }
    count++;
    try {
      const obj = await applyOne(ctx, client, o, m);
      if (obj) printed.push(obj);
      applied.push(m);
    } catch (e) {
      if (e instanceof StatusError || e instanceof CommandError) errors.push(e instanceof CommandError ? e.message : e);
      else throw e;
    }
  }
  if (count === 0 && !errors.length) throw new CommandError('error: no objects passed to apply');
  if (printed.length) ctx.io.out(await printObjects(o.output, printed, printed.length === 1));
  if (errors.length) return reportErrors(ctx.io, errors);
  if (o.prune) await prune(ctx, client, o, applied);
  return 0;
}

const help = `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.

Examples:
  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json
  
  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl apply -k dir/
  
  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -
  
  # Apply the configuration from all files that end with '.json'
  kubectl apply -f '*.json'
  
  # Note: --prune is still in Alpha
  # Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx
  kubectl apply --prune -f manifest.yaml -l app=nginx
  
  # Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file
  kubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap

Available Commands:
  edit-last-applied   Edit latest last-applied-configuration annotations of a resource/object
  set-last-applied    Set the last-applied-configuration annotation on a live object to match the contents of a file
  view-last-applied   View the latest last-applied-configuration annotations of a resource/object

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]

Use "kubectl apply <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'apply',
  flags,
  help,
  run,
  subcommands: {
    'edit-last-applied': async () => (await import('./apply/editLastApplied.js')).verb,
    'set-last-applied': async () => (await import('./apply/setLastApplied.js')).verb,
    'view-last-applied': async () => (await import('./apply/viewLastApplied.js')).verb,
  },
};
