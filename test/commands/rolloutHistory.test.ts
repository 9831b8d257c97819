import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });
const golden = (name: string) => sharedGoldens([name]).find((g) => g.name === name)!;

/** The template the recorded runs show: a service account token volume mount and the default tolerations. */
function deployment(image: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          serviceAccountName: 'default',
          containers: [
            {
              name: 'nginx',
              image,
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              volumeMounts: [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
            },
          ],
          volumes: [
            {
              name: 'kube-api-access-x7k2p',
              projected: {
                sources: [
                  { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                  { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
                ],
              },
            },
          ],
          tolerations: [
            { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          ],
        },
      },
    },
  };
}

async function twoRevisions() {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  const client = c.engine.client();
  await client.create(client.kinds.forKind('Deployment', 'apps')!, deployment('nginx:1.26'), 'default');
  await kubectl(c.engine, 'rollout status deploy/web');
  t.same(await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.27'), ok('deployment.apps/web image updated\n'));
  await kubectl(c.engine, 'rollout status deploy/web');
  const hash: Record<string, string> = {};
  for (const rs of client.list(client.kinds.forKind('ReplicaSet', 'apps')!, 'default').items) hash[rs.spec.template.spec.containers[0].image] = rs.metadata.labels!['pod-template-hash'];
  return { c, hash };
}

t.test('rollout history lists the ReplicaSets as revisions and prints one revision\'s pod template', async (t) => {
  const { c, hash } = await twoRevisions();
  const history = golden('rollout-history');
  t.same(await kubectl(c.engine, history.args), ok(history.stdout), 'rollout-history');
  const revision = golden('rollout-history-revision');
  t.same(await kubectl(c.engine, revision.args), ok(revision.stdout.replace('7d9c8b6f5d', hash['nginx:1.27'])), 'rollout-history-revision');
  const bad = golden('rollout-history-bad-revision');
  t.same(await kubectl(c.engine, bad.args), { stdout: bad.stdout, stderr: bad.stderr, code: bad.code }, 'rollout-history-bad-revision');
  t.same(await kubectl(c.engine, 'rollout history'), fail('error: required resource not specified\n'));
  t.same(await kubectl(c.engine, 'rollout history deploy/nope'), fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
  await kubectl(c.engine, 'run standalone --image=nginx');
  t.same(await kubectl(c.engine, 'rollout history pod/standalone'), fail('error: no history viewer has been implemented for "Pod"\n'));
  t.match((await kubectl(c.engine, 'rollout history deploy/web --revison=2')).stderr, /unknown flag: --revison/);

  // the change cause is the ReplicaSet's kubernetes.io/change-cause, copied from the Deployment when it was created
  await kubectl(c.engine, 'annotate deploy/web kubernetes.io/change-cause=nginx:1.28');
  await kubectl(c.engine, 'set image deploy/web nginx=nginx:1.28');
  await kubectl(c.engine, 'rollout status deploy/web');
  t.same(await kubectl(c.engine, 'rollout history deploy/web'), ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         nginx:1.28\n\n'));
  t.match((await kubectl(c.engine, 'rollout history deploy/web --revision=3')).stdout, /^deployment.apps\/web with revision #3\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Annotations:\tkubernetes.io\/change-cause: nginx:1.28\n  Service Account:\tdefault\n/);
  t.same(await kubectl(c.engine, 'rollout history deploy'), (await kubectl(c.engine, 'rollout history deploy/web')), 'a type alone takes every object of it');
});

t.test('rollout undo copies an older ReplicaSet\'s template back into the Deployment', async (t) => {
  const { c, hash } = await twoRevisions();
  const dry = golden('rollout-undo-dryrun');
  t.same(await kubectl(c.engine, dry.args), ok(dry.stdout.replace('5f6c8d9b7c', hash['nginx:1.26'])), 'rollout-undo-dryrun');
  const missing = golden('rollout-undo-to-revision-missing');
  t.same(await kubectl(c.engine, missing.args), { stdout: missing.stdout, stderr: missing.stderr, code: missing.code }, 'rollout-undo-to-revision-missing');
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=2'), ok('deployment.apps/web skipped rollback (current template already matches revision 2)\n'));
  const undo = golden('rollout-undo');
  t.same(await kubectl(c.engine, undo.args), ok(undo.stdout), 'rollout-undo');
  await kubectl(c.engine, 'rollout status deploy/web');
  t.same(await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].image}'), ok('nginx:1.26'));
  t.equal((await kubectl(c.engine, 'get pods -o jsonpath={.items[*].spec.containers[0].image}')).stdout, 'nginx:1.26 nginx:1.26', 'the old ReplicaSet is scaled back up');
  // revision 1 is now revision 3
  t.same(await kubectl(c.engine, 'rollout history deploy/web'), ok('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n'));
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=1'), fail('error: unable to find specified revision 1 in history\n'));
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=2 --dry-run=server'), ok('deployment.apps/web rolled back (server dry run)\n'));
  t.same(await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.template.spec.containers[0].image}'), ok('nginx:1.26'), 'a server dry run changes nothing');
  await kubectl(c.engine, 'rollout pause deploy/web');
  t.same(await kubectl(c.engine, 'rollout undo deploy/web'), fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"));
  t.same(await kubectl(c.engine, 'rollout undo'), fail('error: required resource not specified\n'));
  t.same(await kubectl(c.engine, 'rollout undo deploy/web --to-revision=x'), fail('Error: invalid argument "x" for "--to-revision" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl rollout undo --help\' for usage.\n'));
  await kubectl(c.engine, 'create deployment solo --image=nginx');
  t.same(await kubectl(c.engine, 'rollout undo deploy/solo'), fail('error: no rollout history found for deployment "solo"\n'));
});

t.test('rollout history and undo help texts', async (t) => {
  const c = await newTestCluster();
  for (const g of sharedGoldens(['help-rollout-history', 'help-rollout-undo'])) t.same(await kubectl(c.engine, g.args), ok(g.stdout), g.name);
});
