import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempHome } from '../helpers/cluster.js';

const NODES = 'node/controlplane\nnode/node01\nnode/node02\n';

t.test('a fresh home: the start screen shows the default cluster and what to try', async (t) => {
  const home = tempHome();
  const r = cli(home, []);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stderr, '');
  t.match(
    r.stdout,
    'kubecadet: a simulated Kubernetes v1.32 cluster on your machine (cluster "kubernetes").\n\n$ kubectl get nodes\n' +
      'NAME           STATUS   ROLES           AGE   VERSION\n' +
      'controlplane   Ready    control-plane   12d   v1.32.4\n' +
      'node01         Ready    <none>          12d   v1.32.4\n' +
      'node02         Ready    <none>          12d   v1.32.4\n\nNext, try:\n  kubecadet kubectl get pods -A ',
  );
  t.equal(cli(home, ['cluster', 'list']).stdout, 'CURRENT   NAME         FIXTURE   NODES   OBJECTS\n*         kubernetes   default   3       113\n');
});

t.test('reset asks first: without a terminal it refuses unless --yes', async (t) => {
  const home = tempHome();
  t.equal(cli(home, ['k', 'create', 'namespace', 'scratch']).stdout, 'namespace/scratch created\n');
  let r = cli(home, ['cluster', 'reset']);
  t.equal(r.code, 1);
  t.equal(
    r.stderr,
    'error: resetting cluster "kubernetes" loses every object in it, and there is no terminal to ask for confirmation; to go ahead, run: kubecadet cluster reset --yes\n',
  );
  t.equal(cli(home, ['k', 'get', 'ns', 'scratch', '-o', 'name']).stdout, 'namespace/scratch\n', 'nothing lost');
  t.match(cli(home, ['trace', '--user', 'kubernetes-admin']).stdout, /\nrequest 2 at \d\d:\d\d:\d\d from "kubectl get ns scratch -o name": get namespaces "scratch"\n/);
  r = cli(home, ['cluster', 'reset', '--yes']);
  t.equal(r.stdout, 'Cluster "kubernetes" reset to fixture "default".\n');
  t.equal(
    cli(home, ['trace', '--user', 'kubernetes-admin']).stdout,
    'No requests from kubernetes-admin in the log of cluster "kubernetes" yet. Run a kubectl command, then look again.\n',
    'the request log starts afresh with the cluster',
  );
  t.equal(cli(home, ['k', 'get', 'ns', 'scratch']).stderr, 'Error from server (NotFound): namespaces "scratch" not found\n');
  r = cli(home, ['cluster', 'reset', '--fixture', 'bare', '-y']);
  t.equal(r.stdout, 'Cluster "kubernetes" reset to fixture "bare".\n');
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name']).stdout, 'node/controlplane\n');
  r = cli(home, ['cluster', 'reset', '--fixture', 'nope', '-y']);
  t.equal(r.code, 1);
  t.equal(r.stderr, 'error: no fixture named "nope" (available: bare, default, etcd-ha)\n');
});

t.test('clusters: create, list, use, contexts switch what kubectl sees, delete', async (t) => {
  const home = tempHome();
  let r = cli(home, ['cluster', 'create', 'exam', '--fixture', 'bare']);
  t.equal(
    r.stdout,
    'Cluster "exam" created from fixture "bare", with context "kubernetes-admin@exam".\n' +
      'Switch to it with: kubecadet cluster use exam   (or: kubectl config use-context kubernetes-admin@exam)\n',
  );
  t.equal(cli(home, ['cluster', 'create', 'exam']).stderr, "error: cluster \"exam\" already exists; start it afresh with 'kubecadet cluster reset --name exam'\n");
  t.equal(cli(home, ['cluster', 'create', 'Exam']).stderr, 'error: invalid cluster name "Exam": use lower-case letters, digits and \'-\', starting and ending with a letter or digit\n');
  t.equal(
    cli(home, ['k', 'config', 'get-contexts']).stdout,
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
      '          kubernetes-admin@exam         exam         kubernetes-admin   \n' +
      '*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
  // the default cluster is made the first time it is used
  t.equal(cli(home, ['cluster', 'list']).stdout, 'CURRENT   NAME         FIXTURE                  NODES   OBJECTS\n          exam         bare                     1       81\n*         kubernetes   (created on first use)   -       -\n');
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name']).stdout, NODES);
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name', '--context', 'kubernetes-admin@exam']).stdout, 'node/controlplane\n');
  t.equal(cli(home, ['cluster', 'use', 'exam']).stdout, 'Switched to context "kubernetes-admin@exam".\n');
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name']).stdout, 'node/controlplane\n');
  t.equal(cli(home, ['k', 'config', 'use-context', 'kubernetes-admin@kubernetes']).stdout, 'Switched to context "kubernetes-admin@kubernetes".\n');
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name']).stdout, NODES);
  t.equal(cli(home, ['cluster', 'use', 'nope']).stderr, "error: no cluster named \"nope\" (have: exam, kubernetes); create it with 'kubecadet cluster create nope'\n");

  r = cli(home, ['cluster', 'delete', 'kubernetes']);
  t.equal(r.code, 1);
  t.equal(r.stderr, 'error: deleting cluster "kubernetes" loses every object in it, and there is no terminal to ask for confirmation; to go ahead, run: kubecadet cluster delete kubernetes --yes\n');
  r = cli(home, ['cluster', 'delete', 'kubernetes', '--yes']);
  t.equal(r.stdout, 'Cluster "kubernetes" deleted.\nSwitched to context "kubernetes-admin@exam".\n');
  t.same(fs.readdirSync(path.join(home, 'clusters')).filter((f) => f.startsWith('kubernetes')), [], 'its store and request log are gone');
  t.equal(cli(home, ['k', 'config', 'current-context']).stdout, 'kubernetes-admin@exam\n');
  t.equal(cli(home, ['cluster', 'list']).stdout, 'CURRENT   NAME   FIXTURE   NODES   OBJECTS\n*         exam   bare      1       81\n');
  r = cli(home, ['cluster', 'delete', 'exam', '--yes']);
  t.equal(r.code, 1);
  t.equal(r.stderr, "error: \"exam\" is the only cluster; start it afresh with 'kubecadet cluster reset' instead\n");
});

t.test('an unreadable store is named, never overwritten silently, and reset replaces it', async (t) => {
  const home = tempHome();
  const fs = await import('node:fs');
  const path = await import('node:path');
  fs.mkdirSync(path.join(home, 'clusters'), { recursive: true });
  fs.writeFileSync(path.join(home, 'clusters', 'kubernetes.json'), '{not json');
  let r = cli(home, ['cluster', 'list']);
  t.equal(r.stdout, 'CURRENT   NAME         FIXTURE      NODES   OBJECTS\n*         kubernetes   unreadable   -       -\n');
  r = cli(home, ['k', 'get', 'nodes']);
  t.equal(r.code, 1);
  t.match(r.stderr, /^error: the cluster store .*kubernetes\.json cannot be read/);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  r = cli(home, ['cluster', 'reset', '--yes']);
  t.equal(r.stdout, 'Cluster "kubernetes" reset to fixture "default".\n', r.stderr);
  t.equal(cli(home, ['k', 'get', 'nodes', '-o', 'name']).stdout, NODES);
});
