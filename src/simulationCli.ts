import type { Command } from 'commander';
import { homeDir, readKubeconfig } from './cluster/home.js';
import { processIO } from './commands/util/io.js';
import { TabWriter } from './commands/printers/tabwriter.js';
import { StatusError } from './cluster/api/status.js';
import type { Engine } from './cluster/engine.js';

/** The cluster of the current kubectl context, opened and caught up. */
async function current(): Promise<Engine> {
  const home = homeDir();
  const cfg = readKubeconfig(home);
  const ctx = cfg.contexts.find((c) => c.name === cfg['current-context']);
  const { openCluster } = await import('./cluster/engine.js');
  const engine = await openCluster(home, ctx?.context.cluster ?? 'kubernetes');
  await engine.sync();
  return engine;
}

/** Runs an action, turning the errors a learner can cause into one line on stderr and exit 1. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? 0;
    } catch (e) {
      const io = processIO();
      if (e instanceof StatusError) io.err(`Error from server (${e.reason}): ${e.message}\n`);
      else io.err(`error: ${(e as Error).message}\n`);
      process.exitCode = 1;
    }
  };
}

/** `kubecadet cluster advance|node|controllers|admission|config`: the simulation's own controls. */
export function registerSimulationCommands(cluster: Command): void {
  const io = processIO();
  cluster
    .command('advance')
    .description('move the cluster clock forward (e.g. 30s, 5m, 2h), running everything that falls due')
    .argument('<duration>', 'how far: 30s, 5m, 1h30m')
    .action(
      action(async (duration: string) => {
        const { parseDuration } = await import('./cluster/meta/duration.js');
        const ms = parseDuration(duration);
        if (ms === undefined || ms < 0) {
          io.err(`error: invalid duration "${duration}" (use a Go duration such as 30s, 5m or 1h30m)\n`);
          return 1;
        }
        const { advance } = await import('./cluster/machine.js');
        const engine = await current();
        await advance(engine, ms);
        io.out(`Cluster "${engine.name}" advanced by ${duration}: its clock reads ${new Date(engine.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z')}.\n`);
      }),
    );
  const node = cluster.command('node').description("stop, start or add a node's kubelet");
  node
    .command('stop')
    .argument('<name>')
    .description("stop the node's kubelet: the node goes NotReady after the grace period and its pods are evicted later")
    .action(
      action(async (name: string) => {
        const { setNodeStopped } = await import('./cluster/machine.js');
        await setNodeStopped(await current(), name, true);
        io.out(`kubelet on node ${name} stopped\n`);
      }),
    );
  node
    .command('start')
    .argument('<name>')
    .description("start the node's kubelet again: it reports Ready and the node controller lifts the taints")
    .action(
      action(async (name: string) => {
        const { setNodeStopped } = await import('./cluster/machine.js');
        await setNodeStopped(await current(), name, false);
        io.out(`kubelet on node ${name} started\n`);
      }),
    );
  node
    .command('add')
    .argument('<name>')
    .option('--role <role>', 'worker or control-plane', 'worker')
    .description('join a new node to the cluster')
    .action(
      action(async (name: string, opts: { role: string }) => {
        if (opts.role !== 'worker' && opts.role !== 'control-plane') {
          io.err(`error: --role must be worker or control-plane, not "${opts.role}"\n`);
          return 1;
        }
        const { addNode } = await import('./cluster/machine.js');
        await addNode(await current(), name, opts.role);
        io.out(`node/${name} joined the cluster\n`);
      }),
    );
  const ctrl = cluster.command('controllers').description("list, enable or disable kube-controller-manager's controllers");
  ctrl
    .command('list', { isDefault: true })
    .description('show every controller and whether it runs')
    .action(
      action(async () => {
        const { listControllers } = await import('./cluster/machine.js');
        const rows = listControllers(await current()).map((c) => [c.name, c.aliases.join(',') || '-', c.enabled ? 'enabled' : 'disabled']);
        io.out(new TabWriter().format([['NAME', 'ALIASES', 'STATUS'], ...rows]));
      }),
    );
  for (const enable of [true, false]) {
    ctrl
      .command(enable ? 'enable' : 'disable')
      .argument('<name>', 'canonical name (replicaset-controller) or --controllers alias (replicaset)')
      .description(enable ? 'start a controller again' : 'stop a controller: what it reconciles stays as it is')
      .action(
        action(async (name: string) => {
          const { setControllerEnabled } = await import('./cluster/machine.js');
          const canonical = await setControllerEnabled(await current(), name, enable);
          if (!canonical) {
            io.err(`error: no controller named "${name}" (see 'kubecadet cluster controllers list')\n`);
            return 1;
          }
          io.out(`${canonical} ${enable ? 'enabled' : 'disabled'}\n`);
        }),
      );
  }
  const admission = cluster.command('admission').description("list, enable or disable the API server's admission plugins");
  admission
    .command('list', { isDefault: true })
    .description('show every admission plugin, in the order requests pass them, and whether it runs')
    .action(
      action(async () => {
        const { listAdmissionPlugins } = await import('./cluster/machine.js');
        const rows = (await listAdmissionPlugins(await current())).map((p) => [p.name, p.enabled ? 'enabled' : 'disabled']);
        io.out(new TabWriter().format([['NAME', 'STATUS'], ...rows]));
      }),
    );
  for (const enable of [true, false]) {
    admission
      .command(enable ? 'enable' : 'disable')
      .argument('<name>', 'the plugin name, as --enable-admission-plugins knows it (LimitRanger, ResourceQuota)')
      .description(enable ? 'turn an admission plugin on again' : 'turn an admission plugin off: requests no longer pass it')
      .action(
        action(async (name: string) => {
          const { setAdmissionPluginEnabled } = await import('./cluster/machine.js');
          if (!(await setAdmissionPluginEnabled(await current(), name, enable))) {
            io.err(`error: no admission plugin named "${name}" (see 'kubecadet cluster admission list')\n`);
            return 1;
          }
          io.out(`admission plugin ${name} ${enable ? 'enabled' : 'disabled'}\n`);
        }),
      );
  }
  const etcd = cluster.command('etcd').description('stop or start etcd members (static pods etcd-<node>)');
  for (const stop of [true, false]) {
    etcd
      .command(stop ? 'stop' : 'start')
      .argument('<member>', 'the member pod, e.g. etcd-controlplane')
      .description(stop ? 'stop a member: with fewer than a majority up, the API server cannot write' : 'start a member again')
      .action(
        action(async (member: string) => {
          const { setEtcdMemberStopped } = await import('./cluster/machine.js');
          const r = await setEtcdMemberStopped(await current(), member, stop);
          io.out(`etcd member ${member} ${stop ? 'stopped' : 'started'}: ${r.up} of ${r.members} members up, quorum ${r.quorum ? 'kept' : 'LOST (writes fail until a majority is back)'}\n`);
        }),
      );
  }
  cluster
    .command('load')
    .description("set a workload's simulated CPU load, as a percentage of its pods' CPU requests (0 to clear)")
    .argument('<workload>', 'NAME or NAMESPACE/NAME of a deployment (or a pod name prefix)')
    .argument('<percent>', 'e.g. 80')
    .action(
      action(async (workload: string, percent: string) => {
        const pct = Number(percent.replace(/%$/, ''));
        if (!Number.isFinite(pct) || pct < 0) {
          io.err(`error: invalid load "${percent}" (a percentage such as 80)\n`);
          return 1;
        }
        const [ns, name] = workload.includes('/') ? workload.split('/') : ['default', workload];
        const { setLoad } = await import('./cluster/machine.js');
        await setLoad(await current(), ns, name, pct);
        io.out(`load of ${ns}/${name} set to ${pct}% of its CPU requests\n`);
      }),
    );
  cluster
    .command('proxy')
    .description("show the rules kube-proxy programmed on a node, in its mode or the one given")
    .argument('<node>')
    .option('--mode <mode>', 'iptables, ipvs or nftables (default: the kube-proxy ConfigMap\'s mode, else iptables)')
    .action(
      action(async (nodeName: string, opts: { mode?: string }) => {
        const { renderProxy, PROXY_MODES } = await import('./cluster/proxy/index.js');
        if (opts.mode && !(PROXY_MODES as readonly string[]).includes(opts.mode)) {
          io.err(`error: unknown proxy mode "${opts.mode}" (one of: ${PROXY_MODES.join(', ')})\n`);
          return 1;
        }
        const engine = await current();
        const { ClusterView } = await import('./cluster/view.js');
        const view = new ClusterView(() => engine.store.read());
        if (!view.get('/nodes', undefined, nodeName)) {
          io.err(`Error from server (NotFound): nodes "${nodeName}" not found\n`);
          return 1;
        }
        const { mode, text } = renderProxy(view, nodeName, opts.mode);
        const header = mode === 'ipvs' ? '# ipvsadm -Ln' : mode === 'nftables' ? '# nft list table ip kube-proxy' : '# iptables-save (the tables kube-proxy owns)';
        io.out(`# kube-proxy on ${nodeName}, mode ${mode}\n${header}\n${text}`);
      }),
    );
  cluster
    .command('config')
    .description('show or change control-plane settings (node-monitor-grace-period)')
    .argument('[key]')
    .argument('[value]')
    .action(
      action(async (key?: string, value?: string) => {
        const { SETTINGS, readSettings, writeSetting } = await import('./cluster/machine.js');
        const engine = await current();
        const settings = readSettings(engine);
        if (!key) {
          for (const [name, s] of Object.entries(SETTINGS)) io.out(`${name}: ${s.show(settings[s.key] ?? s.def)}\n`);
          return 0;
        }
        const s = SETTINGS[key];
        if (!s) {
          io.err(`error: unknown setting "${key}" (known: ${Object.keys(SETTINGS).join(', ')})\n`);
          return 1;
        }
        if (value === undefined) {
          io.out(`${key}: ${s.show(settings[s.key] ?? s.def)}\n`);
          return 0;
        }
        const v = s.parse(value);
        if (v === undefined || v <= 0) {
          io.err(`error: invalid value "${value}" for ${key}\n`);
          return 1;
        }
        await writeSetting(engine, s.key, v);
        io.out(`${key}: ${s.show(v)}\n`);
      }),
    );
}
