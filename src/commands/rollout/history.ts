import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import { isControlledBy } from '../../cluster/meta/ownerRefs.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { outputFormat } from '../create/generator.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { PrefixWriter, goTabbed } from '../printers/describe/prefixWriter.js';
import { describePodTemplate } from '../printers/describe/podTemplate.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { patcherFlags, selectRollable } from './patcher.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The ReplicaSets a Deployment controls, by revision (deploymentutil.Revision of each). */
export function deploymentRevisions(client: Client, deploy: KubeObject): Map<number, KubeObject> {
  const rsSpec = client.kinds.forKind('ReplicaSet', 'apps')!;
  const out = new Map<number, KubeObject>();
  for (const rs of client.list(rsSpec, deploy.metadata.namespace).items) {
    if (!isControlledBy(rs, deploy)) continue;
    const v = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
    if (Number.isInteger(v)) out.set(v, rs);
  }
  return out;
}

/** Controller history: the ControllerRevisions a DaemonSet or StatefulSet controls, by revision. */
export function controllerRevisions(client: Client, owner: KubeObject): Map<number, KubeObject> {
  const spec = client.kinds.forKind('ControllerRevision', 'apps')!;
  const out = new Map<number, KubeObject>();
  for (const r of client.list(spec, owner.metadata.namespace).items)
    if (isControlledBy(r, owner)) out.set(Number(r.revision ?? 0), r);
  return out;
}

/** The pod template a ControllerRevision holds (its data is the patch that restores it). */
export function revisionTemplate(r: KubeObject): KubeObject {
  const { $patch: _, ...template } = r.data?.spec?.template ?? {};
  return template as KubeObject;
}

/** What history shows of a workload: its revisions, each with its template and change cause. */
export function historyOf(client: Client, obj: KubeObject): Map<number, { template: KubeObject; cause?: string; source: KubeObject }> {
  const out = new Map<number, { template: KubeObject; cause?: string; source: KubeObject }>();
  if (obj.kind === 'Deployment') for (const [v, rs] of deploymentRevisions(client, obj)) out.set(v, { template: rs.spec.template, cause: rs.metadata.annotations?.[CHANGE_CAUSE], source: rs });
  else for (const [v, r] of controllerRevisions(client, obj)) out.set(v, { template: revisionTemplate(r), cause: r.metadata.annotations?.[CHANGE_CAUSE], source: r });
  return out;
}

/** printTemplate: DescribePodTemplate through a PrefixWriter straight into a buffer, tabs left as they are. */
export function printTemplate(template: KubeObject): string {
  const w = new PrefixWriter();
  describePodTemplate(template, w);
  return w.untabbed();
}

/** The kinds kubectl has a history viewer (and a rollbacker) for; kubectl quotes the GroupKind otherwise. */
export function rolloutKind(obj: KubeObject, what: string): void {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) {
    const group = String(obj.apiVersion).includes('/') ? `.${String(obj.apiVersion).split('/')[0]}` : '';
    throw new CommandError(`error: no ${what} has been implemented for "${obj.kind}${group}"`);
  }
}

/** ViewHistory (deployments, daemon sets, stateful sets alike): the revision table, or one revision's pod template. */
function viewHistory(client: Client, obj: KubeObject, revision: number): string {
  const history = historyOf(client, obj);
  if (!history.size) return 'No rollout history found.';
  if (revision > 0) {
    const h = history.get(revision);
    if (!h) throw new CommandError('error: unable to find the specified revision');
    return printTemplate(h.template);
  }
  const rows = [...history.keys()].sort((a, b) => a - b).map((r) => `${r}\t${history.get(r)!.cause || '<none>'}\n`);
  return goTabbed(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, 2);
}

async function run(ctx: CommandContext): Promise<number> {
  const output = outputFormat(ctx);
  const revision = Number(ctx.flags.revision);
  if (!ctx.args.length && !(ctx.flags.filename as string[]).length && !str(ctx.flags.kustomize)) throw new CommandError('error: required resource not specified');
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  for (const e of sel.errors) if (typeof e !== 'string') throw e;
  for (const s of sel.items) {
    rolloutKind(s.object, 'history viewer');
    if (output.kind !== 'table') {
      // -o prints what holds each revision: its ReplicaSet or ControllerRevision
      const history = historyOf(client, s.object);
      const keys = revision > 0 ? [revision].filter((k) => history.has(k)) : [...history.keys()].sort((a, b) => a - b);
      const picked = keys.map((k) => history.get(k)!.source);
      for (const rs of picked) ctx.io.out(await printObjects(output, [rs], true));
      continue;
    }
    const text = viewHistory(client, s.object, revision);
    ctx.io.out(`${nameOf(s.object)} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
  }
  return 0;
}

const flags: FlagSpec[] = [
  ...patcherFlags.filter((f) => f.name !== 'field-manager'),
  { name: 'revision', type: 'int', usage: 'See the details, including podTemplate of the revision specified' },
];

const help = `View previous rollout revisions and configurations.

Examples:
  # View the rollout history of a deployment
  kubectl rollout history deployment/abc
  
  # View the details of daemonset revision 3
  kubectl rollout history daemonset/abc --revision=3

Usage:
  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'history', flags, help, run };
