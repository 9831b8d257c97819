import type { KubeObject } from '../cluster/api/types.js';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { humanDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { typedOrder } from './create/goTypes.js';
import { parseOutput, printObjects, type OutputFormat } from './printers/index.js';
import { TabWriter } from './printers/tabwriter.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { goSort } from './util/goSort.js';
import { resolveType } from './util/resourceArgs.js';
import type { Verb } from './verb.js';

interface EventsOptions {
  namespace: string;
  allNamespaces: boolean;
  watch: boolean;
  noHeaders: boolean;
  showManagedFields: boolean;
  /** sorted and deduplicated, as sets.NewString(...).List() leaves them */
  types: string[];
  fieldSelector?: string;
  output: OutputFormat;
}

/** decodeResourceTypeName: `--for TYPE/NAME` as the field selector on involvedObject kubectl sends. */
function forSelector(kinds: Parameters<typeof resolveType>[0], forObject: string): string {
  if (!forObject.includes('/')) throw new CommandError('error: --for must be in resource/name form');
  const seg = forObject.split('/');
  if (seg.length !== 2) throw new CommandError('error: arguments in resource/name form may not have more than one slash');
  let spec: KindSpec;
  try {
    spec = resolveType(kinds, seg[0].toLowerCase());
  } catch (e) {
    // the RESTMapper's error reaches CheckErr as it is, without `error: `
    throw new CommandError((e as Error).message.replace(/^error: /, ''));
  }
  const apiVersion = spec.group ? `${spec.group}/${spec.version}` : spec.version;
  return `involvedObject.kind=${spec.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${seg[1]}`;
}

/** ToOptions then Validate, in kubectl's order: --for, the printer, then --types. */
async function complete(ctx: CommandContext): Promise<EventsOptions> {
  const f = ctx.flags;
  const forObject = str(f.for);
  const fieldSelector = forObject ? forSelector((await ctx.client()).kinds, forObject) : undefined;
  const output = parseOutput(str(f.output), false);
  const types = [...new Set(f.types as string[])].sort();
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new CommandError('error: valid --types are Normal or Warning');
  return {
    namespace: ctx.namespace,
    allNamespaces: f['all-namespaces'] === true,
    watch: f.watch === true,
    noHeaders: f['no-headers'] === true,
    showManagedFields: f['show-managed-fields'] === true,
    types,
    fieldSelector,
    output,
  };
}

function wanted(o: EventsOptions, e: KubeObject): boolean {
  return !o.types.length || o.types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
}

/** An event as the typed client decodes it: its kind set, Go's zero values written out, fields in struct order. */
function typed(e: KubeObject, showManagedFields: boolean): KubeObject {
  const metadata: Record<string, unknown> = { ...e.metadata, creationTimestamp: e.metadata.creationTimestamp ?? null };
  if (!showManagedFields) delete metadata.managedFields;
  return typedOrder({
    ...e,
    kind: 'Event',
    apiVersion: 'v1',
    metadata,
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    eventTime: e.eventTime ?? null,
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  } as KubeObject);
}

/** An RFC 3339 time in microseconds (MicroTime keeps them); Go's zero time for none, before every other. */
function micros(ts: string | null | undefined): number {
  if (!ts) return -Infinity;
  const frac = /\.(\d+)Z$/.exec(ts)?.[1] ?? '';
  return Date.parse(ts.replace(/\.\d+Z$/, 'Z')) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** eventTime(): what SortableEvents orders by. */
function eventTime(e: KubeObject): number {
  if (e.series) return micros(e.series.lastObservedTime);
  if (e.lastTimestamp) return micros(e.lastTimestamp);
  return micros(e.eventTime);
}

function since(ts: string | null | undefined, now: number): string {
  return ts ? humanDuration(now - Date.parse(ts)) : '<unknown>';
}

/** getInterval: `10s`, or `10s (x5 over 4m)` for a repeated event. */
function interval(e: KubeObject, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** printers.EscapeTerminal */
function escapeTerminal(s: unknown): string {
  return String(s ?? '')
    .replace(/\x1b/g, '^[')
    .replace(/\r/g, '\\r');
}

/** EventPrinter: `LAST SEEN TYPE REASON OBJECT MESSAGE` (NAMESPACE first with -A), the header once per session. */
class EventPrinter {
  private headersPrinted = false;
  private readonly tw = new TabWriter();

  constructor(private readonly o: EventsOptions) {}

  print(events: KubeObject[], now: number): string {
    const rows: string[][] = [];
    if (!this.o.noHeaders && !this.headersPrinted) {
      rows.push([...(this.o.allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      this.headersPrinted = true;
    }
    for (const e of events) {
      const io = e.involvedObject ?? {};
      rows.push([
        ...(this.o.allNamespaces ? [String(e.metadata.namespace ?? '')] : []),
        interval(e, now),
        escapeTerminal(e.type),
        escapeTerminal(e.reason),
        `${escapeTerminal(io.kind)}/${escapeTerminal(io.name)}`,
        escapeTerminal(String(e.message ?? '').trim()),
      ]);
    }
    return this.tw.format(rows);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const o = await complete(ctx);
  const client = await ctx.client();
  const spec = client.kinds.forKind('Event', '') as KindSpec;
  const namespace = o.allNamespaces ? undefined : o.namespace;
  const table = new EventPrinter(o);
  if (o.watch) return watch(ctx, o, spec, namespace, table);
  const items = client
    .list(spec, namespace, { fieldSelector: o.fieldSelector })
    .items.filter((e) => wanted(o, e))
    .map((e) => typed(e, o.showManagedFields));
  if (!items.length) {
    ctx.io.err(o.allNamespaces ? 'No events found.\n' : `No events found in ${o.namespace} namespace.\n`);
    return 0;
  }
  goSort(items, (a, b) => eventTime(a) < eventTime(b));
  if (o.output.kind === 'table') ctx.io.out(table.print(items, client.now()));
  // the name printer fails on the list and kubectl drops its error: nothing is printed
  else if (o.output.kind !== 'name') {
    const list = typedOrder({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items } as unknown as KubeObject);
    ctx.io.out(await printObjects(o.output, [list], true, false));
  }
  return 0;
}

/** runWatch: no list first; the watch replays what exists as ADDED, then each change; deletions are not shown. */
async function watch(ctx: CommandContext, o: EventsOptions, spec: KindSpec, namespace: string | undefined, table: EventPrinter): Promise<number> {
  const client = await ctx.client();
  let printed = 0;
  for await (const ev of client.watch(spec, namespace, { fieldSelector: o.fieldSelector, signal: ctx.signal })) {
    if (ev.type === 'ERROR') break;
    if (ev.type === 'DELETED' || !wanted(o, ev.object)) continue;
    const e = typed(ev.object, o.showManagedFields);
    if (o.output.kind === 'table') ctx.io.out(table.print([e], client.now()));
    else {
      let text = await printObjects(o.output, [e], true, false);
      if (o.output.kind === 'yaml' && printed > 0) text = `---\n${text}`;
      ctx.io.out(text);
    }
    printed++;
  }
  return 0;
}

const help = `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.

Examples:
  # List recent events in the default namespace
  kubectl events
  
  # List recent events in all namespaces
  kubectl events --all-namespaces
  
  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch
  
  # List recent events in YAML format
  kubectl events -oyaml
  
  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal

Usage:
  kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'for', usage: 'Filter events to only those pertaining to the specified resource.', type: 'string' },
  { name: 'no-headers', usage: "When using the default output format, don't print headers.", type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'types', usage: 'Output only events of given types.', type: 'stringSlice' },
  { name: 'watch', short: 'w', usage: 'After listing the requested events, watch for more events.', type: 'bool' },
];

export const verb: Verb = { name: 'events', flags, help, run };
