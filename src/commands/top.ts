import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError } from './util/errors.js';
import { TabWriter } from './printers/tabwriter.js';
import { parseQuantity } from '../cluster/meta/quantity.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';

const HELP_TOP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
const HELP_NODE = `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.

Aliases:
node, nodes, no

Examples:
  # Show metrics for all nodes
  kubectl top node
  
  # Show metrics for a given node
  kubectl top node NODE_NAME

Usage:
  kubectl top node [NAME | -l label] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
const HELP_POD = `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.

Aliases:
pod, pods, po

Examples:
  # Show metrics for all pods in the default namespace
  kubectl top pod
  
  # Show metrics for all pods in the given namespace
  kubectl top pod --namespace=NAMESPACE
  
  # Show metrics for a given pod and its containers
  kubectl top pod POD_NAME --containers
  
  # Show metrics for the pods defined by label name=myLabel
  kubectl top pod -l name=myLabel

Usage:
  kubectl top pod [NAME | -l label] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const MI = 1024 * 1024;

/** kubectl top prints a tab after every cell, the last one too, so its lines end in padding. */
function table(rows: string[][], noHeaders: boolean): string {
  const body = noHeaders ? rows.slice(1) : rows;
  return new TabWriter().format(body.map((r) => [...r, '']));
}

async function metricsView(ctx: CommandContext) {
  const engine = await ctx.engine();
  await engine.sync();
  const [{ ClusterView }, metrics] = await Promise.all([import('../cluster/view.js'), import('../cluster/metrics.js')]);
  const view = new ClusterView(() => engine.store.read());
  if (!metrics.metricsAvailable(view)) throw new CommandError('error: Metrics API not available');
  return { view, metrics, now: engine.clock.now(), client: await ctx.client() };
}

const nodeFlags: FlagSpec[] = [
  { name: 'no-headers', usage: "If present, print output without headers", type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-capacity', type: 'bool' },
  { name: 'sort-by', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.", type: 'string' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];

const podFlags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'containers', type: 'bool' },
  { name: 'field-selector', type: 'string' },
  { name: 'no-headers', usage: "If present, print output without headers.", type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'sort-by', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.", type: 'string' },
  { name: 'sum', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];

function checkSort(s: string): void {
  if (s && s !== 'cpu' && s !== 'memory') throw new CommandError('error: --sort-by accepts only cpu or memory');
}

/** `kubectl top nodes`: usage against allocatable (or capacity with --show-capacity). */
const nodes: Verb = {
  name: 'node',
  aliases: ['nodes', 'no'],
  flags: nodeFlags,
  help: HELP_NODE,
  async run(ctx) {
    const sort = str(ctx.flags['sort-by']);
    checkSort(sort);
    const { view, metrics, now } = await metricsView(ctx);
    const load = metrics.loadSettings(view);
    let list = view.list('/nodes');
    if (ctx.args[0]) {
      list = list.filter((n) => n.metadata.name === ctx.args[0]);
      if (!list.length) throw new CommandError(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${ctx.args[0]}" not found`);
    }
    const pods = view.list('/pods');
    const rows = list
      .map((n) => {
        const u = metrics.nodeUsage(n, pods, load, now);
        const base = ctx.flags['show-capacity'] ? n.status?.capacity : (n.status?.allocatable ?? n.status?.capacity);
        const cpuCap = (parseQuantity(base?.cpu) ?? 0) * 1000;
        const memCap = parseQuantity(base?.memory) ?? 0;
        return { name: n.metadata.name!, u, cpuPct: cpuCap ? Math.floor((u.cpu * 100) / cpuCap) : 0, memPct: memCap ? Math.floor((u.memory * 100) / memCap) : 0 };
      })
      .sort((a, b) => (sort === 'cpu' ? b.u.cpu - a.u.cpu : sort === 'memory' ? b.u.memory - a.u.memory : a.name.localeCompare(b.name)));
    const out: string[][] = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const r of rows) out.push([r.name, `${r.u.cpu}m`, `${r.cpuPct}%`, `${Math.floor(r.u.memory / MI)}Mi`, `${r.memPct}%`]);
    ctx.io.out(table(out, ctx.flags['no-headers'] === true));
  },
};

/** `kubectl top pods`: usage per pod (or per container with --containers). */
const pods: Verb = {
  name: 'pod',
  aliases: ['pods', 'po'],
  flags: podFlags,
  help: HELP_POD,
  async run(ctx) {
    const sort = str(ctx.flags['sort-by']);
    checkSort(sort);
    const { view, metrics, now, client } = await metricsView(ctx);
    const load = metrics.loadSettings(view);
    const all = ctx.flags['all-namespaces'] === true;
    const podSpec = client.kinds.forKind('Pod', '')!;
    let list: KubeObject[] = client.list(podSpec, all ? undefined : ctx.namespace, {
      labelSelector: str(ctx.flags.selector),
      fieldSelector: str(ctx.flags['field-selector']),
    }).items;
    if (ctx.args[0]) list = list.filter((p) => p.metadata.name === ctx.args[0]);
    const measured = list.map((p) => ({ p, u: metrics.podUsage(p, load, now) })).filter((x) => x.u);
    if (!measured.length) {
      if (ctx.args[0]) throw new CommandError(`error: Metrics not available for pod ${ctx.namespace}/${ctx.args[0]}, age: 0s`);
      ctx.io.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    measured.sort((a, b) => (sort === 'cpu' ? b.u!.total.cpu - a.u!.total.cpu : sort === 'memory' ? b.u!.total.memory - a.u!.total.memory : 0));
    const head = [...(all ? ['NAMESPACE'] : []), ...(ctx.flags.containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
    const rows: string[][] = [head];
    for (const { p, u } of measured) {
      const ns = all ? [p.metadata.namespace!] : [];
      if (ctx.flags.containers) for (const c of u!.containers) rows.push([...ns, p.metadata.name!, c.name, `${c.usage.cpu}m`, `${Math.floor(c.usage.memory / MI)}Mi`]);
      else rows.push([...ns, p.metadata.name!, `${u!.total.cpu}m`, `${Math.floor(u!.total.memory / MI)}Mi`]);
    }
    if (ctx.flags.sum) {
      const cpu = measured.reduce((s, x) => s + x.u!.total.cpu, 0);
      const mem = measured.reduce((s, x) => s + x.u!.total.memory, 0);
      const pad = [...(all ? [''] : []), ...(ctx.flags.containers ? [''] : []), ''];
      rows.push([...pad, '________', '________'], [...pad, `${cpu}m`, `${Math.floor(mem / MI)}Mi`]);
    }
    ctx.io.out(table(rows, ctx.flags['no-headers'] === true));
  },
};

/** `kubectl top`: resource usage from the (simulated) Metrics API, served once metrics-server runs. */
export const verb: Verb = {
  name: 'top',
  flags: [],
  help: HELP_TOP,
  subcommands: { node: async () => nodes, nodes: async () => nodes, no: async () => nodes, pod: async () => pods, pods: async () => pods, po: async () => pods },
  async run(ctx) {
    ctx.io.out(HELP_TOP);
  },
};
