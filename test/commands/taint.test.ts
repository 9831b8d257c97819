import t, { type Test } from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { sharedGoldens, type GoldenCase } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';


const DAY = 86_400_000;

const RECORDED_NODE01 = Date.parse('2026-11-23T21:17:38Z');

/** node01 as kubeadm left it in the recordings: its beta labels, annotations and the kubelet's four conditions. */
async function asRecorded(c: TestCluster): Promise<void> {
  const client = c.engine.client();
  const nodes = client.kinds.forKind('Node')!;
  await client.patch(nodes, undefined, 'node01', 'merge', {
    metadata: {
      labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux' },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
  });
  const at = new Date(RECORDED_NODE01).toISOString().replace('.000Z', 'Z');
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: at, lastTransitionTime: at });
  await client.patch(
    nodes,
    undefined,
    'node01',
    'merge',
    {
      status: {
        conditions: [
          condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
      },
    },
    { subresource: 'status' },
  );
}

/** `kubectl describe node node01 | sed -n '1,20p'`: the describe part runs here, the first 20 lines are kept. */
async function describeHead(c: TestCluster, g: GoldenCase): Promise<{ stdout: string; stderr: string; code: number }> {
  const client = c.engine.client();
  // the lease as the recording found it, renewed 5s before the describe
  const leases = client.kinds.forKind('Lease', 'coordination.k8s.io')!;
  await client.patch(leases, 'kube-node-lease', 'node01', 'merge', { spec: { renewTime: '2026-11-26T21:17:33.000000Z' } });
  const r = await kubectl(c.engine, g.args.slice(0, g.args.indexOf('|')));
  return { ...r, stdout: `${r.stdout.split('\n').slice(0, 20).join('\n')}\n` };
}

async function runInOrder(t: Test, cases: GoldenCase[]) {
  // the recordings were made on a 3-day-old cluster
  const c = await newTestCluster({ fixture: 'bare', start: RECORDED_NODE01 });
  await addWorkers(c.engine);
  await asRecorded(c);
  c.advance(3 * DAY);
  await c.engine.sync();
  for (const g of cases) {
    const r = g.args.includes('|') ? await describeHead(c, g) : await kubectl(c.engine, g.args);
    t.same(r, { stdout: g.stdout, stderr: g.stderr, code: g.code }, `${g.name}: kubectl ${g.args.join(' ')}`);
  }
  return c;
}

t.test('taint: every recorded case, in the order it was recorded', async (t) => {
  const c = await runInOrder(t, sharedGoldens(['taint-']));
  const node = c.engine.client().get(c.engine.client().kinds.forKind('Node')!, undefined, 'controlplane');
  t.same(node.spec.taints, [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }], 'the control-plane taint went, spot stayed');
});

t.test('taint: NoExecute taints are stamped, removals by key take every effect, conflicts are refused', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  const nodes = c.engine.client().kinds.forKind('Node')!;
  t.same(await kubectl(c.engine, 'taint no node01 a=1:NoExecute a=1:NoSchedule'), { stdout: 'node/node01 tainted\n', stderr: '', code: 0 });
  const taints = c.engine.client().get(nodes, undefined, 'node01').spec.taints;
  t.equal(taints.length, 2);
  t.equal(taints[0].timeAdded, '2026-01-01T12:00:00Z');
  t.same(await kubectl(c.engine, 'taint node node01 a-'), { stdout: 'node/node01 untainted\n', stderr: '', code: 0 });
  t.notOk(c.engine.client().get(nodes, undefined, 'node01').spec.taints);
  t.same(await kubectl(c.engine, 'taint nodes node01 b=1:NoSchedule b:NoSchedule-'), {
    stdout: '',
    stderr: 'error: can not both modify and remove the following taint(s) in the same command: b=NoSchedule\n',
    code: 1,
  });
  t.same(await kubectl(c.engine, 'taint nodes node01 b=1:NoSchedule node02'), { stdout: '', stderr: 'error: all resources must be specified before taint changes: node02\n', code: 1 });
  t.same(await kubectl(c.engine, 'taint nodes b=1:NoSchedule'), {
    stdout: '',
    stderr: "error: at least one resource name must be specified since 'all' parameter is not set\n",
    code: 1,
  });
  t.same(await kubectl(c.engine, 'taint nodes -l kubernetes.io/hostname=node02 b=1:NoSchedule --dry-run=client'), { stdout: 'node/node02 tainted (dry run)\n', stderr: '', code: 0 });
  t.notOk(c.engine.client().get(nodes, undefined, 'node02').spec.taints, 'a client dry run changes nothing');
  t.same(await kubectl(c.engine, 'taint nodes node02 b=1:NoSchedule -o name'), { stdout: 'node/node02\n', stderr: '', code: 0 });
});

t.test('taint: a NoSchedule taint keeps new pods off the node', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, 'taint nodes node01 node02 dedicated=gpu:NoSchedule');
  await kubectl(c.engine, 'run web --image=nginx');
  const pod = c.engine.client().get(c.engine.client().kinds.forKind('Pod')!, 'default', 'web');
  t.notOk(pod.spec.nodeName, 'no node tolerates it');
});

t.test('cordon and uncordon: every recorded case, in order', async (t) => {
  await runInOrder(t, sharedGoldens(['cordon', 'uncordon']));
});

t.test('cordon and uncordon: usage errors and selectors', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  t.same(await kubectl(c.engine, 'cordon'), { stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", code: 1 });
  t.same(await kubectl(c.engine, 'uncordon a -l x=y'), {
    stdout: '',
    stderr: "error: cannot specify both a node name and a --selector option\nSee 'kubectl uncordon -h' for help and examples\n",
    code: 1,
  });
  t.same(await kubectl(c.engine, 'cordon -l kubernetes.io/os=linux'), { stdout: 'node/controlplane cordoned\nnode/node01 cordoned\nnode/node02 cordoned\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'uncordon node02 --dry-run=server'), { stdout: 'node/node02 uncordoned (server dry run)\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'uncordon node02'), { stdout: 'node/node02 uncordoned\n', stderr: '', code: 0 });
  await kubectl(c.engine, 'run web --image=nginx');
  const pod = c.engine.client().get(c.engine.client().kinds.forKind('Pod')!, 'default', 'web');
  t.equal(pod.spec.nodeName, 'node02', 'only the uncordoned node takes pods');
});

t.test('help texts are kubectl\'s', async (t) => {
  const c = await newTestCluster({ simulate: false });
  for (const g of sharedGoldens(['help-taint', 'help-cordon', 'help-uncordon', 'help-scale'])) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: '', code: 0 }, g.name);
});

t.test('drain: refusals, warnings, evictions that wait for the pods to go, dry runs', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=2');
  await kubectl(c.engine, 'run standalone --image=nginx');
  await kubectl(c.engine, 'rollout status deploy/web');
  const client = c.engine.client();
  const pods = client.kinds.forKind('Pod')!;
  const web = client.list(pods, 'default', { labelSelector: 'app=web' }).items.find((p) => p.spec.nodeName === 'node01')!.metadata.name;
  t.same(await kubectl(c.engine, 'drain node01'), {
    stdout: 'node/node01 cordoned\n',
    stderr:
      'error: unable to drain node "node01" due to error: [cannot delete cannot delete Pods that declare no controller (use --force to override): default/standalone, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-9dz4h], continuing command...\n' +
      'There are pending nodes to be drained:\n node01\n' +
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/standalone\n' +
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-9dz4h\n',
    code: 1,
  }, 'nothing is evicted and the node stays cordoned');
  t.equal(client.get(client.kinds.forKind('Node')!, undefined, 'node01').spec.unschedulable, true);
  t.equal(client.list(pods, 'default').items.length, 3);
  t.same(await kubectl(c.engine, 'drain node01 --ignore-daemonsets --force --dry-run=client'), {
    stdout: `node/node01 already cordoned (dry run)\nevicting pod default/standalone (dry run)\nevicting pod default/${web} (dry run)\nnode/node01 drained (dry run)\n`,
    stderr: 'Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-9dz4h; deleting Pods that declare no controller: default/standalone\n',
    code: 0,
  });
  const start = c.clock.now();
  t.same(await kubectl(c.engine, 'drain node01 --ignore-daemonsets --force'), {
    stdout: `node/node01 already cordoned\nevicting pod default/standalone\nevicting pod default/${web}\npod/standalone evicted\npod/${web} evicted\nnode/node01 drained\n`,
    stderr: 'Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-9dz4h; deleting Pods that declare no controller: default/standalone\n',
    code: 0,
  });
  t.ok(c.clock.now() > start, 'it waited, in simulated time, for the pods to terminate');
  const left = client.list(pods, 'default').items;
  t.equal(left.length, 2, 'the deployment replaced its pod, the bare pod is gone for good');
  t.ok(left.every((p) => p.spec.nodeName === 'node02'), 'on the node still schedulable');
  t.same(await kubectl(c.engine, 'drain node01 --ignore-daemonsets'), { stdout: 'node/node01 already cordoned\nnode/node01 drained\n', stderr: 'Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-9dz4h\n', code: 0 });
  t.same(await kubectl(c.engine, 'drain nope'), { stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 });
  t.same(await kubectl(c.engine, 'drain'), { stdout: '', stderr: "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n", code: 1 });
  const [help] = sharedGoldens(['help-drain']);
  t.same(await kubectl(c.engine, help.args), { stdout: help.stdout, stderr: '', code: 0 }, 'help-drain');
});

t.test('drain --disable-eviction deletes; --pod-selector narrows', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'run a --image=nginx --labels=tier=a');
  await kubectl(c.engine, 'run b --image=nginx --labels=tier=b');
  await kubectl(c.engine, 'get pods');
  const client = c.engine.client();
  const node = client.get(client.kinds.forKind('Pod')!, 'default', 'a').spec.nodeName;
  const r = await kubectl(c.engine, `drain ${node} --ignore-daemonsets --force --disable-eviction --pod-selector=tier=a`);
  t.same(r.stdout, `node/${node} cordoned\npod/a deleted\nnode/${node} drained\n`);
  t.same(r.stderr, 'Warning: deleting Pods that declare no controller: default/a\n', 'the selector keeps the DaemonSet pod out of the list');
  t.ok(client.get(client.kinds.forKind('Pod')!, 'default', 'b'), 'b was not selected');
});
