import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { loadFixture, parseAge, shiftTimestamps, FixtureError } from '../../src/cluster/fixtures.js';

const DAY = 86_400_000;

t.test('the default cluster looks like a fresh kubeadm v1.32 cluster, twelve days old', async (t) => {
  const c = await newTestCluster({ fixture: 'default' });
  let r = await kubectl(c.engine, 'get nodes');
  t.equal(
    r.stdout,
    'NAME           STATUS   ROLES           AGE   VERSION\n' +
      'controlplane   Ready    control-plane   12d   v1.32.4\n' +
      'node01         Ready    <none>          12d   v1.32.4\n' +
      'node02         Ready    <none>          12d   v1.32.4\n',
  );
  r = await kubectl(c.engine, 'get nodes -o wide');
  t.equal(
    r.stdout.split('\n')[2],
    'node01         Ready    <none>          12d   v1.32.4   172.30.2.2    <none>        Ubuntu 24.04.1 LTS   6.8.0-51-generic   containerd://1.7.24',
  );
  r = await kubectl(c.engine, 'get pods -A');
  t.equal(
    r.stdout,
    'NAMESPACE     NAME                                   READY   STATUS    RESTARTS   AGE\n' +
      'kube-system   coredns-668d6bf9bc-4xkqz               1/1     Running   0          12d\n' +
      'kube-system   coredns-668d6bf9bc-mt7pc               1/1     Running   0          12d\n' +
      'kube-system   etcd-controlplane                      1/1     Running   0          12d\n' +
      'kube-system   kube-apiserver-controlplane            1/1     Running   0          12d\n' +
      'kube-system   kube-controller-manager-controlplane   1/1     Running   0          12d\n' +
      'kube-system   kube-proxy-7xk2m                       1/1     Running   0          12d\n' +
      'kube-system   kube-proxy-9dz4h                       1/1     Running   0          12d\n' +
      'kube-system   kube-proxy-lq6wp                       1/1     Running   0          12d\n' +
      'kube-system   kube-scheduler-controlplane            1/1     Running   0          12d\n',
  );
  r = await kubectl(c.engine, 'get pods -n kube-system -o wide -l k8s-app=kube-dns');
  t.equal(
    r.stdout,
    'NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE           NOMINATED NODE   READINESS GATES\n' +
      'coredns-668d6bf9bc-4xkqz   1/1     Running   0          12d   10.244.0.2   controlplane   <none>           <none>\n' +
      'coredns-668d6bf9bc-mt7pc   1/1     Running   0          12d   10.244.0.3   controlplane   <none>           <none>\n',
  );
  r = await kubectl(c.engine, 'get svc -A');
  t.equal(
    r.stdout,
    'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n' +
      'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  12d\n' +
      'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   12d\n',
  );
  r = await kubectl(c.engine, 'get ds,deploy,rs -n kube-system');
  t.equal(
    r.stdout,
    'NAME                        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
      'daemonset.apps/kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   12d\n\n' +
      'NAME                      READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'deployment.apps/coredns   2/2     2            2           12d\n\n' +
      'NAME                                 DESIRED   CURRENT   READY   AGE\n' +
      'replicaset.apps/coredns-668d6bf9bc   2         2         2       12d\n',
  );
  r = await kubectl(c.engine, 'get ns');
  t.equal(
    r.stdout,
    'NAME              STATUS   AGE\ndefault           Active   12d\nkube-node-lease   Active   12d\nkube-public       Active   12d\nkube-system       Active   12d\n',
  );
  // made by the control plane at the cluster's birth, so just as old
  r = await kubectl(c.engine, 'get sa,cm -n kube-public');
  t.equal(
    r.stdout,
    'NAME                     SECRETS   AGE\nserviceaccount/default   0         12d\n\n' +
      'NAME                         DATA   AGE\nconfigmap/cluster-info       1      12d\nconfigmap/kube-root-ca.crt   1      12d\n',
  );
  r = await kubectl(c.engine, 'get leases -n kube-node-lease');
  t.equal(r.stdout, 'NAME           HOLDER         AGE\ncontrolplane   controlplane   12d\nnode01         node01         12d\nnode02         node02         12d\n');
  r = await kubectl(c.engine, 'get endpoints -n kube-system kube-dns');
  t.equal(r.stdout, 'NAME       ENDPOINTS                                               AGE\nkube-dns   10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   12d\n');
  r = await kubectl(c.engine, 'get endpoints kubernetes');
  t.equal(r.stdout, 'NAME         ENDPOINTS         AGE\nkubernetes   172.30.1.2:6443   12d\n');
});

t.test('objects keep what the kubelet and controllers wrote, with owners resolved', async (t) => {
  const c = await newTestCluster({ fixture: 'default' });
  const client = c.engine.client();
  const k = (kind: string, group = '') => client.kinds.forKind(kind, group)!;
  const born = c.clock.now() - 12 * DAY - 3600_000;
  const node = client.get(k('Node'), undefined, 'controlplane');
  t.equal(node.metadata.creationTimestamp, new Date(born).toISOString().replace('.000Z', 'Z'));
  t.same(node.spec.taints, [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
  t.equal(node.status.allocatable.memory, '3911440Ki', 'allocatable below capacity');
  t.equal(node.status.capacity.memory, '4013840Ki');
  t.same(
    client.list(k('Node'), undefined).items.map((n) => n.spec.podCIDR),
    ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'],
  );

  const api = client.get(k('Pod'), 'kube-system', 'kube-apiserver-controlplane');
  t.equal(api.metadata.annotations!['kubernetes.io/config.source'], 'file');
  t.equal(api.metadata.annotations!['kubernetes.io/config.mirror'], api.metadata.annotations!['kubernetes.io/config.hash']);
  t.same(api.metadata.ownerReferences, [{ apiVersion: 'v1', controller: true, kind: 'Node', name: 'controlplane', uid: node.metadata.uid }]);
  t.equal(api.spec.containers[0].image, 'registry.k8s.io/kube-apiserver:v1.32.4');
  t.ok(api.spec.containers[0].command.includes('--service-cluster-ip-range=10.96.0.0/12'));
  t.equal(api.spec.priority, 2000001000);
  t.equal(api.status.podIP, '172.30.1.2', 'host network: the node address');
  t.equal(api.status.startTime, new Date(born + 2000).toISOString().replace('.000Z', 'Z'), 'timestamps moved with the cluster');
  t.match(api.metadata.annotations!['kubernetes.io/config.seen'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.412713885Z$/);
  t.equal(client.get(k('Pod'), 'kube-system', 'etcd-controlplane').spec.containers[0].image, 'registry.k8s.io/etcd:3.5.16-0');

  const ds = client.get(k('DaemonSet', 'apps'), 'kube-system', 'kube-proxy');
  const proxy = client.get(k('Pod'), 'kube-system', 'kube-proxy-9dz4h');
  t.equal(proxy.metadata.ownerReferences![0].uid, ds.metadata.uid);
  t.equal(proxy.spec.nodeName, 'node01');
  const rev = client.list(k('ControllerRevision', 'apps'), 'kube-system').items;
  t.same(rev.map((r) => r.metadata.name), [`kube-proxy-${proxy.metadata.labels!['controller-revision-hash']}`]);
  const rs = client.get(k('ReplicaSet', 'apps'), 'kube-system', 'coredns-668d6bf9bc');
  t.equal(rs.metadata.ownerReferences![0].uid, client.get(k('Deployment', 'apps'), 'kube-system', 'coredns').metadata.uid);
  const svc = client.get(k('Service'), 'kube-system', 'kube-dns');
  t.same(svc.spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`), ['53/UDP', '53/TCP', '9153/TCP']);
  t.equal(client.get(k('Service'), 'default', 'kubernetes').spec.ports[0].targetPort, 6443);
  for (const cm of ['coredns', 'kube-proxy', 'kubeadm-config', 'kubelet-config', 'kube-root-ca.crt']) t.ok(client.get(k('ConfigMap'), 'kube-system', cm), cm);
});

t.test('the default cluster is at rest: a quiet day changes no object', async (t) => {
  const c = await newTestCluster({ fixture: 'default' });
  const before = c.engine.store.read().resourceVersion;
  c.advance(DAY);
  await c.engine.sync();
  t.equal(c.engine.store.read().resourceVersion, before);
  const r = await kubectl(c.engine, 'get pods -n kube-system --no-headers');
  t.equal(r.stdout.split('\n').filter((l) => l && !/1\/1 +Running +0 +13d$/.test(l)).length, 0, r.stdout);
});

t.test('workloads land on the workers of the default cluster', async (t) => {
  const c = await newTestCluster({ fixture: 'default' });
  await kubectl(c.engine, 'create deployment web --image=nginx:1.27 --replicas=2');
  await c.engine.sync();
  c.advance(10_000);
  await c.engine.sync();
  const r = await kubectl(c.engine, 'get pods -o wide --no-headers');
  const nodes = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[6]).sort();
  t.same(nodes, ['node01', 'node02'], r.stdout);
  t.match(r.stdout, /Running/);
});

t.test('the loader', async (t) => {
  t.equal(parseAge('12d'), 12 * DAY);
  t.equal(parseAge('12d1h'), 12 * DAY + 3600_000);
  t.equal(parseAge('36h'), 36 * 3600_000);
  t.equal(parseAge('soon'), undefined);
  t.same(
    shiftTimestamps({ a: '2026-01-01T00:00:00Z', b: ['2026-01-01T00:00:02.412713885Z'], c: 'not 2026-01-01T00:00:00Z', d: 3 }, -DAY),
    { a: '2025-12-31T00:00:00Z', b: ['2025-12-31T00:00:02.412713885Z'], c: 'not 2026-01-01T00:00:00Z', d: 3 },
  );
  const c = await newTestCluster({ fixture: 'bare' });
  await t.rejects(loadFixture(c.engine.client(), 'nope'), new FixtureError('no fixture named "nope" (available: bare, default, etcd-ha)'));
  // the bare fixture is born at the present
  t.equal((await kubectl(c.engine, 'get nodes --no-headers')).stdout, 'controlplane   Ready   control-plane   0s    v1.32.4\n');
});
