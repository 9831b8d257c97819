import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('get nodes prints the kubeadm table', async (t) => {
  const c = await newTestCluster();
  c.advance(3 * 24 * 3600 * 1000);
  const r = await kubectl(c.engine, 'get nodes');
  t.equal(r.code, 0);
  t.match(r.stdout, /^NAME {11}STATUS {3}ROLES {11}AGE {3}VERSION\ncontrolplane {3}Ready {4}control-plane {3}3d {4}v1\.32\.4\n/);
});

t.test('errors read like kubectl', async (t) => {
  const c = await newTestCluster();
  const cases = [
    { args: 'get foo', err: 'error: the server doesn\'t have a resource type "foo"\n' },
    { args: 'get pods --foo', err: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pods -z', err: "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pods -n', err: "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n" },
    { args: 'get pod nope', err: 'Error from server (NotFound): pods "nope" not found\n' },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stderr, k.err, k.args);
    t.equal(r.code, 1, k.args);
    t.equal(r.stdout, '', k.args);
  }
});
