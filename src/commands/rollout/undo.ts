import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import { stableJSON } from '../../cluster/meta/hash.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { patcherFlags, selectRollable } from './patcher.js';
import { REVISION_ANNOTATION, controllerRevisions, deploymentRevisions, printTemplate, revisionTemplate, rolloutKind } from './history.js';

const HASH_LABEL = 'pod-template-hash';

/** Annotations the Deployment keeps as they are, instead of taking the ReplicaSet's. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: KubeObject): KubeObject {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return t;
}

/** deploymentRevision: the ReplicaSet of `toRevision`, or (0) the one before the newest. */
function revisionReplicaSet(client: Client, deploy: KubeObject, toRevision: number): KubeObject {
  const history = deploymentRevisions(client, deploy);
  if (toRevision > 0) {
    const rs = history.get(toRevision);
    if (!rs) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
    return rs;
  }
  const revisions = [...history.keys()].sort((a, b) => b - a);
  if (revisions.length < 2) throw new CommandError(`error: no rollout history found for deployment ${JSON.stringify(deploy.metadata.name)}`);
  return history.get(revisions[1])!;
}

/**
 * DeploymentRollbacker.Rollback, client side as kubectl does it: the chosen ReplicaSet's template (its hash
 * label removed) and annotations are patched back into the Deployment, and the controller rolls out.
 */
async function rollback(ctx: CommandContext, client: Client, deploy: KubeObject, toRevision: number, dryRun: string): Promise<string> {
  if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
  const rs = revisionReplicaSet(client, deploy, toRevision);
  if (dryRun === 'client') return printTemplate(rs.spec.template);
  if (deploy.spec?.paused) throw new CommandError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (stableJSON(withoutHash(rs.spec.template)) === stableJSON(withoutHash(deploy.spec.template)))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries((deploy.metadata.annotations ?? {}) as Record<string, string>)) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries((rs.metadata.annotations ?? {}) as Record<string, string>)) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const spec = client.kinds.forKind('Deployment', 'apps')!;
  const ops = [
    { op: 'replace', path: '/spec/template', value: withoutHash(rs.spec.template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    await client.patch(spec, deploy.metadata.namespace, deploy.metadata.name!, 'json', ops, { dryRun: dryRun === 'server', fieldManager: str(ctx.flags['field-manager']) || undefined });
  } catch (e) {
    throw new CommandError(`error: failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

/**
 * DaemonSetRollbacker and StatefulSetRollbacker: the ControllerRevision of `toRevision` (0: the one before
 * the newest) is patched back into the object's template.
 */
async function rollbackHistory(ctx: CommandContext, client: Client, obj: KubeObject, toRevision: number, dryRun: string): Promise<string> {
  if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
  const history = controllerRevisions(client, obj);
  if (toRevision === 0 && history.size <= 1) throw new CommandError('error: no last revision to roll back to');
  const revisions = [...history.keys()].sort((a, b) => b - a);
  const target = history.get(toRevision === 0 ? revisions[1] : toRevision);
  if (!target) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
  const template = revisionTemplate(target);
  if (dryRun === 'client') return `will roll back to ${printTemplate(template)}`;
  if (stableJSON(template) === stableJSON(obj.spec.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const spec = client.kinds.forKind(obj.kind, 'apps')!;
  try {
    await client.patch(spec, obj.metadata.namespace, obj.metadata.name!, 'json', [{ op: 'replace', path: '/spec/template', value: template }], { dryRun: dryRun === 'server' });
  } catch (e) {
    throw new CommandError(`error: failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

async function run(ctx: CommandContext): Promise<number> {
  const output = outputFormat(ctx);
  const dryRun = dryRunStrategy(ctx);
  const toRevision = Number(ctx.flags['to-revision']);
  if (!ctx.args.length && !(ctx.flags.filename as string[]).length && !str(ctx.flags.kustomize)) throw new CommandError('error: required resource not specified');
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  for (const e of sel.errors) if (typeof e !== 'string') throw e;
  for (const s of sel.items) {
    rolloutKind(s.object, 'rollbacker');
    const result = s.object.kind === 'Deployment' ? await rollback(ctx, client, s.object, toRevision, dryRun) : await rollbackHistory(ctx, client, s.object, toRevision, dryRun);
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    if (output.kind === 'table') ctx.io.out(`${nameOf(s.object)} ${result}${suffix}\n`);
    else ctx.io.out(await printObjects(output, [s.object], true));
  }
  return 0;
}

const flags: FlagSpec[] = [
  ...patcherFlags.filter((f) => f.name !== 'field-manager'),
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' },
];

const help = `Roll back to a previous rollout.

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Roll back to daemonset revision 3
  kubectl rollout undo daemonset/abc --to-revision=3
  
  # Roll back to the previous deployment with dry-run
  kubectl rollout undo --dry-run=server deployment/abc

Usage:
  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'undo', flags, help, run };
