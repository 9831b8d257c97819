import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { outputFormat } from '../create/generator.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { mergePatchBetween } from '../label.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Client } from '../../cluster/client/client.js';
import { resolveType } from '../util/resourceArgs.js';
import { selectResources, type Selection } from '../util/select.js';

export const patcherFlags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

/**
 * pause, resume and restart: `edit` changes a copy of each object (or throws the reason it cannot,
 * `is already paused`), the difference is sent as a patch, and `<kind>/<name> <word>` is printed.
 * Errors read `error: deployments.apps "web" is already paused` and come after the successes.
 */
export async function runPatcher(ctx: CommandContext, word: string, edit: (obj: KubeObject, now: number) => void): Promise<number> {
  const output = outputFormat(ctx);
  if (!ctx.args.length && !(ctx.flags.filename as string[]).length && !str(ctx.flags.kustomize))
    throw new CommandError(`error: required resource not specified`);
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  const errors: string[] = [];
  for (const e of sel.errors) if (typeof e !== 'string') throw e;
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    try {
      edit(after, client.now());
    } catch (e) {
      const resource = s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural;
      errors.push(`error: ${resource} ${JSON.stringify(s.name)} ${(e as Error).message}`);
      continue;
    }
    const result = await client.patch(s.spec, s.namespace, s.name, 'merge', mergePatchBetween(s.object, after), { fieldManager: str(ctx.flags['field-manager']) });
    if (output.kind === 'table') ctx.io.out(`${nameOf(result)} ${word}\n`);
    else ctx.io.out(await printObjects(output, [result], true));
  }
  if (errors.length) throw new CommandError(errors.length === 1 ? errors[0] : `error: [${errors.map((e) => e.replace(/^error: /, '')).join(', ')}]`);
  return 0;
}

/** The builder's ResourceTypeOrNameArgs(true, ...): a type alone means every object of it in the namespace. */
export async function selectRollable(ctx: CommandContext, client: Client): Promise<Selection> {
  if (ctx.args.length === 1 && !ctx.args[0].includes('/') && !str(ctx.flags.selector)) {
    const spec = resolveType(client.kinds, ctx.args[0]);
    const ns = spec.namespaced ? ctx.namespace : undefined;
    const items = client.list(spec, ns).items.map((o) => ({ spec, namespace: ns, name: o.metadata.name!, object: o, source: '' }));
    return { items, errors: [], listed: true };
  }
  return selectResources(ctx, client);
}
