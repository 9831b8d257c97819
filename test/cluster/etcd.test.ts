import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { setEtcdMemberStopped } from '../../src/cluster/machine.js';

t.test('three etcd members tolerate one failure; losing two stops every write until one returns', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const pod = client.kinds.forKind('Pod')!;
  // the default cluster has etcd-controlplane; two more members make three
  for (const n of ['cp2', 'cp3']) {
    await client.create(pod, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `etcd-${n}`, namespace: 'kube-system', labels: { component: 'etcd', tier: 'control-plane' } },
      spec: { nodeName: 'controlplane', containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0' }] },
    });
  }
  t.same(await setEtcdMemberStopped(c.engine, 'etcd-cp3', true), { members: 3, up: 2, quorum: true });
  t.equal((await kubectl(c.engine, 'create configmap one')).stdout, 'configmap/one created\n', 'two of three is a majority');
  t.same(await setEtcdMemberStopped(c.engine, 'etcd-cp2', true), { members: 3, up: 1, quorum: false });
  const refused = await kubectl(c.engine, 'create configmap two');
  // kubectl create configmap wraps the server's error in its own words
  t.equal(refused.stderr, 'error: failed to create configmap: etcdserver: request timed out\n');
  const err = await client.create(client.kinds.forKind('ConfigMap')!, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 'default').catch((e) => e);
  t.same([err.code, err.reason, err.message], [500, '', 'etcdserver: request timed out'], 'the API server times out as kube-apiserver does');
  t.equal(refused.code, 1);
  t.match((await kubectl(c.engine, 'get configmap one')).stdout, /^NAME +DATA +AGE\none /, 'reads are still served');
  t.same(await setEtcdMemberStopped(c.engine, 'etcd-cp2', false), { members: 3, up: 2, quorum: true });
  t.equal((await kubectl(c.engine, 'create configmap two')).code, 0, 'writes resume with quorum');
});
