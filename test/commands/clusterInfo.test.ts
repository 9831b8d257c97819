import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { KubeObject } from '../../src/cluster/api/types.js';
import { newTestCluster } from '../helpers/cluster.js';
import { GOLDEN_FIXTURES, localGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';

const TRAILER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

t.test('cluster-info names the control plane at the kubeconfig server and CoreDNS behind its service proxy', async (t) => {
  const c = await newTestCluster({ simulate: false });
  const server = (await kubectl(c.engine, 'config view -o jsonpath={.clusters[0].cluster.server}')).stdout;
  t.equal(server, 'https://172.30.1.2:6443');
  t.same(await kubectl(c.engine, 'cluster-info'), {
    stdout: `Kubernetes control plane is running at ${server}\nCoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n${TRAILER}`,
    stderr: '',
    code: 0,
  });
  t.same(await kubectl(c.engine, 'cluster-info -n default'), { stdout: `Kubernetes control plane is running at ${server}\n${TRAILER}`, stderr: '', code: 0 }, 'only labelled services');
});

t.test('cluster-info prints what the real kubectl printed for the same services', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const client = c.engine.client();
  const spec = client.kinds.forKind('Service', '')!;
  for (const ns of ['kube-system', 'team']) if ((await kubectl(c.engine, `get ns ${ns}`)).code) await kubectl(c.engine, `create namespace ${ns}`);
  for (const svc of JSON.parse(fs.readFileSync(path.join(GOLDEN_FIXTURES, 'services.json'), 'utf8')) as KubeObject[]) {
    const made = await client.create(spec, { ...svc, status: undefined } as unknown as KubeObject, svc.metadata.namespace);
    if (svc.status?.loadBalancer?.ingress) await client.update(spec, { ...made, status: svc.status } as KubeObject, { subresource: 'status' });
  }
  for (const g of localGoldens(['cluster-info'])) {
    t.same(await kubectl(c.engine, g.args), { stdout: g.stdout.replaceAll('http://127.0.0.1:18432', 'https://172.30.1.2:6443'), stderr: g.stderr, code: g.code }, g.name);
  }
});

t.test('cluster-info reports a refused list after its trailer', async (t) => {
  const c = await newTestCluster({ simulate: false });
  t.same(await kubectl(c.engine, 'cluster-info --as=nobody'), {
    stdout: TRAILER,
    stderr: 'Error from server (Forbidden): services is forbidden: User "nobody" cannot list resource "services" in API group "" in the namespace "kube-system"\n',
    code: 1,
  });
});
