import t, { type Test } from 'tap';
import { newTestCluster, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { setControllerEnabled } from '../../../src/cluster/machine.js';

// The persistent-volume binder: claims bind to the smallest volume that fits, both sides show the bind,
// claims that nothing fits stay Pending with the controller's event, and released volumes keep their data.

async function step(c: TestCluster, ms = 2000): Promise<void> {
  c.advance(ms);
  await c.engine.sync();
}

function pv(name: string, size: string, cls: string, modes = 'ReadWriteOnce', policy = 'Retain', labels = ''): string {
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
${labels ? `  labels: {${labels}}\n` : ''}spec:
  capacity: {storage: ${size}}
  accessModes: [${modes}]
  persistentVolumeReclaimPolicy: ${policy}
  storageClassName: "${cls}"
  hostPath: {path: /mnt/${name}}
---
`;
}

function pvc(name: string, size: string, cls: string | undefined, modes = 'ReadWriteOnce', extra = ''): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: default
spec:
${cls === undefined ? '' : `  storageClassName: "${cls}"\n`}  accessModes: [${modes}]
  resources: {requests: {storage: ${size}}}
${extra}---
`;
}

async function apply(t: Test, c: TestCluster, yaml: string): Promise<void> {
  const r = await kubectl(c.engine, 'apply -f -', { stdin: yaml });
  t.equal(r.code, 0, r.stderr);
}

t.test('a claim binds to the smallest volume of its class that fits; both sides show the bind', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('big', '10Gi', 'manual') + pv('small', '1Gi', 'manual') + pv('fits', '2Gi', 'manual') + pv('other', '2Gi', 'fast') + pv('rox', '5Gi', 'manual', 'ReadOnlyMany'));
  await step(c);
  t.equal(
    (await kubectl(c.engine, 'get pv')).stdout,
    `NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
big     10Gi       RWO            Retain           Available           manual         <unset>                          2s
fits    2Gi        RWO            Retain           Available           manual         <unset>                          2s
other   2Gi        RWO            Retain           Available           fast           <unset>                          2s
rox     5Gi        ROX            Retain           Available           manual         <unset>                          2s
small   1Gi        RWO            Retain           Available           manual         <unset>                          2s
`,
    'new volumes become Available',
  );
  await apply(t, c, pvc('data', '1500Mi', 'manual'));
  await step(c);
  t.equal(
    (await kubectl(c.engine, 'get pvc')).stdout,
    `NAME   STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Bound    fits     2Gi        RWO            manual         <unset>                 2s
`,
  );
  const fits = JSON.parse((await kubectl(c.engine, 'get pv fits -o json')).stdout);
  t.same([fits.status.phase, fits.spec.claimRef.namespace, fits.spec.claimRef.name, fits.metadata.annotations['pv.kubernetes.io/bound-by-controller']], ['Bound', 'default', 'data', 'yes']);
  const ann = JSON.parse((await kubectl(c.engine, 'get pvc data -o json')).stdout).metadata.annotations;
  t.same([ann['pv.kubernetes.io/bind-completed'], ann['pv.kubernetes.io/bound-by-controller']], ['yes', 'yes']);

  // a second claim of the same size takes the next fitting volume; a third finds none
  await apply(t, c, pvc('data2', '1500Mi', 'manual') + pvc('data3', '20Gi', 'manual'));
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc data2 data3 -o jsonpath={.items[*].spec.volumeName}')).stdout, 'big');
  t.equal((await kubectl(c.engine, 'get pvc data3 -o jsonpath={.status.phase}')).stdout, 'Pending');
  const ev = await kubectl(c.engine, 'get events --field-selector involvedObject.name=data3 -o jsonpath={.items[*].reason}:{.items[*].message}');
  t.equal(ev.stdout, 'FailedBinding:storageclass.storage.k8s.io "manual" not found', 'the claim says why it waits');
  await step(c, 30_000);
  t.equal((await kubectl(c.engine, 'get events --field-selector involvedObject.name=data3 -o jsonpath={.items[*].count}')).stdout, '1', 'the event is not rewritten every round');
});

t.test('access modes, classes and selectors must match; a claim may name its volume', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('rwx', '1Gi', '', 'ReadWriteMany') + pv('labelled', '1Gi', '', 'ReadWriteOnce', 'Retain', 'tier: gold') + pv('named', '5Gi', 'slow'));
  await apply(t, c, pvc('wants-rwx', '1Gi', undefined, 'ReadWriteMany') + pvc('gold', '1Gi', '', 'ReadWriteOnce', '  selector: {matchLabels: {tier: gold}}\n') + pvc('by-name', '1Gi', 'slow', 'ReadWriteOnce', '  volumeName: named\n') + pvc('wrong-class', '1Gi', 'fast'));
  await step(c);
  t.equal(
    (await kubectl(c.engine, 'get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName')).stdout,
    `NAME          STATUS    VOLUME
by-name       Bound     named
gold          Bound     labelled
wants-rwx     Bound     rwx
wrong-class   Pending   <none>
`,
  );
});

t.test('a deleted claim releases a Retain volume and removes a Delete volume; a lost volume makes the claim Lost', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('keep', '1Gi', 'a') + pv('drop', '1Gi', 'b', 'ReadWriteOnce', 'Delete') + pv('gone', '1Gi', 'c'));
  await apply(t, c, pvc('ka', '1Gi', 'a') + pvc('kb', '1Gi', 'b') + pvc('kc', '1Gi', 'c'));
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc -o jsonpath={.items[*].status.phase}')).stdout, 'Bound Bound Bound');
  t.equal((await kubectl(c.engine, 'delete pvc ka kb')).code, 0);
  t.equal((await kubectl(c.engine, 'delete pv gone --wait=false')).code, 0);
  await step(c);
  t.equal(
    (await kubectl(c.engine, 'get pv -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,FINALIZERS:.metadata.finalizers')).stdout,
    'NAME   STATUS     FINALIZERS\ngone   Bound      [kubernetes.io/pv-protection]\nkeep   Released   [kubernetes.io/pv-protection]\n',
    'a volume bound to a claim is protected: it stays until the claim lets go',
  );
  t.match((await kubectl(c.engine, 'get pv gone -o jsonpath={.metadata.deletionTimestamp}')).stdout, /^\d{4}-\d\d-\d\dT/);
  // taking the finalizer off by hand is how a volume is pulled from under its claim
  t.equal((await kubectl(c.engine, `patch pv gone --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`)).code, 0);
  await step(c);
  t.equal((await kubectl(c.engine, 'get pv -o name')).stdout, 'persistentvolume/keep\n');
  t.equal((await kubectl(c.engine, 'get pvc kc -o jsonpath={.status.phase}')).stdout, 'Lost');
  // a released volume is not bound again by a new claim: its data belongs to the old one
  await apply(t, c, pvc('again', '1Gi', 'a'));
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc again -o jsonpath={.status.phase}')).stdout, 'Pending');
});

t.test('WaitForFirstConsumer binds once a pod uses the claim; with the binder off nothing binds', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: local}\nprovisioner: kubernetes.io/no-provisioner\nvolumeBindingMode: WaitForFirstConsumer\n---\n' + pv('lv', '1Gi', 'local') + pvc('late', '1Gi', 'local'));
  await step(c, 10_000);
  t.equal((await kubectl(c.engine, 'get pvc late -o jsonpath={.status.phase}')).stdout, 'Pending');
  t.equal((await kubectl(c.engine, 'get events --field-selector involvedObject.name=late -o jsonpath={.items[*].message}')).stdout, 'waiting for first consumer to be created before binding');
  await apply(t, c, 'apiVersion: v1\nkind: Pod\nmetadata: {name: user, namespace: default}\nspec:\n  containers: [{name: c, image: nginx:1.27, volumeMounts: [{name: d, mountPath: /data}]}]\n  volumes: [{name: d, persistentVolumeClaim: {claimName: late}}]\n');
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc late -o jsonpath={.status.phase}/{.spec.volumeName}')).stdout, 'Bound/lv');

  await setControllerEnabled(c.engine, 'persistentvolume-binder', false);
  await apply(t, c, pv('idle', '1Gi', 'x') + pvc('waits', '1Gi', 'x'));
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc waits -o jsonpath={.status.phase}')).stdout, 'Pending');
  t.equal((await kubectl(c.engine, 'get pv idle -o jsonpath={.status.phase}')).stdout, 'Pending');
  await setControllerEnabled(c.engine, 'persistentvolume-binder', true);
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc waits -o jsonpath={.status.phase}')).stdout, 'Bound');
});

t.test('a pod waits for its claim: missing, then unbound, then it runs once a volume binds it', async (t) => {
  const c = await newTestCluster();
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: default}\nspec:\n  containers: [{name: c, image: nginx:1.27, volumeMounts: [{name: d, mountPath: /data}]}]\n  volumes: [{name: d, persistentVolumeClaim: {claimName: pgdata}}]\n';
  await apply(t, c, pod);
  await step(c);
  const why = async () => (await kubectl(c.engine, 'get events --field-selector involvedObject.name=db,reason=FailedScheduling -o jsonpath={.items[*].message}')).stdout;
  t.equal((await kubectl(c.engine, 'get pod db -o jsonpath={.status.phase}')).stdout, 'Pending');
  t.equal(await why(), '0/3 nodes are available: persistentvolumeclaim "pgdata" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  await apply(t, c, pvc('pgdata', '1Gi', 'manual'));
  await step(c);
  t.match(await why(), /0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./);
  t.equal((await kubectl(c.engine, 'get pod db -o jsonpath={.spec.nodeName}')).stdout, '', 'not scheduled while the claim is unbound');
  await apply(t, c, pv('pgvol', '1Gi', 'manual'));
  await step(c);
  await step(c);
  t.equal((await kubectl(c.engine, 'get pvc pgdata -o jsonpath={.status.phase}')).stdout, 'Bound');
  await step(c, 5000);
  t.equal((await kubectl(c.engine, 'get pod db -o jsonpath={.status.phase}')).stdout, 'Running', 'scheduled and started once the claim is bound');
});
