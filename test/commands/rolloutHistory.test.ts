import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

/**
 * The recordings' deployment: nginx with port 80 and, in its template, the token volume and tolerations the
 * recording's server had put there; first nginx:1.26 (revision 1), then nginx:1.27 (revision 2).
 */
const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: default
      containers:
      - name: nginx
        image: ${image}
        ports: [{containerPort: 80}]
        volumeMounts: [{name: kube-api-access-x7k2p, mountPath: /var/run/secrets/kubernetes.io/serviceaccount, readOnly: true}]
      tolerations:
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
      volumes:
      - name: kube-api-access-x7k2p
        projected:
          sources:
          - serviceAccountToken: {expirationSeconds: 3607, path: token}
          - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
          - downwardAPI: {items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}
`;

async function twoRevisions() {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, 'apply -f -', { stdin: manifest('nginx:1.26') });
  await kubectl(c.engine, 'rollout status deploy/web');
  await kubectl(c.engine, 'apply -f -', { stdin: manifest('nginx:1.27') });
  await kubectl(c.engine, 'rollout status deploy/web');
  const client = c.engine.client();
  const hashOf = (image: string) =>
    client
      .list(client.kinds.forKind('ReplicaSet')!, 'default')
      .items.find((rs) => rs.spec.template.spec.containers[0].image === image)!.metadata.labels!['pod-template-hash'];
  return { c, hashOf };
}

t.test('rollout history lists revisions and shows one revision as the recordings do', async (t) => {
  const { c, hashOf } = await twoRevisions();
  for (const g of sharedGoldens(['rollout-history'])) {
    const want = g.stdout.replace('7d9c8b6f5d', hashOf('nginx:1.27'));
    t.same(await kubectl(c.engine, g.args), { stdout: want, stderr: g.stderr, code: g.code }, g.name);
  }
  await kubectl(c.engine, 'annotate deploy web kubernetes.io/change-cause="image updated to 1.28"');
  await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.28');
  await kubectl(c.engine, 'rollout status deploy/web');
  t.same(await kubectl(c.engine, 'rollout history deploy web'), ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         image updated to 1.28\n\n'));
  t.same((await kubectl(c.engine, 'rollout history deploy/web --revision=3 -o jsonpath={.spec.template.spec.containers[0].image}')).stdout, 'nginx:1.28', '-o prints the revision\'s ReplicaSet');
  t.same(await kubectl(c.engine, 'rollout history pod/x'), fail('Error from server (NotFound): pods "x" not found\n'));
  await kubectl(c.engine, 'run lone --image=nginx');
  t.same(await kubectl(c.engine, 'rollout history pod/lone'), fail('error: no history viewer has been implemented for "Pod"\n'));
});

t.test('rollout undo goes back a revision, to a chosen one, or says why not', async (t) => {
  const { c, hashOf } = await twoRevisions();
  for (const g of sharedGoldens(['rollout-undo-dryrun', 'rollout-undo-to-revision-missing'])) {
    const want = g.stdout.replace('5f6c8d9b7c', hashOf('nginx:1.26'));
    t.same(await kubectl(c.engine, g.args), { stdout: want, stderr: g.stderr, code: g.code }, g.name);
  }
  const [undo] = sharedGoldens(['rollout-undo']).filter((g) => g.name === 'rollout-undo');
  t.same(await kubectl(c.engine, undo.args), ok(undo.stdout), undo.name);
  const image = async () => (await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).stdout;
  t.equal(await image(), 'nginx:1.26');
  t.match((await kubectl(c.engine, 'rollout status deploy/web')).stdout, /successfully rolled out\n$/);
  // the ReplicaSet of revision 1 came back as revision 3; the history no longer has a 1
  t.same(await kubectl(c.engine, 'rollout history deploy/web'), ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n'));
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=3'), ok('deployment.apps/web skipped rollback (current template already matches revision 3)\n'));
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=2'), ok('deployment.apps/web rolled back\n'));
  t.equal(await image(), 'nginx:1.27');
  await kubectl(c.engine, 'rollout pause deploy/web');
  t.same(await kubectl(c.engine, 'rollout undo deploy/web'), fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"));
  await kubectl(c.engine, 'create deployment solo --image=nginx');
  t.same(await kubectl(c.engine, 'rollout undo deploy/solo'), fail('error: no rollout history found for deployment "solo"\n'));
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'rollout undo cm/cfg'), fail('error: no rollbacker has been implemented for "ConfigMap"\n'));
});

t.test('daemon sets and stateful sets keep ControllerRevisions; history and undo read them', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  const ds = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: ${image}}]
`;
  await kubectl(c.engine, 'apply -f -', { stdin: ds('busybox:1.36') });
  await kubectl(c.engine, 'rollout status ds/agent --timeout=2m');
  await kubectl(c.engine, 'apply -f -', { stdin: ds('busybox:1.37') });
  await kubectl(c.engine, 'rollout status ds/agent --timeout=2m');
  t.same(await kubectl(c.engine, 'rollout history ds/agent'), ok('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'));
  t.match((await kubectl(c.engine, 'rollout history ds/agent --revision=1')).stdout, /^daemonset.apps\/agent with revision #1\nPod Template:\n  Labels:\tapp=agent\n  Containers:\n   agent:\n    Image:\tbusybox:1.36\n/);
  t.match((await kubectl(c.engine, 'rollout undo ds/agent --dry-run=client')).stdout, /^daemonset.apps\/agent will roll back to Pod Template:\n/);
  t.same(await kubectl(c.engine, 'rollout undo ds/agent'), ok('daemonset.apps/agent rolled back\n'));
  await kubectl(c.engine, 'rollout status ds/agent --timeout=2m');
  t.equal((await kubectl(c.engine, 'get ds agent -o jsonpath={.spec.template.spec.containers[0].image}')).stdout, 'busybox:1.36');
  t.same(await kubectl(c.engine, 'rollout history ds/agent'), ok('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n'), 'the old template came back as the newest revision');
  t.same(await kubectl(c.engine, 'rollout undo ds/agent --to-revision=3'), ok('daemonset.apps/agent skipped rollback (current template already matches revision 3)\n'));
  t.same(await kubectl(c.engine, 'rollout undo ds/agent --to-revision=7'), fail('error: unable to find specified revision 7 in history\n'));
  await kubectl(c.engine, 'create -f -', {
    stdin: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: nginx:1.27}]
`,
  });
  await kubectl(c.engine, 'rollout status sts/db --timeout=2m');
  t.same(await kubectl(c.engine, 'rollout undo sts/db'), fail('error: no last revision to roll back to\n'));
  t.same((await kubectl(c.engine, 'get controllerrevisions -l app=db -o name')).stdout.split('\n').length, 2, 'one revision');
});
