import path from 'node:path';
import t from 'tap';
import { smartLabelFor } from '../../src/commands/printers/describe/generic.js';
import { localGoldens, sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { recordedCluster } from '../helpers/recordedCluster.js';

t.test('describe: every recorded case, byte for byte, on the cluster the recordings saw', async (t) => {
  const c = await recordedCluster();
  const cases = sharedGoldens(['describe-', 'help-describe']);
  t.equal(cases.length, 19);
  for (const g of cases) {
    let stdout = g.stdout;
    // a real API server keeps a DaemonSet's TemplateGeneration in this annotation; the recording's fake server did not
    if (g.name === 'describe-ds') stdout = stdout.replace('Annotations:    <none>', 'Annotations:    deprecated.daemonset.template.generation: 1');
    t.same(await kubectl(c.engine, g.args), { stdout, stderr: g.stderr, code: g.code }, `${g.name}: kubectl ${g.args.join(' ')}`);
  }
});

t.test('describe: names, prefixes, lists, files and errors as the resource builder resolves them', async (t) => {
  const c = await recordedCluster();
  const one = async (args: string) => (await kubectl(c.engine, args)).stdout;
  const standalone = await one('describe pod standalone');
  const sidecar = await one('describe pod sidecar');
  t.match(standalone, /^Name: {13}standalone\n/);
  t.same(await kubectl(c.engine, 'describe pod standalone sidecar'), { stdout: `${standalone}\n\n${sidecar}`, stderr: '', code: 0 }, 'several objects: two blank lines between them');
  t.same(await kubectl(c.engine, 'describe pod/standalone pod/sidecar'), { stdout: `${standalone}\n\n${sidecar}`, stderr: '', code: 0 }, 'TYPE/NAME forms');
  const [m4v9t, q8fzn, x2xkz] = await Promise.all(['web-7d9c8b6f5d-m4v9t', 'web-7d9c8b6f5d-q8fzn', 'web-7d9c8b6f5d-x2xkz'].map((n) => one(`describe pod ${n}`)));
  t.same(await kubectl(c.engine, 'describe pods web'), { stdout: `${m4v9t}\n${q8fzn}\n${x2xkz}\n`, stderr: '', code: 0 }, 'no pod is named web: every pod whose name starts with it, each followed by a blank line');
  t.same(await kubectl(c.engine, 'describe pod standalone nope'), { stdout: standalone, stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 }, 'a missing name among several is reported after the others');
  t.same(await kubectl(c.engine, 'describe pod/nope'), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 }, 'TYPE/NAME is never a prefix');
  t.same(await kubectl(c.engine, 'describe pods -n kube-node-lease'), { stdout: '', stderr: 'No resources found in kube-node-lease namespace.\n', code: 0 });
  t.same(await kubectl(c.engine, 'describe pods -A -l run=nothing'), { stdout: '', stderr: 'No resources found\n', code: 0 });
  const bySelector = await kubectl(c.engine, 'describe pods -l app=web');
  t.equal(bySelector.stdout, `${m4v9t}\n\n${q8fzn}\n\n${x2xkz}`, '-l lists the matching pods in name order');
  const proxies = await kubectl(c.engine, 'describe pods -A -l k8s-app=kube-proxy');
  t.equal(proxies.stdout.match(/^Name: /gm)?.length, 3, '-A looks in every namespace');
  const [local] = localGoldens(['describe-no-args']);
  t.same(await kubectl(c.engine, local.args), { stdout: local.stdout, stderr: local.stderr, code: local.code }, 'no type at all');
  t.same(await kubectl(c.engine, 'describe pods/standalone pod'), {
    stdout: '',
    stderr:
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    code: 1,
  });
  t.same(await kubectl(c.engine, 'describe nopes'), { stdout: '', stderr: 'error: the server doesn\'t have a resource type "nopes"\n', code: 1 });

  const dir = t.testdir({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: standalone\nspec:\n  containers:\n  - name: c\n    image: nginx\n' });
  t.same(await kubectl(c.engine, ['describe', '-f', path.join(dir, 'pod.yaml')]), { stdout: standalone, stderr: '', code: 0 }, '-f describes the live object the file names');

  const [golden] = sharedGoldens(['describe-pod']);
  const quiet = await kubectl(c.engine, 'describe pod web-7d9c8b6f5d-x2xkz --show-events=false');
  t.equal(quiet.stdout, golden.stdout.slice(0, golden.stdout.indexOf('Events:')), '--show-events=false leaves the Events section out');
});

t.test('describe: kinds without a describer of their own get the generic one', async (t) => {
  const c = await recordedCluster();
  const lease = c.engine.client().get(c.engine.client().kinds.forKind('Lease', 'coordination.k8s.io')!, 'kube-node-lease', 'node01');
  t.same(await kubectl(c.engine, 'describe lease node01 -n kube-node-lease'), {
    stdout: `Name:         node01
Namespace:    kube-node-lease
Labels:       <none>
Annotations:  <none>
API Version:  coordination.k8s.io/v1
Kind:         Lease
Metadata:
  Creation Timestamp:  2026-11-26T21:16:30Z
  Resource Version:    ${lease.metadata.resourceVersion}
  UID:                 ${lease.metadata.uid}
Spec:
  Holder Identity:         node01
  Lease Duration Seconds:  40
  Renew Time:              2026-11-26T21:17:03.000000Z
Events:                    <none>
`,
    stderr: '',
    code: 0,
  });
  t.equal(smartLabelFor('apiVersion'), 'API Version');
  t.equal(smartLabelFor('podCIDRs'), 'Pod CID Rs');
  t.equal(smartLabelFor('externalIPs'), 'External I Ps');
  t.equal(smartLabelFor('x-kubernetes-preserve'), 'X - Kubernetes - Preserve');
  t.equal(smartLabelFor('k8sName'), 'k8sName', 'names with digits are left alone');
});

t.test('describe: namespaces with quotas and limit ranges, the quota and limit range describers', async (t) => {
  const c = await recordedCluster();
  const client = c.engine.client();
  await client.create(client.kinds.forKind('ResourceQuota', '')!, {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'compute', namespace: 'default' },
    spec: { hard: { 'requests.cpu': '2', 'requests.memory': '1Gi', pods: '10' }, scopes: ['NotTerminating'] },
  });
  await client.patch(client.kinds.forKind('ResourceQuota', '')!, 'default', 'compute', 'merge', { status: { hard: { 'requests.cpu': '2', 'requests.memory': '1Gi', pods: '10' }, used: { 'requests.cpu': '250m', 'requests.memory': '128Mi', pods: '4' } } }, { subresource: 'status' });
  await client.create(client.kinds.forKind('LimitRange', '')!, {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'limits', namespace: 'default' },
    // the API server defaults the memory request from the memory default
    spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' }, max: { cpu: '1' } }] },
  });
  t.same(await kubectl(c.engine, 'describe ns default'), {
    stdout: `Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

Resource Quotas
  Name:    compute
  Scopes:  NotTerminating
  * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.
  Resource         Used   Hard
  --------         ---    ---
  pods             4      10
  requests.cpu     250m   2
  requests.memory  128Mi  1Gi

Resource Limits
 Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---  ---  ---------------  -------------  -----------------------
 Container  cpu       -    1    100m             500m           -
 Container  memory    -    -    256Mi            256Mi          -
`,
    stderr: '',
    code: 0,
  });
  t.same((await kubectl(c.engine, 'describe quota compute')).stdout, `Name:       compute
Namespace:  default
Scopes:     NotTerminating
 * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.
Resource         Used   Hard
--------         ----   ----
pods             4      10
requests.cpu     250m   2
requests.memory  128Mi  1Gi
`);
  t.same((await kubectl(c.engine, 'describe limits limits')).stdout, `Name:       limits
Namespace:  default
Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---  ---  ---------------  -------------  -----------------------
Container   cpu       -    1    100m             500m           -
Container   memory    -    -    256Mi            256Mi          -
`);
});

t.test('describe: RBAC rules are broken down, merged per resource and sorted as kubectl does', async (t) => {
  const c = await recordedCluster();
  await kubectl(c.engine, 'create role pod-reader --verb=get,list --resource=pods,deployments.apps,pods/log');
  await kubectl(c.engine, 'create rolebinding read-pods --role=pod-reader --user=jane --serviceaccount=default:ci');
  t.same((await kubectl(c.engine, 'describe role pod-reader')).stdout, `Name:         pod-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources         Non-Resource URLs  Resource Names  Verbs
  ---------         -----------------  --------------  -----
  pods/log          []                 []              [get list]
  pods              []                 []              [get list]
  deployments.apps  []                 []              [get list]
`);
  t.same((await kubectl(c.engine, 'describe rolebinding read-pods')).stdout, `Name:         read-pods
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  pod-reader
Subjects:
  Kind            Name  Namespace
  ----            ----  ---------
  User            jane  
  ServiceAccount  ci    default
`);
});
