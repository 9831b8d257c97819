import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import { parseDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { outputFormat } from './create/generator.js';
import { findValues, goValue } from './printers/jsonpath.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { CommandError } from './util/errors.js';
import { selectResources, type Selected } from './util/select.js';
import type { Verb } from './verb.js';

const POLL_MS = 1000;
/** a negative --timeout means a week */
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** What --for asks: the object is gone, exists, has a condition, or a field has a value. */
type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; path: string; value?: string };

/** conditionFuncFor: kubectl's parsing of --for. */
function parseFor(v: string): Condition {
  const lower = v.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = v.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0 ? { kind: 'condition', type: rest, value: 'true' } : { kind: 'condition', type: rest.slice(0, eq), value: rest.slice(eq + 1) };
  }
  if (lower.startsWith('jsonpath=')) {
    const spec = v.slice('jsonpath='.length);
    // `{.status.phase}=Running`: the value follows the closing brace
    const close = spec.lastIndexOf('}');
    let path = spec;
    let value: string | undefined;
    if (spec.startsWith('{') && close > 0) {
      path = spec.slice(0, close + 1);
      if (spec[close + 1] === '=') value = spec.slice(close + 2);
      else if (close + 1 < spec.length) throw new CommandError(`error: unrecognized condition: ${JSON.stringify(v)}`);
    } else {
      const eq = spec.indexOf('=');
      if (eq >= 0) {
        path = spec.slice(0, eq);
        value = spec.slice(eq + 1);
      }
    }
    if (!path.replace(/[{}]/g, '').trim()) throw new CommandError('error: jsonpath expression cannot be empty');
    if (/^\{?[^.{]/.test(path) && !/^\{?\$/.test(path))
      throw new CommandError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
    return { kind: 'jsonpath', path, value };
  }
  throw new CommandError(`error: unrecognized condition: ${JSON.stringify(v)}`);
}

/** Whether an existing object meets the condition. */
function met(cond: Condition, obj: KubeObject): boolean {
  switch (cond.kind) {
    case 'create':
      return true;
    case 'delete':
      return false;
    case 'condition': {
      const c = ((obj.status?.conditions ?? []) as { type: string; status: string; observedGeneration?: number }[]).find(
        (x) => x.type.toLowerCase() === cond.type.toLowerCase(),
      );
      if (!c) return false;
      if (c.observedGeneration !== undefined && obj.metadata.generation !== undefined && c.observedGeneration < obj.metadata.generation) return false;
      return c.status.toLowerCase() === cond.value.toLowerCase();
    }
    case 'jsonpath': {
      let values: unknown[];
      try {
        values = findValues(cond.path, obj);
      } catch {
        return false;
      }
      if (cond.value === undefined) return values.length > 0;
      if (values.length !== 1) return false;
      const v = values[0];
      if (v !== null && typeof v === 'object') return false;
      return goValue(v) === cond.value;
    }
  }
}

/** `pods/crashy`, `deployments.apps/web`: how the timeout error names an object. */
function resourceName(s: Selected): string {
  return `${s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural}/${s.name}`;
}

/**
 * `kubectl wait`: for each object in turn, look until the condition holds or the time runs out,
 * moving the simulated cluster on between looks. The timeout counts in simulated time.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const cond = parseFor(str(f.for));
  const raw = str(f.timeout);
  const timeout = raw.startsWith('-') ? WEEK_MS : (parseDuration(raw.replace(/^\+/, '')) ?? 0);
  const output = outputFormat(ctx);
  if (!ctx.args.length && !(f.filename as string[]).length)
    throw new CommandError(`error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  const engine = await ctx.engine();
  const client = await ctx.client();
  const start = client.now();
  const sel = await selectResources(ctx, client, { allowAll: true, allNamespaces: f['all-namespaces'] === true, fetch: cond.kind === 'delete' || cond.kind === 'create' ? false : undefined });
  if (sel.errors.length) {
    const e = sel.errors[0];
    throw typeof e === 'string' ? new CommandError(e) : e;
  }
  if (!sel.items.length) throw new CommandError('error: no matching resources found');
  for (const s of sel.items) {
    let firstLook = true;
    for (;;) {
      let obj: KubeObject | undefined;
      try {
        obj = client.get(s.spec, s.namespace, s.name);
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
      // an object that was gone before the wait began is not reported (IsDeleted on a missing object)
      if (cond.kind === 'delete' && !obj && firstLook) break;
      const done = cond.kind === 'delete' ? !obj || obj.metadata.uid !== s.object.metadata.uid && s.object.metadata.uid !== undefined : obj ? met(cond, obj) : false;
      if (done) {
        const shown = obj ?? s.object;
        if (output.kind === 'table') ctx.io.out(`${nameOf({ ...shown, kind: s.spec.kind, apiVersion: s.spec.group ? `${s.spec.group}/${s.spec.version}` : s.spec.version })} condition met\n`);
        else ctx.io.out(await printObjects(output, [shown], true));
        break;
      }
      if (!obj && cond.kind !== 'create') throw new StatusError('NotFound', 404, `${s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural} "${s.name}" not found`);
      firstLook = false;
      const left = start + timeout - client.now();
      if (left <= 0) throw new CommandError(`error: timed out waiting for the condition on ${resourceName(s)}`);
      if (ctx.signal?.aborted) return 1;
      await ctx.sleep(Math.min(POLL_MS, left));
      await engine.sync();
    }
  }
  return 0;
}

const help = `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.

Examples:
  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1
  
  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kubectl wait --for=condition=Ready=false pod/busybox1
  
  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1
  
  # Wait for pod "busybox1" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1
  
  # Wait for the service "loadbalancer" to have ingress
  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer
  
  # Wait for the secret "busybox1" to be created, with a timeout of 30s
  kubectl create secret generic busybox1
  kubectl wait --for=create secret/busybox1 --timeout=30s
  
  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'wait',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', usage: "identifying the resource.", short: 'f', type: 'stringSlice' },
    { name: 'for', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool', default: true },
    { name: 'selector', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)", short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'timeout', usage: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.", type: 'duration', default: '30s' },
  ],
  help,
  run,
};
