import fs from 'node:fs';
import path from 'node:path';
import { StatusError } from '../cluster/api/status.js';
import { matchesRequirements, parseLabelSelector } from '../cluster/meta/selectors.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { printObjects } from './printers/index.js';
import { CommandError, errorText, statusText, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import { checkFilenameOptions } from './util/manifests.js';
import { createdMessage, dryRunStrategy, outputFormat, validationDirective, withLastApplied } from './create/generator.js';

const flags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'edit', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'filename', usage: "Filename, directory, or URL to files to use to create the resource", short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'raw', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'windows-line-endings', type: 'bool' },
];

/**
 * `kubectl create -f FILE|DIR|URL|-`: each object is created in turn; errors are collected and printed
 * after the successes, and any error makes the exit code 1.
 */
async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
  const dryRun = dryRunStrategy(ctx);
  validationDirective(str(ctx.flags.validate));
  const output = outputFormat(ctx);
  const filenames = ctx.flags.filename as string[];
  const kustomize = str(ctx.flags.kustomize);
  checkFilenameOptions(filenames, kustomize);
  const raw = str(ctx.flags.raw);
  if (raw) {
    if (ctx.flags.edit === true) throw new CommandError('error: --raw and --edit are mutually exclusive');
    if (filenames.length !== 1) throw new CommandError('error: --raw can only use a single local file or stdin');
    if (/^https?:\/\//.test(filenames[0])) throw new CommandError('error: --raw cannot read from a url');
    if (ctx.flags.recursive === true) throw new CommandError('error: --raw and --recursive are mutually exclusive');
    if (str(ctx.flags.selector)) throw new CommandError('error: --raw and --selector (-l) are mutually exclusive');
    if (str(ctx.flags.output)) throw new CommandError('error: --raw and --output are mutually exclusive');
    if (!raw.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) throw new CommandError(`error: --raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`);
    throw new CommandError('error: --raw is not supported by kubecadet; use create -f without it');
  }
  if (ctx.flags.edit === true) throw new CommandError('error: --edit is not supported by kubecadet; edit the file, then create -f it');
  const { readManifests } = await import('./util/manifests.js');
  const selector = str(ctx.flags.selector);
  let reqs: ReturnType<typeof parseLabelSelector> = [];
  try {
    reqs = selector ? parseLabelSelector(selector) : [];
  } catch (e) {
    throw new CommandError(`error: the provided selector ${JSON.stringify(selector)} is not valid: ${(e as Error).message}`);
  }
  const manifests = (await readManifests(ctx.io, filenames, { recursive: ctx.flags.recursive === true, kustomize })).filter(
    (m) => !m.object || matchesRequirements(m.object.metadata?.labels, reqs),
  );
  const client = await ctx.client();
  const errors: (string | StatusError)[] = [];
  let count = 0;
  let printed = 0;
  for (const { source, object, error } of manifests) {
    if (!object) {
      errors.push(error!);
      continue;
    }
    let obj = structuredClone(object);
    obj.metadata ??= {};
    const ns = obj.metadata.namespace;
    if (ctx.explicitNamespace && ns && ns !== ctx.namespace) {
      errors.push(
        `error: the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
      );
      continue;
    }
    const spec = client.kinds.forObject(String(obj.apiVersion), String(obj.kind));
    if (!spec) {
      const av = String(obj.apiVersion ?? '');
      errors.push(
        `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${ns ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${av}"\nensure CRDs are installed first`,
      );
      continue;
    }
    // the resource builder puts namespaced objects in the request's namespace before anything else
    if (spec.namespaced) obj.metadata.namespace = ns || ctx.namespace;
    else delete obj.metadata.namespace;
    if (ctx.flags['save-config'] === true) obj = withLastApplied(obj, true);
    if (dryRun !== 'client') {
      try {
        obj = await client.create(spec, obj, obj.metadata.namespace, {
          dryRun: dryRun === 'server',
          fieldManager: str(ctx.flags['field-manager']),
        });
      } catch (e) {
        if (e instanceof StatusError) {
          errors.push(new StatusError(e.reason, e.code, `error when creating ${JSON.stringify(source)}: ${e.message}`, e.details));
          continue;
        }
        throw e;
      }
    }
    count++;
    if (output.kind === 'table') ctx.io.out(createdMessage(obj, dryRun));
    else {
      let text = await printObjects(output, [obj], true);
      if (output.kind === 'yaml' && printed > 0) text = `---\n${text}`;
      ctx.io.out(text);
    }
    printed++;
  }
  if (errors.length) {
    // one error prints as kubectl prints any error; several are listed (cmdutil.MultipleErrors) with
    // statuses as `Error from server (Reason): ...` and other errors without their `error: ` prefix
    if (errors.length === 1) {
      const e = errors[0];
      ctx.io.err(typeof e === 'string' ? `${e}\n` : errorText(e));
    } else ctx.io.err(errors.map((e) => `${typeof e === 'string' ? e.replace(/^error: /, '') : statusText(e)}\n`).join(''));
    return 1;
  }
  if (count === 0) throw new CommandError('error: no objects passed to create');
  return 0;
}

const help = `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -
  
  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json

Available Commands:
  clusterrole           Create a cluster role
  clusterrolebinding    Create a cluster role binding for a particular cluster role
  configmap             Create a config map from a local file, directory or literal value
  cronjob               Create a cron job with the specified name
  deployment            Create a deployment with the specified name
  ingress               Create an ingress with the specified name
  job                   Create a job with the specified name
  namespace             Create a namespace with the specified name
  poddisruptionbudget   Create a pod disruption budget with the specified name
  priorityclass         Create a priority class with the specified name
  quota                 Create a quota with the specified name
  role                  Create a role with single rule
  rolebinding           Create a role binding for a particular role or cluster role
  secret                Create a secret using a specified subcommand
  service               Create a service using a specified subcommand
  serviceaccount        Create a service account with the specified name
  token                 Request a service account token

Usage:
  kubectl create -f FILENAME [options]

Use "kubectl create <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'create',
  flags,
  help,
  subcommands: {
    clusterrole: async () => (await import('./create/clusterrole.js')).verb,
    clusterrolebinding: async () => (await import('./create/clusterrolebinding.js')).verb,
    configmap: async () => (await import('./create/configmap.js')).verb,
    cm: async () => (await import('./create/configmap.js')).verb,
    cronjob: async () => (await import('./create/cronjob.js')).verb,
    cj: async () => (await import('./create/cronjob.js')).verb,
    deployment: async () => (await import('./create/deployment.js')).verb,
    deploy: async () => (await import('./create/deployment.js')).verb,
    ingress: async () => (await import('./create/ingress.js')).verb,
    ing: async () => (await import('./create/ingress.js')).verb,
    job: async () => (await import('./create/job.js')).verb,
    namespace: async () => (await import('./create/namespace.js')).verb,
    ns: async () => (await import('./create/namespace.js')).verb,
    poddisruptionbudget: async () => (await import('./create/poddisruptionbudget.js')).verb,
    pdb: async () => (await import('./create/poddisruptionbudget.js')).verb,
    priorityclass: async () => (await import('./create/priorityclass.js')).verb,
    pc: async () => (await import('./create/priorityclass.js')).verb,
    quota: async () => (await import('./create/quota.js')).verb,
    resourcequota: async () => (await import('./create/quota.js')).verb,
    role: async () => (await import('./create/role.js')).verb,
    rolebinding: async () => (await import('./create/rolebinding.js')).verb,
    secret: async () => (await import('./create/secret.js')).verb,
    service: async () => (await import('./create/service.js')).verb,
    svc: async () => (await import('./create/service.js')).verb,
    serviceaccount: async () => (await import('./create/serviceaccount.js')).verb,
    sa: async () => (await import('./create/serviceaccount.js')).verb,
    token: async () => (await import('./create/token.js')).verb,
  },
  run,
};
