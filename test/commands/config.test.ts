import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runKubectl } from '../../src/commands/kubectl.js';
import { bufferIO } from '../../src/commands/util/io.js';
import { addCluster, defaultKubeconfig, kubeconfigFile, readKubeconfig, writeKubeconfig } from '../../src/cluster/home.js';
import { GOLDEN_DIR, GOLDEN_FIXTURES, localGoldens, sharedGoldens } from '../helpers/golden.js';
import { splitArgs } from '../helpers/kubectl.js';
import { newTestCluster, tempHome } from '../helpers/cluster.js';

/** A home whose kubeconfig is the one test/golden/record-config.sh gives the real kubectl. */
function goldenHome(current = 'kubernetes-admin@kubernetes'): string {
  const home = tempHome();
  const cfg = defaultKubeconfig();
  addCluster(cfg, 'exam');
  cfg['current-context'] = current;
  writeKubeconfig(home, cfg);
  return home;
}

async function run(home: string, args: string[]) {
  const io = bufferIO();
  const code = await runKubectl(args, { io, env: { KUBECADET_HOME: home } });
  return { stdout: io.stdout, stderr: io.stderr, code };
}

t.test('kubectl config prints what the real kubectl prints for the same kubeconfig', async (t) => {
  const cases = localGoldens(['config-']);
  t.ok(cases.length >= 40, `${cases.length} recorded cases`);
  for (const g of cases) {
    const current = path.join(GOLDEN_DIR, `${g.name}.current`);
    const home = goldenHome(fs.existsSync(current) ? fs.readFileSync(current, 'utf8').trim() : undefined);
    // @DIR@: the recorder's copy of the client certificates, next to the kubeconfig
    const pki = path.join(home, 'pki');
    fs.cpSync(path.join(GOLDEN_FIXTURES, 'pki'), pki, { recursive: true });
    const dir = (a: string) => a.replaceAll('@DIR@', pki);
    const setup = path.join(GOLDEN_DIR, `${g.name}.setup`);
    if (fs.existsSync(setup))
      for (const line of fs.readFileSync(setup, 'utf8').trim().split('\n'))
        t.equal((await run(home, splitArgs(dir(line)))).code, 0, `${g.name}: setup ${line}`);
    const r = await run(home, g.args.map(dir));
    // kubectl names its kubeconfig file in some messages; ours lives in the home
    const file = (s: string) => s.replaceAll(kubeconfigFile(home), '<kubeconfig>').replaceAll(pki, '@DIR@');
    const golden = (s: string) => s.replace(/\/tmp\/tmp\.\w+/g, '<kubeconfig>');
    t.equal(file(r.stdout), golden(g.stdout), `${g.name}: stdout`);
    t.equal(file(r.stderr), golden(g.stderr), `${g.name}: stderr`);
    t.equal(r.code, g.code, `${g.name}: exit code`);
  }
});

t.test('the shared config goldens: kubectl computes the same layout for kind-dojo', async (t) => {
  const home = tempHome();
  writeKubeconfig(home, {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kind-dojo', cluster: { server: 'http://127.0.0.1:18080' } }],
    contexts: [
      { name: 'kind-dojo', context: { cluster: 'kind-dojo', user: 'kind-dojo', namespace: 'default' } },
      { name: 'jane@dojo', context: { cluster: 'kind-dojo', user: 'jane', namespace: 'dev' } },
    ],
    'current-context': 'kind-dojo',
    preferences: {},
    users: [
      { name: 'kind-dojo', user: { token: 'x' } },
      { name: 'jane', user: { token: 'y' } },
    ],
  });
  const want = Object.fromEntries(sharedGoldens(['config-']).map((g) => [g.name, g]));
  for (const name of ['config-view', 'config-view-minify', 'config-get-contexts', 'config-current-context', 'config-use-context-missing', 'config-view-jsonpath']) {
    const g = want[name];
    const r = await run(home, g.args);
    t.equal(r.stdout, g.stdout, `${name}: stdout`);
    t.equal(r.stderr, g.stderr, `${name}: stderr`);
    t.equal(r.code, g.code, `${name}: code`);
  }
  const r = await run(home, ['config', 'set-context', '--current', '--namespace=kube-system']);
  t.equal(r.stdout, 'Context "kind-dojo" modified.\n');
  t.equal((await run(home, ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'])).stdout, 'kube-system');
});

t.test('a fresh home has kubeadm\'s admin context; --context picks the cluster kubectl talks to', async (t) => {
  const home = tempHome();
  t.equal((await run(home, ['config', 'current-context'])).stdout, 'kubernetes-admin@kubernetes\n');
  t.equal(
    (await run(home, ['config', 'get-contexts'])).stdout,
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
  t.notOk(fs.existsSync(kubeconfigFile(home)), 'reading writes nothing');
  // two clusters in one home: the bare one as `kubernetes`, the default one as `exam`
  await newTestCluster({ home, fixture: 'bare' });
  await newTestCluster({ home, name: 'exam', fixture: 'default' });
  const cfg = readKubeconfig(home);
  addCluster(cfg, 'exam');
  writeKubeconfig(home, cfg);
  const nodes = async (...extra: string[]) => (await run(home, ['get', 'nodes', '-o', 'name', ...extra])).stdout;
  t.equal(await nodes(), 'node/controlplane\n');
  t.equal(await nodes('--context', 'kubernetes-admin@exam'), 'node/controlplane\nnode/node01\nnode/node02\n');
  t.equal((await run(home, ['get', 'nodes', '--context', 'nope'])).stderr, 'Error in configuration: context was not found for specified context: nope\n');
  t.equal((await run(home, ['config', 'use-context', 'kubernetes-admin@exam'])).stdout, 'Switched to context "kubernetes-admin@exam".\n');
  t.equal(await nodes(), 'node/controlplane\nnode/node01\nnode/node02\n');
  // the context's namespace is the default namespace
  await run(home, ['config', 'set-context', '--current', '--namespace=kube-system']);
  t.match((await run(home, ['get', 'pods', '-l', 'k8s-app=kube-proxy'])).stdout, /^NAME +READY +STATUS +RESTARTS +AGE\nkube-proxy-7xk2m +1\/1 +Running +0 +\d+d\n/);
});
