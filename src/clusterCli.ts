import type { Command } from 'commander';
import { homeDir } from './cluster/home.js';
import { processIO } from './commands/util/io.js';
import { registerSimulationCommands } from './simulationCli.js';

/**
 * Runs an admin action: a learner's mistake (AdminError, StoreError, FixtureError) is one line on stderr
 * and exit 1; anything else is our bug, with the stack only under KUBECADET_DEBUG=1.
 */
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const io = processIO();
      const msg = (e as Error).message ?? String(e);
      const [{ AdminError }, { StoreError }, { FixtureError }] = await Promise.all([
        import('./clusterAdmin.js'),
        import('./cluster/store/errors.js'),
        import('./cluster/fixtures.js'),
      ]);
      if (e instanceof AdminError || e instanceof StoreError) io.err(`${msg}\n`);
      else if (e instanceof FixtureError) io.err(`error: ${msg}\n`);
      else if (process.env.KUBECADET_DEBUG) io.err(`${(e as Error).stack ?? msg}\n`);
      else io.err(`kubecadet: internal error: ${msg}. This is a bug in kubecadet; please report it with the command you ran (set KUBECADET_DEBUG=1 to see where it happened).\n`);
      process.exitCode = 1;
    }
  };
}

/** The start screen, until the tutor opens here: the cluster a newcomer has, and what to type next. */
async function startScreen(): Promise<void> {
  const { runKubectl } = await import('./commands/kubectl.js');
  const { currentClusterName } = await import('./clusterAdmin.js');
  const io = processIO();
  const cluster = currentClusterName(homeDir());
  io.out(`kubecadet: a simulated Kubernetes v1.32 cluster on your machine (cluster "${cluster}").\n\n$ kubectl get nodes\n`);
  const code = await runKubectl(['get', 'nodes'], { io });
  if (code !== 0) {
    process.exitCode = code;
    return;
  }
  io.out(
    '\nNext, try:\n' +
      '  kubecadet kubectl get pods -A                              what runs in the cluster\n' +
      '  kubecadet kubectl create deployment web --image=nginx      start something of your own\n' +
      '  kubecadet kubectl get pods -w                              watch it come up (Ctrl-C to stop)\n' +
      '  kubecadet cluster list                                     your clusters; `cluster reset` starts afresh\n' +
      '  kubecadet --help                                           everything else\n' +
      '\n`kubecadet k` is short for `kubecadet kubectl`.\n',
  );
}

/** `kubecadet cluster ...` and the default action; loaded only when no kubectl verb runs. */
export function registerClusterCommands(program: Command): void {
  program.action(action(startScreen));
  const cluster = program.command('cluster').description('manage the simulated clusters');
  const io = processIO();
  cluster
    .command('list')
    .description('show every cluster: the current one starred, the fixture it came from, its nodes and objects')
    .action(
      action(async () => {
        const { listClusters } = await import('./clusterAdmin.js');
        await listClusters(homeDir(), io);
      }),
    );
  cluster
    .command('reset')
    .description('start a cluster afresh from a fixture (the current cluster unless --name is given)')
    .option('--fixture <name>', 'the starting cluster (default: the fixture it was made from)')
    .option('--name <cluster>', 'which cluster to reset')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(
      action(async (opts: { fixture?: string; name?: string; yes?: boolean }) => {
        const { resetCluster } = await import('./clusterAdmin.js');
        await resetCluster(homeDir(), opts, io);
      }),
    );
  cluster
    .command('create')
    .description('create another cluster, with a kubeconfig context kubernetes-admin@NAME')
    .argument('<name>')
    .option('--fixture <name>', 'the starting cluster', 'default')
    .action(
      action(async (name: string, opts: { fixture: string }) => {
        const { createCluster } = await import('./clusterAdmin.js');
        await createCluster(homeDir(), name, opts, io);
      }),
    );
  cluster
    .command('use')
    .description("make a cluster current: kubectl's current-context becomes its context")
    .argument('<name>')
    .action(
      action(async (name: string) => {
        const { useCluster } = await import('./clusterAdmin.js');
        await useCluster(homeDir(), name, io);
      }),
    );
  cluster
    .command('delete')
    .description('delete a cluster and its contexts (never the last one)')
    .argument('<name>')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(
      action(async (name: string, opts: { yes?: boolean }) => {
        const { deleteCluster } = await import('./clusterAdmin.js');
        await deleteCluster(homeDir(), name, opts, io);
      }),
    );
  registerSimulationCommands(cluster);
}
