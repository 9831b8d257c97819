import type { KubeObject } from '../../cluster/api/types.js';
import { StatusError } from '../../cluster/api/status.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { parseOutput, printObjects, type OutputFormat } from '../printers/index.js';
import { nameOf } from '../printers/name.js';
import { goEscapes } from '../printers/json.js';
import { typedOrder } from './goTypes.js';
import { CommandError, klogHeader, UsageError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';

/**
 * What every `kubectl create <generator>` (and `run`) shares: the print, dry-run and apply-annotation
 * flags, the NAME argument, and the path from a generated object to the server and the printer
 * (kubectl's Complete/Run of each create_*.go).
 */

export type DryRunStrategy = 'none' | 'client' | 'server';

/** The flags every generator declares (PrintFlags, dry-run, save-config, validate, field-manager). */
export function generatorFlags(fieldManager = 'kubectl-create'): FlagSpec[] {
  return [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: fieldManager },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  ];
}

/** NameFromCommandArgs: exactly one word before `--`. */
export function nameFromArgs(ctx: CommandContext): string {
  const n = ctx.argsLenAtDash === -1 ? ctx.args.length : ctx.argsLenAtDash;
  if (n !== 1) throw new UsageError(`exactly one NAME is required, got ${n}`);
  return ctx.args[0];
}

/** The words after NAME (after `--`): a container command. */
export function commandArgs(ctx: CommandContext): string[] {
  return ctx.args.slice(1);
}

/** cmdutil.GetDryRunStrategy, with its deprecation warnings for a bare or boolean --dry-run. */
export function dryRunStrategy(ctx: CommandContext): DryRunStrategy {
  const v = str(ctx.flags['dry-run']);
  const bool = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v) ? true : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? false : undefined;
  if (bool === undefined) {
    switch (v) {
      case 'unchanged':
        ctx.io.err(`${klogHeader('W', 'helpers.go:702')} --dry-run is deprecated and can be replaced with --dry-run=client.\n`);
        return 'client';
      case 'client':
      case 'server':
      case 'none':
        return v;
    }
    throw new CommandError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
  if (bool) {
    ctx.io.err(`${klogHeader('W', 'helpers.go:716')} --dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=client.\n`);
    return 'client';
  }
  ctx.io.err(`${klogHeader('W', 'helpers.go:719')} --dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=none.\n`);
  return 'none';
}

/** cmdutil.GetValidationDirective */
export function validationDirective(v: string): 'Strict' | 'Warn' | 'Ignore' {
  switch (v.toLowerCase()) {
    case 'strict':
    case 'true':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
      return 'Ignore';
  }
  throw new CommandError(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** -o for mutating verbs: only the generic formats; --template alone means go-template. */
export function outputFormat(ctx: CommandContext): OutputFormat {
  let o = str(ctx.flags.output);
  if (!o && str(ctx.flags.template)) o = `go-template=${str(ctx.flags.template)}`;
  return parseOutput(o, false);
}

/** The options each generator completes the same way, in kubectl's order: dry-run, then the printer. */
export interface GeneratorOptions {
  name: string;
  dryRun: DryRunStrategy;
  output: OutputFormat;
  saveConfig: boolean;
  fieldManager: string;
  /** the namespace requests go to */
  namespace: string;
  /** -n was given: generated objects carry it (EnforceNamespace) */
  enforceNamespace: boolean;
}

export function completeGenerator(ctx: CommandContext, name = nameFromArgs(ctx)): GeneratorOptions {
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  if (ctx.flags.validate !== undefined) validationDirective(str(ctx.flags.validate));
  return {
    name,
    dryRun,
    output,
    saveConfig: ctx.flags['save-config'] === true,
    fieldManager: str(ctx.flags['field-manager']),
    namespace: ctx.namespace,
    enforceNamespace: ctx.explicitNamespace,
  };
}

/** ObjectMeta's fields in Go struct order: the JSON printer keeps this order for generated objects. */
const OBJECT_META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** ObjectMeta as a generator fills it: empty fields omitted, creationTimestamp always null. */
export function objectMeta(m: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.name) out.name = m.name;
  if (m.namespace) out.namespace = m.namespace;
  out.creationTimestamp = null;
  if (m.labels && Object.keys(m.labels).length) out.labels = sortedMap(m.labels);
  if (m.annotations && Object.keys(m.annotations).length) out.annotations = sortedMap(m.annotations);
  return out;
}

/** Go encodes maps with sorted keys. */
export function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** encoding/json's compact form. */
export function goJSON(v: unknown): string {
  return goEscapes(JSON.stringify(v));
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** encodeToJSON (the editor package): an unstructured object's compact JSON, its maps' keys sorted. */
export function encodeToJSON(obj: unknown): string {
  return goJSON(sortDeep(obj));
}

/** A value with every map's keys sorted, as json.Marshal writes an unstructured object. */
export function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(sortedMap(v as Record<string, unknown>)).map(([k, x]) => [k, sortDeep(x)]));
  return v;
}

/**
 * --save-config: the object's own JSON (without the annotation) in the last-applied annotation. A typed
 * object (a generator's) is encoded in field order with empty annotations omitted; an unstructured one
 * (from -f) with sorted keys and `annotations: {}` kept, as json.Marshal does with a map.
 */
export function withLastApplied(obj: KubeObject, unstructured = false): KubeObject {
  const meta = obj.metadata as Record<string, unknown>;
  const annotations = { ...((meta.annotations as Record<string, string>) ?? {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...obj, metadata: { ...meta } } as KubeObject;
  if (Object.keys(annotations).length || unstructured) (bare.metadata as Record<string, unknown>).annotations = sortedMap(annotations);
  else delete (bare.metadata as Record<string, unknown>).annotations;
  annotations[LAST_APPLIED] = `${goJSON(unstructured ? sortDeep(bare) : bare)}\n`;
  const withAnn: Record<string, unknown> = { ...meta, annotations: sortedMap(annotations) };
  const ordered = Object.fromEntries(OBJECT_META_ORDER.filter((k) => k in withAnn).map((k) => [k, withAnn[k]]));
  return { ...obj, metadata: ordered } as KubeObject;
}

/** The success line: `deployment.apps/web created`, with kubectl's dry-run suffixes. */
export function createdMessage(obj: KubeObject, dryRun: DryRunStrategy, verb = 'created'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${nameOf(obj)} ${verb}${suffix}\n`;
}

/** Prints an object as create does: the message without -o, else the object in the format asked. */
export async function printCreated(ctx: CommandContext, o: { output: OutputFormat; dryRun: DryRunStrategy }, obj: KubeObject, generated: boolean): Promise<void> {
  if (o.output.kind === 'table') ctx.io.out(createdMessage(obj, o.dryRun));
  // what the server returned, kubectl holds in its Go type: fields in struct order
  else ctx.io.out(await printObjects(o.output, [generated ? obj : typedOrder(obj)], true, false));
}

/**
 * Sends a generated object to the server (unless --dry-run=client) and prints what came back.
 * `failPrefix` is the context the typed-client generators put before a server error
 * (`failed to create deployment: `); namespace, role and clusterrole print the error as is.
 */
export async function createGenerated(ctx: CommandContext, o: GeneratorOptions, generated: KubeObject, failPrefix?: string): Promise<number> {
  let obj = o.saveConfig ? withLastApplied(generated) : generated;
  let fromServer = false;
  if (o.dryRun !== 'client') {
    const client = await ctx.client();
    const spec = client.kinds.forObject(String(obj.apiVersion), String(obj.kind));
    try {
      if (!spec) throw new StatusError('NotFound', 404, 'the server could not find the requested resource');
      obj = await client.create(spec, obj, spec.namespaced ? o.namespace : undefined, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager });
    } catch (e) {
      if (e instanceof StatusError && failPrefix !== undefined) throw new CommandError(`error: ${failPrefix}${e.message}`);
      throw e;
    }
    fromServer = true;
  }
  await printCreated(ctx, o, obj, !fromServer);
  return 0;
}

/** A corev1.Container as generators fill it, in Go field order; `resources: {}` is always there. */
export function container(c: {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number }[];
  env?: { name: string; value: string }[];
  imagePullPolicy?: string;
  securityContext?: Record<string, unknown>;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}): Record<string, unknown> {
  const out: Record<string, unknown> = { name: c.name, image: c.image };
  if (c.command?.length) out.command = c.command;
  if (c.args?.length) out.args = c.args;
  if (c.ports?.length) out.ports = c.ports;
  if (c.env?.length) out.env = c.env;
  out.resources = {};
  if (c.imagePullPolicy) out.imagePullPolicy = c.imagePullPolicy;
  if (c.securityContext) out.securityContext = c.securityContext;
  if (c.stdin) out.stdin = true;
  if (c.stdinOnce) out.stdinOnce = true;
  if (c.tty) out.tty = true;
  return out;
}
