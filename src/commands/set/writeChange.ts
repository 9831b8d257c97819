import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import type { DryRunStrategy } from '../create/generator.js';
import { mergePatchBetween } from '../label.js';
import { printObjects, type OutputFormat } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import type { Selected } from '../util/select.js';
import { goRoundTrip } from './podTemplate.js';

export interface ChangeOptions {
  client?: Client;
  local: boolean;
  dryRun: DryRunStrategy;
  output: OutputFormat;
  /** what the success line says: `serviceaccount updated` */
  word: string;
  /** how a refused patch is reported: `failed to patch ServiceAccountName ` */
  failure?: string;
}

/**
 * The end of set serviceaccount, selector and subject for one object: with --local or a client dry run the
 * changed object is printed as it is, otherwise the change is patched and the server's answer printed.
 * The printer's operation gets ` (dry run)` for any client dry run, --local or not. A refused patch
 * comes back as the error text, with `failure` before it; without `failure` it is thrown.
 */
export async function writeChange(ctx: CommandContext, s: Selected, after: KubeObject, o: ChangeOptions): Promise<string | undefined> {
  let result = o.local ? roundTrip(after) : after;
  if (!o.local && o.dryRun !== 'client') {
    try {
      const patch = mergePatchBetween(s.object, after);
      result = await o.client!.patch(s.spec, s.namespace, s.name, 'merge', patch, { dryRun: o.dryRun === 'server', fieldManager: str(ctx.flags['field-manager']) });
    } catch (e) {
      if (e instanceof StatusError && o.failure !== undefined) return `${o.failure}${e.message}`;
      throw e;
    }
  }
  if (o.output.kind === 'table') {
    const suffix = o.dryRun === 'client' ? ' (dry run)' : o.dryRun === 'server' ? ' (server dry run)' : '';
    ctx.io.out(`${nameOf(result)} ${o.word}${suffix}\n`);
  } else ctx.io.out(await printObjects(o.output, [result], true, !o.local));
  return undefined;
}

/** A file's object decoded into its Go type and encoded again; a Service's status always has loadBalancer. */
function roundTrip(obj: KubeObject): KubeObject {
  const out = goRoundTrip(obj);
  if (out.kind === 'Service' && !out.status?.loadBalancer) out.status = { loadBalancer: {}, ...out.status };
  return out;
}

/**
 * info.ObjectName(): `deployments.apps/web` for an object the server mapped; for a --local one, its kind
 * (`service/x`), and with a group `deployment.apps/web` followed by the line break kubectl's format has.
 */
export function objectName(s: Selected, local: boolean): string {
  if (!local) return `${s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural}/${s.name}`;
  const kind = s.object.kind.toLowerCase();
  return s.spec.group ? `${kind}.${s.spec.group}/${s.name}\n` : `${kind}/${s.name}`;
}

/**
 * How CheckErr prints utilerrors.NewAggregate of the per-object errors: one alone with `error: ` before
 * it (unless it has it), several each on its own line(s), a line break after each.
 */
export function aggregateError(errors: string[]): CommandError {
  if (errors.length === 1) return new CommandError(errors[0].startsWith('error: ') ? errors[0] : `error: ${errors[0]}`);
  return new CommandError(errors.map((m) => `${m}\n`).join(''));
}

/** The resource builder's errors (Infos() with ContinueOnError): an API error alone as itself, else aggregated. */
export function throwSelectionErrors(errors: (string | StatusError)[]): void {
  if (!errors.length) return;
  if (errors.length === 1 && errors[0] instanceof StatusError) throw errors[0];
  throw aggregateError(errors.map((e) => (typeof e === 'string' ? e : e.message)));
}
