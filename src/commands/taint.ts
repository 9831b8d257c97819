import type { KubeObject } from '../cluster/api/types.js';
import { StatusError } from '../cluster/api/status.js';
import { isQualifiedName, isValidLabelValue } from '../cluster/api/validation.js';
import { rfc3339 } from '../cluster/clock.js';
import type { Taint } from '../cluster/meta/taints.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { dryRunStrategy, outputFormat } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { CommandError, reportErrors, UsageError } from './util/errors.js';
import { selectResources } from './util/select.js';
import type { Verb } from './verb.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: `key=value:effect`, `key:effect`, `key=value` or `key`. */
function taintToString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** How Go's %v prints a Taint: `{key value effect <nil>}`. */
function taintGoValue(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect} ${t.timeAdded ?? '<nil>'}}`;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value: string | undefined;
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  const t: Taint = { key, effect };
  if (value) t.value = value;
  return t;
}

/** parseTaints: the taints to add (each with an effect, unique by key and effect) and to remove (`-` suffix). */
function parseTaints(specs: string[], now: number): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new Error(`invalid taint spec: ${s}`);
    if (add.some((x) => x.key === t.key && x.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: ${taintGoValue(t)}`);
    // kubectl stamps NoExecute taints: the taint manager counts tolerationSeconds from then
    if (t.effect === 'NoExecute') t.timeAdded = rfc3339(now);
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: the node's new taint list and the word for what changed. */
function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { word: string; taints: Taint[]; errors: string[] } {
  const taints = [...add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    taints.splice(0, taints.length, ...kept);
    deleted = kept.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintToString(r))} not found`);
  }
  const word = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { word, taints, errors };
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of ctx.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length) throw new CommandError(`error: all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  if (!resources.length) throw new CommandError('error: one or more resources must be specified as <resource> <name>');
  if (!taintArgs.length) throw new CommandError('error: at least one taint update is required');
  const client = await ctx.client();
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(taintArgs, client.now());
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const type = client.kinds.resolve(resources[0]);
  if (type?.kind !== 'Node') throw new CommandError(`error: invalid resource type ${resources[0]}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add)
    for (const r of parsed.remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect}`);
  if (conflicts.length) throw new CommandError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = f.all === true;
  const selector = str(f.selector);
  if (all && selector) throw new CommandError("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw new CommandError("error: at least one resource name must be specified since 'all' parameter is not set");
  const sel = await selectResources(ctx, client, { args: all || selector ? [resources[0]] : resources, allowAll: true });
  if (sel.errors.length) return reportErrors(ctx.io, sel.errors.slice(0, 1));
  const overwrite = f.overwrite === true;
  for (const s of sel.items) {
    const node = structuredClone(s.object);
    const old: Taint[] = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
      if (exists.length) throw new CommandError(`error: node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
    const { word, taints, errors } = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
    if (errors.length) throw new CommandError(`error: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`);
    let result: KubeObject = { ...node, spec: { ...node.spec, taints: taints.length ? taints : undefined } };
    if (!result.spec.taints) delete result.spec.taints;
    if (dryRun !== 'client') {
      try {
        result = await client.patch(s.spec, undefined, s.name, 'merge', { spec: { taints: taints.length ? taints : null } }, { dryRun: dryRun === 'server', fieldManager: str(f['field-manager']) });
      } catch (e) {
        if (e instanceof StatusError) return reportErrors(ctx.io, [e]);
        throw e;
      }
    }
    if (output.kind === 'table') {
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      ctx.io.out(`${nameOf(result)} ${word}${suffix}\n`);
    } else ctx.io.out(await printObjects(output, [result], true));
  }
  return 0;
}

const help = `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.

Examples:
  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule
  
  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-
  
  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-
  
  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule
  
  # Add to node 'foo' a taint with key 'bar' and no value
  kubectl taint nodes foo bar:NoSchedule

Usage:
  kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'taint',
  flags: [
    { name: 'all', usage: "Select all nodes in the cluster", type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'overwrite', usage: "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.", type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  ],
  help,
  run,
};
