import fs from 'node:fs';
import path from 'node:path';
import type { KindSpec } from '../../cluster/api/resources/kindSpec.js';
import { StatusError } from '../../cluster/api/status.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { typedOrder } from '../create/goTypes.js';
import { containerLog } from '../logs.js';
import { parseOutput, printObjects, type OutputFormat } from '../printers/index.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';

/**
 * A list as the typed client returns it and the type setter printer prints it: the list's own kind and
 * version, its resourceVersion, and items in their Go field order without kind or apiVersion.
 */
function typedList(client: Client, spec: KindSpec, namespace: string | undefined, showManagedFields: boolean): KubeObject {
  const list = client.list(spec, namespace);
  const items = list.items.map((item) => {
    const metadata: Record<string, unknown> = { ...item.metadata };
    if (!showManagedFields) delete metadata.managedFields;
    const typed = typedOrder({ ...item, metadata } as KubeObject) as Record<string, unknown>;
    // kinds without a field table still get ObjectMeta's order and spec before status
    const { kind: _kind, apiVersion: _apiVersion, metadata: m, spec, status, ...rest } = typed;
    const orderedMeta = typedOrder({ kind: 'ConfigMap', metadata: m } as unknown as KubeObject).metadata;
    return { metadata: orderedMeta, ...(spec === undefined ? {} : { spec }), ...(status === undefined ? {} : { status }), ...rest };
  });
  return {
    kind: `${spec.kind}List`,
    apiVersion: spec.group ? `${spec.group}/${spec.version}` : spec.version,
    metadata: { resourceVersion: list.metadata.resourceVersion },
    items,
  } as unknown as KubeObject;
}

/** `cluster-info dump`: nodes, then each namespace's events, workloads, services and pods, and every container's log. */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  let o = str(f.output);
  if (!ctx.changed.has('output') && str(f.template)) o = `go-template=${str(f.template)}`;
  const format: OutputFormat = parseOutput(o, false);
  const client = await ctx.client();
  const engine = await ctx.engine();
  const dir = str(f['output-directory']);
  const ext = o === 'json' ? '.json' : o === 'yaml' ? '.yaml' : '.txt';
  const showManagedFields = f['show-managed-fields'] === true;
  /** setupOutputWriter: stdout, or a new file under the directory */
  const write = (name: string, extension: string, text: string) => {
    if (!dir || dir === '-') return ctx.io.out(text);
    const file = path.join(dir, name) + extension;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.appendFileSync(file, text);
  };
  const kind = (k: string, group = '') => client.kinds.forKind(k, group)!;
  const print = async (spec: KindSpec, namespace: string | undefined, name: string) => {
    const text = await printObjects(format, [typedList(client, spec, namespace, showManagedFields)], true, false);
    if (dir && dir !== '-') fs.rmSync(path.join(dir, name) + ext, { force: true });
    write(name, ext, text);
  };
  await print(kind('Node'), undefined, 'nodes');
  let namespaces: string[];
  if (f['all-namespaces'] === true) namespaces = client.list(kind('Namespace'), undefined).items.map((n) => n.metadata.name!);
  else if ((f.namespaces as string[]).length) namespaces = f.namespaces as string[];
  else namespaces = ['kube-system', ctx.namespace];
  for (const ns of namespaces) {
    await print(kind('Event'), ns, `${ns}/events`);
    await print(kind('ReplicationController'), ns, `${ns}/replication-controllers`);
    await print(kind('Service'), ns, `${ns}/services`);
    await print(kind('DaemonSet', 'apps'), ns, `${ns}/daemonsets`);
    await print(kind('Deployment', 'apps'), ns, `${ns}/deployments`);
    await print(kind('ReplicaSet', 'apps'), ns, `${ns}/replicasets`);
    await print(kind('Pod'), ns, `${ns}/pods`);
    for (const pod of client.list(kind('Pod'), ns).items) {
      const logName = `${ns}/${pod.metadata.name}/logs`;
      if (dir && dir !== '-') fs.rmSync(path.join(dir, logName) + '.txt', { force: true });
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
        let text = `==== START logs for container ${c.name} of pod ${ns}/${pod.metadata.name} ====\n`;
        try {
          const log = await containerLog(engine, pod, c, false, client.now());
          text += log.lines.map((l) => `${l.text}\n`).join('');
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          text += `Request log error: ${e.message}\n`;
        }
        text += `==== END logs for container ${c.name} of pod ${ns}/${pod.metadata.name} ====\n`;
        write(logName, '.txt', text);
      }
    }
  }
  if (dir && dir !== '-') ctx.io.out(`Cluster info dumped to ${dir}\n`);
  return 0;
}

const help = `Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.

 The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.

Examples:
  # Dump current cluster state to stdout
  kubectl cluster-info dump
  
  # Dump current cluster state to /path/to/cluster-state
  kubectl cluster-info dump --output-directory=/path/to/cluster-state
  
  # Dump all namespaces to stdout
  kubectl cluster-info dump --all-namespaces
  
  # Dump a set of namespaces to /path/to/cluster-state
  kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state

Usage:
  kubectl cluster-info dump [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', usage: 'If true, dump all namespaces.  If true, --namespaces is ignored.', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'namespaces', usage: 'A comma separated list of namespaces to dump.', type: 'stringSlice' },
  { name: 'output', short: 'o', type: 'string', default: 'json' },
  { name: 'output-directory', usage: "Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory", type: 'string' },
  { name: 'pod-running-timeout', type: 'duration', default: '20s' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

export const verb: Verb = { name: 'dump', flags, help, run };
