import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import { matchesRequirements, parseLabelSelector } from '../cluster/meta/selectors.js';
import { LAST_APPLIED } from './apply.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { withLastApplied } from './create/generator.js';
import { toYAML } from './printers/yaml.js';
import { checkErr, CommandError, klogHeader, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { mapManifest, readManifests, type MappedObject, checkFilenameOptions } from './util/manifests.js';
import type { Verb } from './verb.js';

interface DiffOptions {
  serverSide: boolean;
  fieldManager: string;
  showManagedFields: boolean;
  selector: string;
  prune: boolean;
  pruneAllowlist: string[];
}

/** A version's folder (`LIVE-1234567890`, `MERGED-...`) in the temporary directory, as os.MkdirTemp names it. */
function tempDir(prefix: string): string {
  for (;;) {
    const dir = path.join(os.tmpdir(), `${prefix}-${randomInt(2 ** 32)}`);
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** InfoObject.Name(): `apps.v1.Deployment.default.web`, the file both versions of an object are written to. */
function fileName(spec: KindSpec, namespace: string | undefined, name: string): string {
  return `${spec.group ? `${spec.group}.` : ''}${spec.version}.${spec.kind}.${namespace ?? ''}.${name}`;
}

function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields: _omitted, ...metadata } = obj.metadata as Record<string, unknown>;
  return { ...obj, metadata } as KubeObject;
}

/** A Secret's data values become `***`, or `*** (before)` and `*** (after)` where they differ (Masker). */
function maskSecret(from: KubeObject | undefined, to: KubeObject): [KubeObject | undefined, KubeObject] {
  const a: Record<string, unknown> | undefined = from?.data ? { ...from.data } : undefined;
  const b: Record<string, unknown> | undefined = to.data ? { ...to.data } : undefined;
  for (const k of Object.keys(a ?? {})) {
    if (b && k in b) {
      if (a![k] !== b[k]) {
        a![k] = '*** (before)';
        b[k] = '*** (after)';
        continue;
      }
      b[k] = '***';
    }
    a![k] = '***';
  }
  for (const k of Object.keys(b ?? {})) if (!a || !(k in a)) b![k] = '***';
  return [from && a ? { ...from, data: a } : from, b ? { ...to, data: b } : to];
}

/** The object as the API server would have it after `kubectl apply` (a dry run), and the live one. */
async function versions(client: Client, o: DiffOptions, m: MappedObject): Promise<{ live?: KubeObject; merged: KubeObject }> {
  const name = m.object.metadata.name ?? '';
  let live: KubeObject | undefined;
  try {
    live = client.get(m.spec, m.namespace, name);
  } catch (e) {
    if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
  }
  const opts = { dryRun: true, fieldManager: o.fieldManager };
  if (o.serverSide && live) return { live, merged: await client.patch(m.spec, m.namespace, name, m.spec.custom ? 'merge' : 'strategic', m.object, opts) };
  if (!live) return { merged: await client.create(m.spec, o.serverSide ? m.object : withLastApplied(m.object, true), m.namespace, opts) };
  const annotation = live.metadata.annotations?.[LAST_APPLIED];
  let original: unknown;
  try {
    original = annotation ? JSON.parse(annotation) : undefined;
  } catch {
    original = undefined;
  }
  const { threeWayMergePatch } = await import('../cluster/api/strategicMerge.js');
  const strategic = !m.spec.custom;
  const patch = threeWayMergePatch(original, withLastApplied(m.object, true), live, strategic);
  // an empty patch is not sent: the merged version is the live one
  if (!Object.keys(patch).length) return { live, merged: live };
  return { live, merged: await client.patch(m.spec, m.namespace, name, strategic ? 'strategic' : 'merge', patch, opts) };
}

/** prune.go's default allowlist: the kinds whose objects apply --prune would delete. */
const PRUNE_DEFAULT: [string, string, string][] = [
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'Endpoints'],
  ['', 'v1', 'PersistentVolumeClaim'],
  ['', 'v1', 'Pod'],
  ['', 'v1', 'ReplicationController'],
  ['', 'v1', 'Secret'],
  ['', 'v1', 'Service'],
  ['batch', 'v1', 'Job'],
  ['batch', 'v1', 'CronJob'],
  ['networking.k8s.io', 'v1', 'Ingress'],
  ['apps', 'v1', 'DaemonSet'],
  ['apps', 'v1', 'Deployment'],
  ['apps', 'v1', 'ReplicaSet'],
  ['apps', 'v1', 'StatefulSet'],
  ['', 'v1', 'Namespace'],
  ['', 'v1', 'PersistentVolume'],
];

/** pruner.pruneAll: applied objects of the allowlisted kinds not in the files, in the namespaces visited. */
function pruned(ctx: CommandContext, client: Client, o: DiffOptions, visited: MappedObject[], uids: Set<string>): { spec: KindSpec; object: KubeObject }[] {
  let kinds = PRUNE_DEFAULT;
  if (o.pruneAllowlist.length) {
    kinds = o.pruneAllowlist.map((gvk) => {
      const parts = gvk.split('/');
      if (parts.length !== 3) throw new CommandError(`error: invalid GroupVersionKind format: ${gvk}, please follow <group/version/kind>`, 2);
      return [parts[0] === 'core' ? '' : parts[0], parts[1], parts[2]];
    });
  } else ctx.io.err(`${klogHeader('W', 'prune.go:71')} Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n`);
  const namespaces = [...new Set(visited.filter((m) => m.namespace !== undefined).map((m) => m.namespace!))];
  const out: { spec: KindSpec; object: KubeObject }[] = [];
  const specs = kinds.map(([group, , kind]) => client.kinds.forKind(kind, group)).filter((s): s is KindSpec => !!s);
  const take = (spec: KindSpec, ns: string | undefined) => {
    for (const obj of client.list(spec, ns, { labelSelector: o.selector }).items)
      if (obj.metadata.annotations?.[LAST_APPLIED] !== undefined && !uids.has(obj.metadata.uid ?? '')) out.push({ spec, object: obj });
  };
  for (const ns of namespaces) for (const spec of specs.filter((s) => s.namespaced)) take(spec, ns);
  for (const spec of specs.filter((s) => !s.namespaced)) take(spec, undefined);
  return out;
}

/** DiffProgram: KUBECTL_EXTERNAL_DIFF (its extra words kept only when plain), else `diff -u -N`. */
function runDiff(ctx: CommandContext, from: string, to: string): number {
  let program = 'diff';
  let args = ['-u', '-N', from, to];
  const external = ctx.env.KUBECTL_EXTERNAL_DIFF;
  if (external) {
    const words = external.split(' ');
    program = words[0];
    args = [from, to, ...words.slice(1).filter((w) => /^[a-zA-Z0-9-=]+$/.test(w))];
  }
  const r = spawnSync(program, args, { maxBuffer: 1 << 30 });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CommandError(`error: failed to run ${JSON.stringify(program)}: ${missing ? `exec: ${JSON.stringify(program)}: executable file not found in $PATH` : r.error.message}`, 2);
  }
  if (r.stdout.length) ctx.io.out(r.stdout.toString());
  if (r.stderr.length) ctx.io.err(r.stderr.toString());
  if (r.status !== null && r.status > 1) throw new CommandError(`error: failed to run ${JSON.stringify(program)}: exit status ${r.status}`, 2);
  return r.status ?? 2;
}

/**
 * `diff -f`: each object's live version and the version apply would make (asked of the API server as a
 * dry run) are written as YAML into two folders, which `diff -u -N` compares. Exit 1 means differences.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const filenames = f.filename as string[];
  const kustomize = str(f.kustomize);
  if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
  checkFilenameOptions(filenames, kustomize);
  const serverSide = f['server-side'] === true;
  if (f['force-conflicts'] === true && !serverSide) throw new CommandError('error: --force-conflicts only works with --server-side');
  const o: DiffOptions = {
    serverSide,
    fieldManager: ctx.changed.has('field-manager') ? str(f['field-manager']) : serverSide ? 'kubectl' : 'kubectl-client-side-apply',
    showManagedFields: f['show-managed-fields'] === true,
    selector: str(f.selector),
    prune: f.prune === true,
    pruneAllowlist: f['prune-allowlist'] as string[],
  };
  const client = await ctx.client();
  const manifests = await readManifests(ctx.io, filenames, { recursive: f.recursive === true, kustomize });
  const reqs = o.selector ? parseLabelSelector(o.selector) : [];
  const from = tempDir('LIVE');
  const to = tempDir('MERGED');
  try {
    const visited: MappedObject[] = [];
    const uids = new Set<string>();
    for (const sourced of manifests) {
      if (sourced.object && !matchesRequirements(sourced.object.metadata?.labels, reqs)) continue;
      const m = mapManifest(client.kinds, sourced, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
      if ('error' in m) throw new CommandError(m.error);
      let { live, merged } = await versions(client, o, m);
      visited.push(m);
      if (live?.metadata.uid) uids.add(live.metadata.uid);
      if (!o.showManagedFields) {
        live = live && withoutManagedFields(live);
        merged = withoutManagedFields(merged);
      }
      if (merged.kind === 'Secret' && merged.apiVersion === 'v1') [live, merged] = maskSecret(live, merged);
      const file = fileName(m.spec, m.namespace, m.object.metadata.name ?? '');
      fs.writeFileSync(path.join(from, file), live ? toYAML(live) : '', { mode: 0o700 });
      fs.writeFileSync(path.join(to, file), toYAML(merged), { mode: 0o700 });
      if (live?.metadata.deletionTimestamp) ctx.io.err(`Warning: Detected changes to resource ${live.metadata.name} which is currently being deleted.\n`);
    }
    if (o.prune)
      for (const p of pruned(ctx, client, o, visited, uids)) {
        const obj = o.showManagedFields ? p.object : withoutManagedFields(p.object);
        fs.writeFileSync(path.join(from, fileName(p.spec, p.object.metadata.namespace, p.object.metadata.name!)), toYAML(obj), { mode: 0o700 });
      }
    return runDiff(ctx, from, to);
  } finally {
    fs.rmSync(from, { recursive: true, force: true });
    fs.rmSync(to, { recursive: true, force: true });
  }
}

const help = `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.

Examples:
  # Diff resources included in pod.json
  kubectl diff -f pod.json
  
  # Diff file read from stdin
  cat service.yaml | kubectl diff -f -

Usage:
  kubectl diff -f FILENAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  { name: 'concurrency', usage: 'Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time.', type: 'int', default: 1 },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'filename', usage: 'Filename, directory, or URL to files contains the configuration to diff', short: 'f', type: 'stringSlice' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'prune', usage: 'Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned', type: 'bool' },
  { name: 'prune-allowlist', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'show-managed-fields', usage: 'If true, include managed fields in the diff.', type: 'bool' },
];

/** CheckDiffErr: kubectl's errors leave diff with one more than their usual code, so 1 keeps meaning "differences". */
export const verb: Verb = {
  name: 'diff',
  flags,
  help,
  flagErrorExit: 2,
  async run(ctx) {
    try {
      return await run(ctx);
    } catch (e) {
      if (e instanceof CommandError && e.code === 2) {
        ctx.io.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
        return 2;
      }
      return checkErr(e, ctx.io, ctx.commandPath) + 1;
    }
  },
};
