import t from 'tap';
import { newTestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';

const manifests = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 100
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: batch}
spec:
  replicas: 2
  selector: {matchLabels: {app: batch}}
  template:
    metadata: {labels: {app: batch}}
    spec:
      priorityClassName: low
      containers:
      - {name: work, image: busybox, command: [sleep, "3600"], resources: {requests: {cpu: 1500m}}}
`;

const urgent = (cls = 'high') => `apiVersion: v1
kind: Pod
metadata: {name: urgent}
spec:
  priorityClassName: ${cls}
  containers:
  - {name: app, image: nginx, resources: {requests: {cpu: 1500m}}}
`;

const FIT = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.";

t.test('a higher-priority pod preempts a lower-priority one, waits for it to leave, then runs', async (t) => {
  const c = await newTestCluster();
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: manifests })).code, 0);
  c.advance(20_000);
  await c.engine.sync();
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: urgent() })).code, 0);
  await c.engine.sync();
  const client = c.engine.client();
  const pods = client.kinds.forKind('Pod')!;
  const me = client.get(pods, 'default', 'urgent');
  t.equal(me.spec.nodeName, undefined, 'not bound in the cycle that preempted');
  t.equal(me.status.nominatedNodeName, 'node01', 'nominated to the first of two equal candidates');
  const cond = me.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled');
  const said = (await kubectl(c.engine, 'get events --field-selector reason=FailedScheduling,involvedObject.name=urgent -o jsonpath={.items[*].message}')).stdout;
  t.equal(said, `${FIT} ${FIT} not eligible due to a terminating pod on the nominated node.`, 'no preemption part when preemption found room; then a retry waits for the victim');
  t.equal(cond.message, `${FIT} not eligible due to a terminating pod on the nominated node.`);
  const victims = client.list(pods, 'default', { labelSelector: 'app=batch' }).items.filter((p) => p.metadata.deletionTimestamp);
  t.equal(victims.length, 1, 'one victim');
  t.equal(victims[0].spec.nodeName, 'node01');
  t.match(victims[0].status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget'), {
    status: 'True',
    reason: 'PreemptionByScheduler',
    message: 'default-scheduler: preempting to accommodate a higher priority pod',
  });
  const events = (await kubectl(c.engine, 'get events --field-selector reason=Preempted -o jsonpath={.items[*].message}')).stdout;
  t.equal(events, `Preempted by pod ${me.metadata.uid} on node node01`);

  // the victim's grace period runs out; the preemptor lands on the node it was nominated to
  for (let i = 0; i < 8; i++) {
    c.advance(5_000);
    await c.engine.sync();
  }
  const placed = client.get(pods, 'default', 'urgent');
  t.equal(placed.spec.nodeName, 'node01');
  t.equal(placed.status.nominatedNodeName, undefined);
  // the ReplicaSet's replacement has nobody of lower priority to evict
  const pending = client.list(pods, 'default', { labelSelector: 'app=batch' }).items.filter((p) => !p.spec.nodeName);
  t.equal(pending.length, 1);
  t.equal(
    pending[0].status.conditions.find((x: { type: string }) => x.type === 'PodScheduled').message,
    `${FIT} preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
  );
});

t.test('a class with preemptionPolicy Never waits instead of evicting; a pod may not contradict its class', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'apply -f -', { stdin: manifests });
  c.advance(20_000);
  await c.engine.sync();
  await kubectl(c.engine, 'create priorityclass polite --value=1000 --preemption-policy=Never');
  t.same(await kubectl(c.engine, 'apply -f -', { stdin: urgent().replace('high', 'high\n  preemptionPolicy: Never') }), {
    stdout: '',
    stderr:
      'Error from server (Forbidden): error when creating "STDIN": pods "urgent" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name\n',
    code: 1,
  });
  await kubectl(c.engine, 'apply -f -', { stdin: urgent('polite') });
  await c.engine.sync();
  const client = c.engine.client();
  const me = client.get(client.kinds.forKind('Pod')!, 'default', 'urgent');
  t.same(me.status.conditions[0].message, `${FIT} not eligible due to preemptionPolicy=Never.`);
  t.equal(client.list(client.kinds.forKind('Pod')!, 'default', { labelSelector: 'app=batch' }).items.filter((p) => p.metadata.deletionTimestamp).length, 0);
});

t.test('a pod that would not fit even on an emptied node evicts nobody', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'apply -f -', { stdin: manifests });
  c.advance(20_000);
  await c.engine.sync();
  await kubectl(c.engine, 'apply -f -', { stdin: urgent().replace('1500m}}}', '3}}}') });
  await c.engine.sync();
  const client = c.engine.client();
  const me = client.get(client.kinds.forKind('Pod')!, 'default', 'urgent');
  t.equal(
    me.status.conditions[0].message,
    `${FIT} preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 Insufficient cpu.`,
  );
});
