import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { renderProxy } from '../../src/cluster/proxy/index.js';
import { hash16 } from '../../src/cluster/proxy/rules.js';
import { ClusterView } from '../../src/cluster/view.js';

t.test('chain names hash the service port name and protocol as kube-proxy does', async (t) => {
  t.equal(hash16('kube-system/kube-dns:dnsudp'), 'TCOU7JCQXEZGVUNU');
  t.equal(hash16('default/kubernetes:httpstcp'), 'NPX46M4PTMTKRN6Y');
  t.equal(hash16('kube-system/kube-dns:metricstcp'), 'JD5MR3NA4I4DYORP');
});

t.test('a service with ready pods becomes KUBE-SVC/KUBE-SEP rules; readiness and deletion change them', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const k = client.kinds;
  await client.create(k.forKind('Deployment', 'apps')!, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } } },
  });
  const svc = await client.create(k.forKind('Service')!, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] },
  });
  await c.engine.sync();
  const view = new ClusterView(() => c.engine.store.read());
  let text = renderProxy(view, 'node01').text;
  t.match(text, `-A KUBE-SERVICES -d ${svc.spec.clusterIP}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
  c.advance(10_000);
  await c.engine.sync();
  text = renderProxy(view, 'node01').text;
  const h = hash16('default/webtcp');
  t.match(text, `-A KUBE-SERVICES -d ${svc.spec.clusterIP}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-${h}`);
  t.match(text, /-m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-/);
  t.match(text, /-m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-/);
  t.match(text, `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-EXT-${h}`);
  t.equal(text.match(/-j DNAT --to-destination 10\.244\.\d+\.\d+:80/g)?.length, 3);
  t.match(renderProxy(view, 'node01', 'ipvs').text, `TCP  ${svc.spec.clusterIP}:80 rr`);
  t.match(renderProxy(view, 'node01', 'nftables').text, /numgen random mod 3 vmap/);
});
