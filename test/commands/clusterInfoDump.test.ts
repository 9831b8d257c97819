import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster, settle } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('cluster-info dump prints the nodes, each namespace and every container log', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'run web --image=busybox -- sh -c "echo hello from web; sleep 3600"');
  await settle(c.engine, c.clock, '30s');
  const r = await kubectl(c.engine, 'cluster-info dump');
  t.equal(r.code, 0);
  t.equal(r.stderr, '');
  const rv = /"resourceVersion": "(\d+)"/.exec(r.stdout)?.[1];
  t.ok(r.stdout.startsWith(`{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": "${rv}"\n    },\n    "items": [\n        {\n            "metadata": {\n                "name": "controlplane",`), 'a NodeList first, its items without kind');
  const kinds = [...r.stdout.matchAll(/^    "kind": "(\w+)",$/gm)].map((m) => m[1]);
  const ns = ['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'];
  t.same(kinds, ['NodeList', ...ns, ...ns], 'kube-system, then the current namespace');
  t.match(r.stdout, '==== START logs for container web of pod default/web ====\nhello from web\n==== END logs for container web of pod default/web ====\n');
  t.match(r.stdout, /==== START logs for container coredns of pod kube-system\/coredns-[a-z0-9-]+ ====\n/);

  const dir = t.testdir();
  const out = path.join(dir, 'state');
  t.same(await kubectl(c.engine, ['cluster-info', 'dump', '--namespaces', 'default', '-o', 'yaml', '--output-directory', out]), { stdout: `Cluster info dumped to ${out}\n`, stderr: '', code: 0 });
  t.same(fs.readdirSync(out).sort(), ['default', 'nodes.yaml']);
  t.same(fs.readdirSync(path.join(out, 'default')).sort(), ['daemonsets.yaml', 'deployments.yaml', 'events.yaml', 'pods.yaml', 'replicasets.yaml', 'replication-controllers.yaml', 'services.yaml', 'web']);
  t.equal(fs.readFileSync(path.join(out, 'default/web/logs.txt'), 'utf8'), '==== START logs for container web of pod default/web ====\nhello from web\n==== END logs for container web of pod default/web ====\n');
  t.match(fs.readFileSync(path.join(out, 'default/services.yaml'), 'utf8'), /^apiVersion: v1\nitems:\n- metadata:\n/);
});
