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
import { typedOrder } from '../create/goTypes.js';

/** polymorphichelpers.UpdatePodSpecForObject: where a kind keeps its pod spec. */
export function podSpecOf(obj: KubeObject): KubeObject | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return obj.spec?.template?.spec;
  }
  return undefined;
}

/**
 * A file's object as kubectl prints it after decoding it into its Go type: the zero values Go writes
 * back (`creationTimestamp: null`, `strategy: {}`, `resources: {}`, `status: {}`), fields in struct order.
 */
export function goRoundTrip(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  out.metadata = { ...out.metadata, creationTimestamp: out.metadata?.creationTimestamp ?? null };
  if (out.kind === 'Deployment') out.spec.strategy ??= {};
  const template = out.kind === 'Pod' ? undefined : out.kind === 'CronJob' ? out.spec?.jobTemplate?.spec?.template : out.spec?.template;
  if (template) template.metadata = { ...template.metadata, creationTimestamp: template.metadata?.creationTimestamp ?? null };
  const spec = podSpecOf(out);
  for (const list of [spec?.initContainers, spec?.containers]) for (const c of (list ?? []) as { resources?: unknown }[]) c.resources ??= {};
  out.status ??= {};
  return typedOrder(out, true);
}

/**
 * getObjectName (set/helper.go): the resource as the server maps it, or, for a file read with --local (no
 * mapping), the kind in lower case; a grouped kind's name then ends in a newline, as kubectl's does.
 */
function objectName(spec: { kind: string; group: string; plural: string }, name: string, local: boolean): string {
  if (!local) return `${spec.group ? `${spec.plural}.${spec.group}` : spec.plural}/${name}`;
  return spec.group ? `${spec.kind.toLowerCase()}.${spec.group}/${name}\n` : `${spec.kind.toLowerCase()}/${name}`;
}

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
   * the object left alone), a thrown Error one reported against the object (`deployments.apps/web ...`),
   * one passed to `report` is reported while the change still goes ahead
   */
  update(spec: KubeObject, obj: KubeObject, report: (error: string) => void): string | void;
  /** after every object was changed (set env --list prints instead of patching) */
  skipWrite?: boolean;
}

/**
 * CalculatePatches and the loop after it, as set env, image and resources run them: each object's pod
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
    if (typeof e === 'string') errors.push(e);
    else throw e;
  }
  for (const s of sel.items) {
    const after = structuredClone(s.object);
    const spec = podSpecOf(after);
    try {
      if (!spec) throw new Error(`the object is not a pod or does not have a pod template: *v1.${s.object.kind}`);
      const plain = u.update(spec, after, (error) => errors.push(error));
      if (plain) {
        errors.push(plain);
        continue;
      }
    } catch (e) {
      if (e instanceof CommandError) throw e;
      errors.push(`error: ${objectName(s.spec, s.name, local)} ${(e as Error).message}\n`);
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
  if (errors.length) throw new CommandError(errorsMessage(errors));
  return 0;
}

/** checkErr's way with the aggregate: one error alone, `error: ` in front unless it has it; several, one per line as they are. */
function errorsMessage(errors: string[]): string {
  if (errors.length === 1) return errors[0].startsWith('error: ') ? errors[0] : `error: ${errors[0]}`;
  return errors.map((e) => `${e}\n`).join('');
}
