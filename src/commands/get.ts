import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import type { KubeObject } from '../cluster/api/types.js';
import { StatusError } from '../cluster/api/status.js';
import type { Client } from '../cluster/client/client.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { parseOutput, printObjects, TemplateError, type OutputFormat } from './printers/index.js';
import { headerRow, objectRow, type TableOptions } from './printers/table.js';
import { TabWriter } from './printers/tabwriter.js';
import { CommandError, SilentExit, statusText } from './util/errors.js';
import { parseResourceArgs, type ResourceRequest } from './util/resourceArgs.js';
import type { FlagSpec } from './util/flags.js';
import { checkFilenameOptions } from './util/manifests.js';
import type { Verb } from './verb.js';

interface GetOptions {
  requests: ResourceRequest[];
  /** objects named in -f manifests, in file order */
  fromFiles: { spec: KindSpec; namespace: string | undefined; name: string }[];
  /** errors met while reading -f, printed after the output */
  fileErrors: string[];
  output: OutputFormat;
  allNamespaces: boolean;
  namespace: string;
  labelSelector: string;
  fieldSelector: string;
  watch: boolean;
  watchOnly: boolean;
  watchEvents: boolean;
  ignoreNotFound: boolean;
  sortBy: string;
  table: TableOptions;
  showKind: boolean;
  /** kubectl's singleItemImplied: one object named, so -o yaml prints it rather than a List */
  singleItem: boolean;
  /** several types were asked for (`deploy,svc`, `all`, `pod/a svc/b`): NAME gets a kind prefix */
  multipleTypes: boolean;
}

const flags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', usage: "Filename, directory, or URL to files identifying the resource to get from a server.", short: 'f', type: 'stringSlice' },
  { name: 'ignore-not-found', usage: "If the requested object does not exist the command will return exit code 0.", type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'label-columns', short: 'L', type: 'stringSlice' },
  { name: 'no-headers', type: 'bool' },
  { name: 'output', usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].", short: 'o', type: 'string' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'raw', usage: "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.", type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'show-kind', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'sort-by', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.", type: 'string' },
  { name: 'subresource', usage: "If specified, gets the subresource of the requested object. This flag is beta and may change in the future.", type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
];

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/** kubectl's MultipleTypesRequested: `all`, a comma list of types, or TYPE/NAME forms of different types. */
function multipleTypesRequested(args: string[]): boolean {
  if (args.includes('all')) return true;
  const types = new Set<string>();
  for (const a of args) {
    if (a.includes('/')) types.add(a.slice(0, a.indexOf('/')));
    else if (a.includes(',')) return true;
  }
  return types.size > 1;
}

async function complete(ctx: CommandContext, client: Client): Promise<GetOptions> {
  const f = ctx.flags;
  const watch = f.watch === true;
  const watchOnly = f['watch-only'] === true;
  const watchEvents = f['output-watch-events'] === true;
  let o = str(f.output);
  if (!o && str(f.template)) o = `go-template=${str(f.template)}`;
  else if ((o === 'go-template' || o === 'template' || o === 'jsonpath' || o === 'go-template-file' || o === 'templatefile' || o === 'jsonpath-file') && str(f.template))
    o = `${o}=${str(f.template)}`;
  const output = parseOutput(o, true);
  const filenames = f.filename as string[];
  if (ctx.args.length === 0 && !filenames.length && !str(f.kustomize)) {
    ctx.io.err(NO_TYPE);
    throw new SilentExit(1);
  }
  if (watchEvents && !watch && !watchOnly)
    throw new CommandError('error: --output-watch-events option can only be used with --watch or --watch-only');
  // kubectl names the printer by the -o value as given
  const rawOutput = str(f.output);
  if (f['show-labels'] === true && rawOutput !== '' && rawOutput !== 'wide')
    throw new CommandError(`error: --show-labels option cannot be used with ${rawOutput} printer`);
  const kustomize = str(f.kustomize);
  checkFilenameOptions(filenames, kustomize, false);
  if (filenames.length && ctx.args.length)
    throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl get -h' for help and examples`);
  const requests = parseResourceArgs(client.kinds, ctx.args);
  const fromFiles: GetOptions['fromFiles'] = [];
  const fileErrors: string[] = [];
  if (filenames.length || kustomize) {
    const { readManifests, mapManifest } = await import('./util/manifests.js');
    let manifests;
    try {
      manifests = await readManifests(ctx.io, filenames, { recursive: f.recursive === true, kustomize });
    } catch (e) {
      // get prints a kustomize failure without kubectl's `error: `
      if (kustomize && e instanceof CommandError) throw new CommandError(e.message.replace(/^error: /, ''));
      throw e;
    }
    for (const m of manifests) {
      const mapped = mapManifest(client.kinds, m, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
      if ('error' in mapped) fileErrors.push(mapped.error);
      else fromFiles.push({ spec: mapped.spec, namespace: mapped.namespace, name: mapped.object.metadata.name ?? '' });
    }
  }
  const allNamespaces = f['all-namespaces'] === true;
  const named = requests.reduce((n, r) => n + r.names.length, 0);
  return {
    requests,
    fromFiles,
    fileErrors,
    output,
    allNamespaces,
    namespace: ctx.namespace,
    labelSelector: str(f.selector),
    fieldSelector: str(f['field-selector']),
    watch,
    watchOnly,
    watchEvents,
    ignoreNotFound: f['ignore-not-found'] === true,
    sortBy: str(f['sort-by']),
    showKind: f['show-kind'] === true,
    singleItem: fromFiles.length + named === 1 && requests.every((r) => r.names.length > 0),
    multipleTypes: multipleTypesRequested(ctx.args) || new Set(fromFiles.map((x) => x.spec)).size > 1,
    table: {
      wide: output.kind === 'table' && output.wide,
      labelColumns: f['label-columns'] as string[],
      showLabels: f['show-labels'] === true,
      noHeaders: f['no-headers'] === true,
      eventColumn: watchEvents,
    },
  };
}

/**
 * `get -k DIR`: the objects a kustomization builds, as far as get needs them: the manifests under
 * `resources` (files, or directories with their own kustomization), with the `namespace`, `namePrefix`
 * and `nameSuffix` it sets. Label, annotation and patch transformers do not change which objects these
 * are, so get does not apply them.
 */
/** The objects of one kind that one request found, in the order they came. */
interface Fetched {
  spec: KindSpec;
  items: KubeObject[];
}

function fetch(client: Client, o: GetOptions): { fetched: Fetched[]; errors: string[] } {
  const errors: string[] = [];
  const fetched: Fetched[] = [];
  const add = (spec: KindSpec, obj: KubeObject) => {
    const last = fetched[fetched.length - 1];
    if (last && last.spec === spec) last.items.push(obj);
    else fetched.push({ spec, items: [obj] });
  };
  const getOne = (spec: KindSpec, ns: string | undefined, name: string) => {
    try {
      add(spec, client.get(spec, ns, name));
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound' && o.ignoreNotFound) return;
      if (e instanceof StatusError) errors.push(statusText(e));
      else throw e;
    }
  };
  for (const x of o.fromFiles) getOne(x.spec, x.namespace, x.name);
  for (const req of o.requests) {
    const ns = req.spec.namespaced ? o.namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) getOne(req.spec, ns, name);
      continue;
    }
    try {
      const list = client.list(req.spec, req.spec.namespaced && !o.allNamespaces ? o.namespace : undefined, {
        labelSelector: o.labelSelector,
        fieldSelector: o.fieldSelector,
        // a table only reads the objects
        readOnly: o.output.kind === 'table',
      });
      if (list.items.length) fetched.push({ spec: req.spec, items: list.items });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason === 'BadRequest' || e.reason === 'NotFound') {
        // the resource builder says which list failed, without hiding that the API refused it
        const gvr = `${req.spec.group}/${req.spec.version}, Resource=${req.spec.plural}`;
        const msg =
          !o.labelSelector && !o.fieldSelector
            ? `Unable to list ${JSON.stringify(gvr)}: ${e.message}`
            : `Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(o.labelSelector)}, field selector ${JSON.stringify(o.fieldSelector)}: ${e.message}`;
        errors.push(statusText(new StatusError(e.reason, e.code, msg)));
      } else errors.push(statusText(e));
    }
  }
  return { fetched, errors: [...o.fileErrors, ...errors] };
}

async function run(ctx: CommandContext): Promise<number> {
  if (str(ctx.flags.raw)) return (await import('./getRaw.js')).getRaw(ctx);
  const client = await ctx.client();
  const o = await complete(ctx, client);
  if (o.watch || o.watchOnly) return watch(ctx, client, o);
  const io = ctx.io;
  const { fetched, errors } = fetch(client, o);
  if (o.sortBy) {
    const { sortObjects } = await import('./printers/sort.js');
    for (const f of fetched) f.items = sortObjects(f.items, o.sortBy);
  }
  let all = fetched.flatMap((f) => f.items);
  if (ctx.flags['show-managed-fields'] !== true && (o.output.kind === 'yaml' || o.output.kind === 'json'))
    all = all.map((obj) => (obj.metadata?.managedFields ? withoutManagedFields(obj) : obj));
  let failed = errors.length > 0;
  if (o.output.kind === 'table') {
    const withKind = o.multipleTypes || o.showKind || fetched.length > 1;
    const now = client.now();
    let out = '';
    for (const f of fetched) {
      const opts: TableOptions = { ...o.table, withNamespace: o.allNamespaces && f.spec.namespaced, withKind };
      const rows = f.items.map((item) => objectRow(f.spec, item, now, opts));
      if (!opts.noHeaders) {
        // a blank line between the tables of several kinds
        if (out) out += '\n';
        rows.unshift(headerRow(f.spec, opts));
      }
      out += new TabWriter().format(rows);
    }
    io.out(out);
    if (!all.length && !errors.length && !o.ignoreNotFound) {
      const allNamespaced = !o.allNamespaces && [...o.requests.map((r) => r.spec), ...o.fromFiles.map((x) => x.spec)].every((s) => s.namespaced);
      io.err(allNamespaced ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n');
    }
  } else if (o.singleItem && all.length !== 1) {
    // one object was named and it is not there: only the error
  } else if (!(all.length === 0 && o.ignoreNotFound)) {
    try {
      if (o.output.kind === 'custom-columns') {
        const { printCustomColumns } = await import('./printers/customColumns.js');
        io.out(printCustomColumns(o.output.columns, all, o.table.noHeaders === true));
      } else io.out(await printObjects(o.output, all, o.singleItem && all.length === 1));
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      io.out(e.partial);
      errors.push(e.message);
      failed = true;
    }
  }
  if (errors.length) io.err(errors.map((e) => `${e}\n`).join(''));
  return failed ? 1 : 0;
}

/** kubectl hides metadata.managedFields from -o yaml|json unless --show-managed-fields. */
function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields: _hidden, ...metadata } = obj.metadata;
  return { ...obj, metadata } as KubeObject;
}

/**
 * `get -w`: the current state first (unless --watch-only), then one row per change as any process
 * makes it, until Ctrl-C, which ends it with exit 0 and nothing more printed.
 */
async function watch(ctx: CommandContext, client: Client, o: GetOptions): Promise<number> {
  const kinds = new Set([...o.requests.map((r) => r.spec), ...o.fromFiles.map((x) => x.spec)]);
  if (kinds.size !== 1 || o.requests.length > 1) throw new CommandError('error: you may only specify a single resource type');
  const spec = [...kinds][0];
  const names = o.fromFiles.length ? o.fromFiles.map((x) => x.name) : o.requests[0].names;
  if (names.length > 1) throw new CommandError(`error: watch is only supported on individual resources and resource collections, but ${names.length} resources were found`);
  if (o.sortBy) ctx.io.err('warning: --watch requested, --sort-by will be ignored for watch events received\n');
  const io = ctx.io;
  const ns = spec.namespaced ? (o.allNamespaces && !names.length ? undefined : (o.fromFiles[0]?.namespace ?? o.namespace)) : undefined;
  const fieldSelector = names.length ? [`metadata.name=${names[0]}`, o.fieldSelector].filter(Boolean).join(',') : o.fieldSelector;
  const opts: TableOptions = { ...o.table, withNamespace: o.allNamespaces && spec.namespaced && !names.length, withKind: o.showKind };
  // one tab writer for the whole session: column widths are remembered and only grow
  const tw = new TabWriter();
  let headerShown = !!opts.noHeaders;
  let printed = 0;
  /** Prints a batch of events: the initial list is laid out as one table, each later event alone. */
  const emit = async (type: string, objects: KubeObject[]) => {
    if (!objects.length) return;
    if (o.output.kind === 'table') {
      const now = client.now();
      const rows = objects.map((object) => objectRow(spec, object, now, opts, type));
      if (!headerShown) {
        rows.unshift(headerRow(spec, opts));
        headerShown = true;
      }
      io.out(tw.format(rows));
      return;
    }
    if (o.output.kind === 'custom-columns') {
      // the header once, widths remembered like the table's
      const { customColumnsRow } = await import('./printers/customColumns.js');
      const columns = o.output.columns;
      const rows = objects.map((object) => customColumnsRow(columns, object));
      if (!headerShown) {
        rows.unshift(columns.map((c) => c.header));
        headerShown = true;
      }
      io.out(tw.format(rows));
      return;
    }
    for (const object of objects) {
      const shown = o.watchEvents ? ({ type, object } as unknown as KubeObject) : object;
      let text = await printObjects(o.output, [shown], true);
      if (o.output.kind === 'yaml' && printed > 0) text = `---\n${text}`;
      printed++;
      io.out(text);
    }
  };
  let rv: string | undefined;
  if (names.length) {
    // a named object that does not exist is an error before anything is watched
    const obj = client.get(spec, ns, names[0]);
    const list = client.list(spec, ns, { fieldSelector });
    rv = list.metadata.resourceVersion;
    if (!o.watchOnly) await emit('ADDED', [obj]);
  } else {
    const list = client.list(spec, ns, { labelSelector: o.labelSelector, fieldSelector });
    rv = list.metadata.resourceVersion;
    if (!o.watchOnly) {
      let items = list.items;
      if (o.sortBy) items = (await import('./printers/sort.js')).sortObjects(items, o.sortBy);
      await emit('ADDED', items);
    }
  }
  const stream = client.watch(spec, ns, { labelSelector: o.labelSelector, fieldSelector, resourceVersion: rv, signal: ctx.signal });
  for await (const ev of stream) {
    if (ev.type === 'ERROR') {
      io.err(`${statusText(new StatusError(ev.object.reason, ev.object.code, ev.object.message))}\n`);
      return 1;
    }
    await emit(ev.type, [ev.object]);
  }
  return 0;
}

const help = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web
  
  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # List a pod identified by type and name specified in "pod.yaml" in JSON output format
  kubectl get -f pod.yaml -o json
  
  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl get -k dir/
  
  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}
  
  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image
  
  # List all replication controllers and services together in ps output format
  kubectl get rc,services
  
  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7
  
  # List the 'status' subresource for a single pod
  kubectl get pod web-pod-13je7 --subresource status
  
  # List all deployments in namespace 'backend'
  kubectl get deployments.apps --namespace backend
  
  # List all pods existing in all namespaces
  kubectl get pods --all-namespaces

Usage:
  kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'get',
  flags,
  help,
  run,
};
