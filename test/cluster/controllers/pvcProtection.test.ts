import t, { type Test } from 'tap';
import { newTestCluster, settle, tempHome, type TestCluster } from '../../helpers/cluster.js';
import { cli } from '../../helpers/cli.js';
import { kubectl } from '../../helpers/kubectl.js';
import { setAdmissionPluginEnabled, setControllerEnabled } from '../../../src/cluster/machine.js';

// Storage object in-use protection: StorageObjectInUseProtection puts the finalizers on, the
// pvc-protection and pv-protection controllers take them off once nothing uses the claim or volume,
// and what a learner sees of it in get, describe and delete.

function pv(name: string, policy = 'Retain'): string {
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: ${policy}
  storageClassName: manual
  hostPath: {path: /mnt/${name}}
---
`;
}

function pvc(name: string, ns = 'default'): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
`;
}

/** A pod mounting claim; `extra` is added to its spec (restartPolicy, a nodeSelector nothing matches). */
function pod(name: string, claim: string, opts: { ns?: string; command?: string; extra?: string } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${opts.ns ?? 'default'}
spec:
  containers:
  - name: c
    image: ${opts.command ? 'busybox:1.36' : 'nginx:1.27'}
${opts.command ? `    command: ["sh", "-c", "${opts.command}"]\n` : ''}    volumeMounts: [{name: d, mountPath: /data}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: ${claim}}}]
${opts.extra ?? ''}---
`;
}

async function apply(t: Test, c: TestCluster, yaml: string): Promise<void> {
  const r = await kubectl(c.engine, 'apply -f -', { stdin: yaml });
  t.equal(r.code, 0, r.stderr);
}

const out = async (c: TestCluster, args: string) => (await kubectl(c.engine, args)).stdout;

/** A bound claim `data` on volume `pv1`, used by the running pod `user`. */
async function claimInUse(t: Test): Promise<TestCluster> {
  const c = await newTestCluster();
  await apply(t, c, pv('pv1') + pvc('data') + pod('user', 'data'));
  await settle(c.engine, c.clock, '10s');
  t.equal(await out(c, 'get pod user -o jsonpath={.status.phase}'), 'Running');
  t.equal(await out(c, 'get pvc data -o jsonpath={.status.phase}'), 'Bound');
  return c;
}

t.test('new claims and volumes carry their protection finalizer', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('pv1') + pvc('data'));
  t.match(await out(c, 'get pvc data -o yaml'), /\n {2}finalizers:\n {2}- kubernetes\.io\/pvc-protection\n/);
  t.match(await out(c, 'get pv pv1 -o yaml'), /\n {2}finalizers:\n {2}- kubernetes\.io\/pv-protection\n/);
  // a finalizer already there is not added twice; the others are kept, the protection one last
  await apply(t, c, pvc('mine').replace('  name: mine\n', '  name: mine\n  finalizers: [example.com/keep, kubernetes.io/pvc-protection]\n'));
  await apply(t, c, pvc('other').replace('  name: other\n', '  name: other\n  finalizers: [example.com/keep]\n'));
  t.equal(await out(c, 'get pvc mine other -o jsonpath={.items[*].metadata.finalizers}'), '["example.com/keep","kubernetes.io/pvc-protection"] ["example.com/keep","kubernetes.io/pvc-protection"]');
});

t.test('a claim nothing uses goes at once', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pvc('free'));
  t.same(await kubectl(c.engine, 'delete pvc free'), { stdout: 'persistentvolumeclaim "free" deleted\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'get pvc'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
});

t.test('a claim a pod uses stays Terminating until the pod is gone', async (t) => {
  const c = await claimInUse(t);
  t.same(await kubectl(c.engine, 'delete pvc data --wait=false'), { stdout: 'persistentvolumeclaim "data" deleted\n', stderr: '', code: 0 });
  await settle(c.engine, c.clock, '1m');
  t.equal(
    await out(c, 'get pvc'),
    `NAME   STATUS        VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Terminating   pv1      1Gi        RWO            manual         <unset>                 70s
`,
  );
  t.equal(await out(c, 'get pv pv1 -o jsonpath={.status.phase}'), 'Bound', 'its volume stays bound while it waits');
  t.equal(
    await out(c, 'describe pvc data'),
    `Name:          data
Namespace:     default
StorageClass:  manual
Status:        Terminating (lasts 60s)
Volume:        pv1
Labels:        <none>
Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      1Gi
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       user
Events:        <none>
`,
  );
  // the pod goes through its grace period; the claim follows it, and its Retain volume is Released
  t.same(await kubectl(c.engine, 'delete pod user'), { stdout: 'pod "user" deleted\n', stderr: '', code: 0 });
  await c.engine.sync();
  t.same(await kubectl(c.engine, 'get pvc'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  t.equal(await out(c, 'get pv pv1 -o jsonpath={.status.phase}'), 'Released');
});

t.test('only a scheduled pod holds a claim, but a finished one still does', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('pv1') + pv('pv2') + pvc('idle') + pod('nowhere', 'idle', { extra: '  nodeSelector: {disk: none}\n' }));
  await apply(t, c, pvc('done') + pod('job', 'done', { command: 'exit 0', extra: '  restartPolicy: Never\n' }));
  await settle(c.engine, c.clock, '20s');
  t.equal(await out(c, 'get pod job nowhere -o jsonpath={.items[*].status.phase}'), 'Succeeded Pending');
  t.equal((await kubectl(c.engine, 'delete pvc idle done --wait=false')).code, 0);
  await settle(c.engine, c.clock, '10s');
  t.equal(await out(c, 'get pvc -o name'), 'persistentvolumeclaim/done\n', 'an unscheduled pod never mounted its claim, a Completed pod still refers to its own');
  t.equal(await out(c, 'describe pvc done').then((s) => s.match(/^Used By:.*$/m)?.[0]), 'Used By:       job');
  await kubectl(c.engine, 'delete pod job');
  t.equal(await out(c, 'get pvc -o name'), '');
});

t.test('delete waits for a claim in use; Ctrl-C leaves it Terminating, and the wait ends once the pod is gone', async (t) => {
  const c = await claimInUse(t);
  // Ctrl-C after a few polls: the claim was deleted and stays Terminating
  const ac = new AbortController();
  let polls = 0;
  const interrupted = await kubectl(c.engine, 'delete pvc data', {
    signal: ac.signal,
    sleep: async (ms) => {
      c.engine.shiftClock(ms);
      if (++polls === 20) ac.abort();
    },
  });
  t.same(interrupted, { stdout: 'persistentvolumeclaim "data" deleted\n', stderr: '', code: 0 });
  t.equal(polls, 20, 'it waited until interrupted');
  t.equal(await out(c, 'get pvc data -o jsonpath={.metadata.finalizers}'), '["kubernetes.io/pvc-protection"]');
  t.match(await out(c, 'get pvc data'), /\ndata   Terminating   pv1 /);

  // deleting it again waits again; the pod going (here from another terminal) ends the wait
  polls = 0;
  const started = c.clock.now();
  const waited = await kubectl(c.engine, 'delete pvc data', {
    sleep: async (ms) => {
      c.engine.shiftClock(ms);
      if (++polls === 10) await kubectl(c.engine, 'delete pod user --wait=false');
    },
  });
  t.same(waited, { stdout: 'persistentvolumeclaim "data" deleted\n', stderr: '', code: 0 });
  t.ok(polls > 10, 'still waiting while the pod terminated');
  t.ok(c.clock.now() > started, 'in simulated time');
  t.equal(await out(c, 'get pvc,pods -o name'), '');
  // --timeout gives up as for any object that stays
  await apply(t, c, pv('pv2') + pvc('again') + pod('holder', 'again'));
  await settle(c.engine, c.clock, '10s');
  t.equal(await out(c, 'get pod holder -o jsonpath={.status.phase}'), 'Running');
  t.same(await kubectl(c.engine, 'delete pvc again --timeout=300ms'), {
    stdout: 'persistentvolumeclaim "again" deleted\n',
    stderr: 'error: timed out waiting for the condition on persistentvolumeclaims/again\n',
    code: 1,
  });
});

t.test('a volume bound to a claim stays Terminating until the claim is gone', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('keep') + pv('drop', 'Delete') + pv('spare') + pvc('a') + pvc('b'));
  await settle(c.engine, c.clock, '4s');
  t.equal(await out(c, 'get pv -o custom-columns=NAME:.metadata.name,CLAIM:.spec.claimRef.name'), 'NAME    CLAIM\ndrop    a\nkeep    b\nspare   <none>\n');
  // a volume no claim holds goes at once
  t.same(await kubectl(c.engine, 'delete pv spare'), { stdout: 'persistentvolume "spare" deleted\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'delete pv keep drop --wait=false'), { stdout: 'persistentvolume "keep" deleted\npersistentvolume "drop" deleted\n', stderr: '', code: 0 });
  await settle(c.engine, c.clock, '30s');
  t.equal(
    await out(c, 'get pv'),
    `NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM       STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
drop   1Gi        RWO            Delete           Terminating   default/a   manual         <unset>                          34s
keep   1Gi        RWO            Retain           Terminating   default/b   manual         <unset>                          34s
`,
  );
  t.match(await out(c, 'describe pv keep'), /\nFinalizers:      \[kubernetes\.io\/pv-protection\]\nStorageClass:    manual\nStatus:          Terminating \(lasts 30s\)\nClaim:           default\/b\n/);
  t.equal(await out(c, 'get pvc -o jsonpath={.items[*].status.phase}'), 'Bound Bound', 'the claims keep their volumes');
  // the claims go (nothing uses them): one volume is Released then let go, the other deleted by its policy
  t.equal((await kubectl(c.engine, 'delete pvc a b')).code, 0);
  t.same(await kubectl(c.engine, 'get pv'), { stdout: '', stderr: 'No resources found\n', code: 0 });
});

t.test('deleting a claim then its volume, as on a real cluster', async (t) => {
  const c = await newTestCluster();
  await apply(t, c, pv('keep') + pvc('a'));
  await settle(c.engine, c.clock, '4s');
  t.equal((await kubectl(c.engine, 'delete pvc a')).code, 0);
  t.equal(await out(c, 'get pv keep -o jsonpath={.status.phase}/{.metadata.finalizers}'), 'Released/["kubernetes.io/pv-protection"]', 'a released volume keeps its finalizer until it is deleted');
  t.same(await kubectl(c.engine, 'delete pv keep'), { stdout: 'persistentvolume "keep" deleted\n', stderr: '', code: 0 });
  t.equal(await out(c, 'get pv -o name'), '');
});

t.test('deleting a namespace deletes its pods, then its claims', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, 'create namespace app');
  await apply(t, c, pv('pv1') + pvc('data', 'app') + pod('db', 'data', { ns: 'app' }) + pvc('cache', 'app'));
  await settle(c.engine, c.clock, '10s');
  t.equal(await out(c, 'get pod db -n app -o jsonpath={.status.phase}'), 'Running');
  t.same(await kubectl(c.engine, 'delete namespace app --wait=false'), { stdout: 'namespace "app" deleted\n', stderr: '', code: 0 });
  t.equal(
    await out(c, 'get pods,pvc -n app -o custom-columns=NAME:.metadata.name,DELETING:.metadata.deletionTimestamp,FINALIZERS:.metadata.finalizers'),
    `NAME   DELETING               FINALIZERS\ndb     2026-01-01T12:00:40Z   <none>\ndata   2026-01-01T12:00:10Z   [kubernetes.io/pvc-protection]\n`,
    'the claim in use waits for its pod; the other one is gone',
  );
  t.same(await kubectl(c.engine, 'delete namespace app'), { stdout: 'namespace "app" deleted\n', stderr: '', code: 0 }, 'and the namespace goes once they are');
  t.same(await kubectl(c.engine, 'get pvc -A'), { stdout: '', stderr: 'No resources found\n', code: 0 });
  t.equal(await out(c, 'get pv pv1 -o jsonpath={.status.phase}'), 'Released');
});

t.test('a StatefulSet recreates its pod only once the old claim is gone', async (t) => {
  const c = await newTestCluster();
  await apply(
    t,
    c,
    `${pv('pv1')}${pv('pv2')}apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: default}
spec:
  serviceName: web
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx:1.27, volumeMounts: [{name: data, mountPath: /data}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
  );
  await settle(c.engine, c.clock, '20s');
  const uid = await out(c, 'get pvc data-web-0 -o jsonpath={.metadata.uid}');
  t.equal(await out(c, 'get pod web-0 -o jsonpath={.status.phase}'), 'Running');
  t.equal((await kubectl(c.engine, 'delete pvc data-web-0 --wait=false')).code, 0);
  t.equal((await kubectl(c.engine, 'delete pod web-0')).code, 0);
  await settle(c.engine, c.clock, '20s');
  t.not(await out(c, 'get pvc data-web-0 -o jsonpath={.metadata.uid}'), uid, 'a new claim');
  t.equal(await out(c, 'get pvc data-web-0 -o jsonpath={.status.phase}/{.spec.volumeName}'), 'Bound/pv2', 'bound to the volume that was free');
  t.equal(await out(c, 'get pod web-0 -o jsonpath={.status.phase}'), 'Running');
  t.match(await out(c, 'get events --field-selector reason=FailedCreate -o jsonpath={.items[*].message}'), /^create Pod web-0 in StatefulSet web failed error: pvc data-web-0 is being deleted/);
});

t.test('with the plugin off new claims come without the finalizer, and the controller adds it', async (t) => {
  const c = await newTestCluster();
  t.equal(await setAdmissionPluginEnabled(c.engine, 'StorageObjectInUseProtection', false), true);
  const dry = await kubectl(c.engine, 'create -f - --dry-run=server -o yaml', { stdin: pvc('data') + pv('pv1') });
  t.notMatch(dry.stdout, /finalizers/, 'the API server no longer adds them');
  t.equal(await setControllerEnabled(c.engine, 'pvc-protection', false), 'persistentvolumeclaim-protection-controller');
  t.equal(await setControllerEnabled(c.engine, 'pv-protection', false), 'persistentvolume-protection-controller');
  await apply(t, c, pvc('data') + pv('pv1'));
  t.equal(await out(c, 'get pvc data -o jsonpath={.metadata.finalizers}'), '');
  t.equal(await out(c, 'get pv pv1 -o jsonpath={.metadata.finalizers}'), '');
  // the controllers give claims and volumes made meanwhile their finalizer
  await setControllerEnabled(c.engine, 'pvc-protection', true);
  await setControllerEnabled(c.engine, 'pv-protection', true);
  t.equal(await out(c, 'get pvc data -o jsonpath={.metadata.finalizers}'), '["kubernetes.io/pvc-protection"]');
  t.equal(await out(c, 'get pv pv1 -o jsonpath={.metadata.finalizers}'), '["kubernetes.io/pv-protection"]');
  // with the plugin back on, creation adds it again
  await setAdmissionPluginEnabled(c.engine, 'StorageObjectInUseProtection', true);
  t.match((await kubectl(c.engine, 'create -f - --dry-run=server -o yaml', { stdin: pvc('more') })).stdout, /\n {2}finalizers:\n {2}- kubernetes\.io\/pvc-protection\n/);
  // with the controller off nothing takes the finalizer off: a deleted claim stays
  await setControllerEnabled(c.engine, 'pvc-protection', false);
  t.equal((await kubectl(c.engine, 'delete pvc data --wait=false')).code, 0);
  await settle(c.engine, c.clock, '10s');
  t.match(await out(c, 'get pvc data'), /\ndata   Terminating /);
});

t.test('a generic ephemeral volume holds only the claim its pod controls', async (t) => {
  const c = await newTestCluster();
  const ephemeralPod = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default}
spec:
  containers: [{name: c, image: nginx:1.27, volumeMounts: [{name: scratch, mountPath: /scratch}]}]
  volumes:
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
`;
  await apply(t, c, ephemeralPod('eph') + ephemeralPod('alien'));
  await settle(c.engine, c.clock, '10s');
  t.equal(await out(c, 'get pod eph alien -o jsonpath={.items[*].spec.nodeName}').then((s) => s.split(' ').filter(Boolean).length), 2, 'both scheduled');
  const uid = await out(c, 'get pod eph -o jsonpath={.metadata.uid}');
  await apply(
    t,
    c,
    pvc('eph-scratch').replace('  namespace: default\n', `  namespace: default\n  ownerReferences: [{apiVersion: v1, kind: Pod, name: eph, uid: ${uid}, controller: true}]\n`) + pvc('alien-scratch'),
  );
  t.equal((await kubectl(c.engine, 'delete pvc eph-scratch alien-scratch --wait=false')).code, 0);
  await settle(c.engine, c.clock, '4s');
  t.equal(await out(c, 'get pvc -o name'), 'persistentvolumeclaim/eph-scratch\n', 'a claim of the same name that the pod does not control is not its ephemeral volume');
});

t.test('kubecadet cluster admission disable StorageObjectInUseProtection stops the finalizer on create', async (t) => {
  const home = tempHome();
  const finalizers = () => cli(home, ['k', 'create', '-f', '-', '--dry-run=server', '-o', 'jsonpath={.metadata.finalizers}'], { input: pvc('data') });
  t.same(finalizers(), { stdout: '["kubernetes.io/pvc-protection"]', stderr: '', code: 0 });
  t.same(cli(home, ['cluster', 'admission', 'disable', 'StorageObjectInUseProtection']), { stdout: 'admission plugin StorageObjectInUseProtection disabled\n', stderr: '', code: 0 });
  t.same(finalizers(), { stdout: '', stderr: '', code: 0 });
  t.equal(cli(home, ['cluster', 'admission', 'enable', 'StorageObjectInUseProtection']).code, 0);
  t.equal(finalizers().stdout, '["kubernetes.io/pvc-protection"]');
});
