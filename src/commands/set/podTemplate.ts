import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { mergePatchBetween } from '../label.js';
import { printObjects } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { selectResources } from '../util/select.js';
import { setFlags } from './setFlags.js';
import { goRoundTrip, podSpecOf } from './image.js';

/** The flags set env and set resources share; each words four of them its own way. */
export function podTemplateFlags(usage: { all: string; containers: string; filename: string; local: string }): FlagSpec[] {
  return [
    ...setFlags(usage),
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: usage.containers },
    { name: 'selector', short: 'l', type: 'string' },
  ];
}

/** selectContainers: the containers whose names match the -c glob (filepath.Match: `*`, `?`, `[...]`). */
export function selectContainers(containers: any[] | undefined, pattern: string): any[] {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (containers ?? []).filter((c) => re.test(c.name));
}

export interface PodTemplateUpdate {
  /** the resources among the arguments (the rest were pairs such as KEY=VALUE) */
  resources: string[];
  /** what the success line says: `env updated` */
  word: string;
  /** how a failed patch is reported: `failed to patch env update to pod template: ...` */
  failure: string;
  /**
   * changes the pod spec of a copy of the object; a returned message is an error reported as it is (and
   * the object left alone), a thrown Error one reported against the object (`deployments.apps/web ...`)
   */
  update(spec: KubeObject, obj: KubeObject): string | void;
  /** after every object was changed (set env --list prints instead of patching) */
  skipWrite?: boolean;
}

/**
 * CalculatePatches and the loop after it, as set env and set resources run them: each object's pod
 * template is changed, objects that did not change are passed over, the change is patched (or, with
 * --local and client dry runs, printed) and `<kind>/<name> <word>` follows. Errors come at the end.
 */
export async function runPodTemplateUpdate(ctx: CommandContext, u: PodTemplateUpdate): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const local = f.local === true;
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { args: u.resources, allowAll: true, local });
  const errors: string[] = [];
  for (const e of sel.errors) {
    if (typeof e === 'string') errors.push(e.replace(/^error: /, ''));
    else throw e;
  }
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    const spec = podSpecOf(after);
    try {
      if (!spec) throw new Error(`the object is not a pod or does not have a pod template: *v1.${s.object.kind}`);
      const plain = u.update(spec, after);
      if (plain) {
        errors.push(plain);
        continue;
      }
    } catch (e) {
      if (e instanceof CommandError) throw e;
      // info.ObjectName(): the resource, not the kind
      errors.push(`error: ${s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural}/${s.name} ${(e as Error).message}\n`);
      continue;
    }
    if (u.skipWrite) continue;
    const patch = mergePatchBetween(s.object, after) as Record<string, unknown>;
    if (!Object.keys(patch).length) continue;
    let result = local ? goRoundTrip(after) : after;
    if (!local && dryRun !== 'client') {
      try {
        result = await client!.patch(s.spec, s.namespace, s.name, 'merge', patch, { dryRun: dryRun === 'server', fieldManager: str(f['field-manager']) });
      } catch (e) {
        if (e instanceof StatusError) {
          errors.push(`${u.failure}${e.message}`);
          continue;
        }
        throw e;
      }
    }
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} ${u.word}${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [result], true));
  }
  if (errors.length) throw new CommandError(errors.length === 1 ? `error: ${errors[0].replace(/^error: /, '')}` : `error: [${errors.join(', ')}]`);
  return 0;
}
