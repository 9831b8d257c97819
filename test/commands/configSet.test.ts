import t from 'tap';
import { runKubectl } from '../../src/commands/kubectl.js';
import { bufferIO } from '../../src/commands/util/io.js';
import { defaultKubeconfig, writeKubeconfig } from '../../src/cluster/home.js';
import { splitArgs } from '../helpers/kubectl.js';
import { tempHome } from '../helpers/cluster.js';

async function run(home: string, args: string) {
  const io = bufferIO();
  const code = await runKubectl(splitArgs(args), { io, env: { KUBECADET_HOME: home } });
  return { stdout: io.stdout, stderr: io.stderr, code };
}

t.test('config set on a map itself is refused, naming its entries as Go prints a map of pointers', async (t) => {
  const home = tempHome();
  writeKubeconfig(home, defaultKubeconfig());
  await run(home, 'config set-cluster exam --server=https://exam:6443');
  const r = await run(home, 'config set clusters.kubernetes x');
  t.match(r.stderr, /^error: can't set a map to a value: map\[exam:0xc000[0-9a-f]+ kubernetes:0xc000[0-9a-f]+\]\n$/);
  t.equal(r.code, 1);
  t.match((await run(home, 'config set preferences.nope x')).stderr, /^error: unable to parse preferences\.nope after \[\{preferences 0xc000[0-9a-f]+\}\] at api\.Preferences\n$/);
  t.match((await run(home, 'config set current-context x')).stdout, 'Property "current-context" set.\n');
});

t.test('cluster-info follows the server config set-cluster gives the current cluster', async (t) => {
  const home = tempHome();
  writeKubeconfig(home, defaultKubeconfig());
  t.equal((await run(home, 'config set-cluster kubernetes --server=https://10.1.2.3:6443')).stdout, 'Cluster "kubernetes" set.\n');
  const r = await run(home, 'cluster-info');
  t.equal(r.stdout.split('\n')[0], 'Kubernetes control plane is running at https://10.1.2.3:6443');
  t.equal((await run(home, 'config view -o jsonpath={.clusters[0].cluster.server}')).stdout, 'https://10.1.2.3:6443');
});
