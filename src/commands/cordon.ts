import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, outputFormat } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { reportErrors, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

export const cordonFlags: FlagSpec[] = [
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'selector', short: 'l', type: 'string' },
];

/** The nodes named, or those matching -l (drain's and cordon's shared Complete). */
export async function selectNodes(ctx: CommandContext, use: string): Promise<{ nodes: KubeObject[]; errors: StatusError[] }> {
  const selector = str(ctx.flags.selector);
  if (!ctx.args.length && !ctx.changed.has('selector')) throw new UsageError(`USAGE: ${use} [flags]`);
  if (ctx.args.length && selector) throw new UsageError('cannot specify both a node name and a --selector option');
  const client = await ctx.client();
  const nodeSpec = client.kinds.forKind('Node')!;
  const nodes: KubeObject[] = [];
  const errors: StatusError[] = [];
  if (!ctx.args.length) return { nodes: client.list(nodeSpec, undefined, { labelSelector: selector }).items, errors };
  for (const name of ctx.args) {
    try {
      nodes.push(client.get(nodeSpec, undefined, name));
    } catch (e) {
      if (e instanceof StatusError) errors.push(e);
      else throw e;
    }
  }
  return { nodes, errors };
}

/**
 * drain.CordonHelper: sets spec.unschedulable to `desired` when it differs, and says so:
 * `node/x cordoned`, `node/x already cordoned` (and the same with uncordoned).
 */
export async function cordonNode(ctx: CommandContext, node: KubeObject, desired: boolean): Promise<void> {
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const word = desired ? 'cordoned' : 'uncordoned';
  const current = node.spec?.unschedulable === true;
  let result = node;
  let message = `already ${word}`;
  if (current !== desired) {
    message = word;
    result = { ...node, spec: { ...node.spec, unschedulable: desired } };
    if (!desired) delete result.spec.unschedulable;
    if (dryRun !== 'client') {
      const client = await ctx.client();
      result = await client.patch(client.kinds.forKind('Node')!, undefined, node.metadata.name!, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dryRun === 'server' });
    }
  }
  if (output.kind === 'table' || output.kind === 'name') {
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    ctx.io.out(`${nameOf(result)} ${message}${suffix}\n`);
  } else ctx.io.out(await printObjects(output, [result], true));
}

/** RunCordonOrUncordon: every node in turn; a failed patch is reported and the others go on. */
export async function runCordonOrUncordon(ctx: CommandContext, desired: boolean, use: string): Promise<number> {
  const { nodes, errors } = await selectNodes(ctx, use);
  if (errors.length) return reportErrors(ctx.io, errors.slice(0, 1));
  let failed = false;
  for (const node of nodes) {
    try {
      await cordonNode(ctx, node, desired);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      ctx.io.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node ${JSON.stringify(node.metadata.name)}: ${e.message}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

const help = `Mark node as unschedulable.

Examples:
  # Mark node "foo" as unschedulable
  kubectl cordon foo

Usage:
  kubectl cordon NODE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'cordon',
  flags: cordonFlags,
  help,
  run: (ctx) => runCordonOrUncordon(ctx, true, 'cordon NODE'),
};
