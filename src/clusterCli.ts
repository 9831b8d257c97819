import type { Command } from 'commander';
import { homeDir, readKubeconfig } from './cluster/home.js';
import { processIO } from './commands/util/io.js';
import { registerSimulationCommands } from './simulationCli.js';

/** `kubecadet cluster ...` and the default action; loaded only when no kubectl verb runs. */
export function registerClusterCommands(program: Command): void {
  program.action(async () => {
    // Until the tutor opens here, show the cluster a newcomer just got and where to go next.
    const { runKubectl } = await import('./commands/kubectl.js');
    const io = processIO();
    io.out('kubecadet: a simulated Kubernetes v1.32 cluster on your machine.\n\n$ kubecadet kubectl get nodes\n');
    const code = await runKubectl(['get', 'nodes'], { io });
    if (code !== 0) {
      process.exitCode = code;
      return;
    }
    io.out(
      "\nTry: kubecadet kubectl get pods -A    kubecadet kubectl create deployment web --image=nginx\n" +
        "     kubecadet cluster list           kubecadet --help\n",
    );
  });
  const cluster = program.command('cluster').description('manage the simulated clusters');
  registerSimulationCommands(cluster);
  cluster
    .command('reset')
    .description('restore a fresh cluster (the current one unless --name is given)')
    .option('--fixture <name>', 'the starting cluster to restore', 'default')
    .option('--name <cluster>', 'which cluster to reset')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (opts: { fixture: string; name?: string; yes?: boolean }) => {
      const { resetCluster } = await import('./clusterAdmin.js');
      const home = homeDir();
      const cfg = readKubeconfig(home);
      const ctx = cfg.contexts.find((c) => c.name === cfg['current-context']);
      const name = opts.name ?? ctx?.context.cluster ?? 'kubernetes';
      process.exitCode = await resetCluster(home, name, opts.fixture, !!opts.yes, processIO());
    });
}
