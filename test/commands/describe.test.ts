import path from 'node:path';
import t from 'tap';
import { canonicalQuantity, formatQuantity, rfc1123z } from '../../src/commands/printers/describe/format.js';
import { smartLabelFor } from '../../src/commands/printers/describe/generic.js';
import { goTabbed } from '../../src/commands/printers/describe/prefixWriter.js';
import { newTestCluster } from '../helpers/cluster.js';
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

t.test('describe on a running cluster: what the controllers and kubelets did shows in states and events', async (t) => {
  const c = await newTestCluster();
  await kubectl(c.engine, ['run', 'crashy', '--image=busybox', '--', 'sh', '-c', 'echo boom; exit 1']);
  await kubectl(c.engine, ['create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi']);
  const big = { spec: { nodeName: 'node02', containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } }] } };
  await kubectl(c.engine, ['run', 'big', '--image=nginx', `--overrides=${JSON.stringify(big)}`]);
  for (let i = 0; i < 12; i++) {
    c.advance(30_000);
    await c.engine.sync();
  }
  const crashy = (await kubectl(c.engine, 'describe pod crashy')).stdout;
  t.match(crashy, /\n {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/);
  t.match(crashy, /\n {4}Restart Count: {2}[1-9]\d*\n/);
  t.match(crashy, /\n {2}Warning {2}BackOff {4}\S+ \(x\d+ over \S+\) {2}kubelet {12}Back-off restarting failed container crashy in pod crashy_default\([0-9a-f-]{36}\)\n$/);
  t.match(crashy, /\n {2}Normal {3}Scheduled {2}6m +default-scheduler {2}Successfully assigned default\/crashy to node0[12]\n/);

  const node = (await kubectl(c.engine, 'describe node node02')).stdout;
  t.equal(
    node.slice(node.indexOf('Non-terminated Pods:')),
    `Non-terminated Pods:          (2 in total)
  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                ------------  ----------  ---------------  -------------  ---
  default                     big                 500m (25%)    1 (50%)     256Mi (6%)       512Mi (13%)    6m
  kube-system                 kube-proxy-lq6wp    0 (0%)        0 (0%)      0 (0%)           0 (0%)         12d
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                500m (25%)  1 (50%)
  memory             256Mi (6%)  512Mi (13%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
`,
    'requests and limits as shares of allocatable, truncated',
  );
  const job = c.engine.client().get(c.engine.client().kinds.forKind('Job', 'batch')!, 'default', 'hello');
  const uid = job.metadata.uid;
  const described = (await kubectl(c.engine, 'describe job hello')).stdout;
  t.equal(
    described.slice(0, described.indexOf('Pod Template:')),
    `Name:             hello
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=${uid}
Labels:           batch.kubernetes.io/controller-uid=${uid}
                  batch.kubernetes.io/job-name=hello
                  controller-uid=${uid}
                  job-name=hello
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Thu, 01 Jan 2026 12:00:00 +0000
Completed At:     ${rfc1123z(job.status.completionTime)}
Duration:         ${Math.round((Date.parse(job.status.completionTime) - Date.parse(job.status.startTime)) / 1000)}s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
`,
  );
  t.match(described, /\nEvents:\n {2}Type {4}Reason {12}Age {4}From {12}Message\n[^]*Normal {2}SuccessfulCreate {2}6m {5}job-controller {2}Created pod: hello-[a-z0-9]{5}\n[^]*Normal {2}Completed /);
  await kubectl(c.engine, 'taint node node02 gpu=yes:NoSchedule dedicated:NoExecute');
  t.match((await kubectl(c.engine, 'describe node node02')).stdout, /\nTaints: {13}dedicated:NoExecute\n {20}gpu=yes:NoSchedule\nUnschedulable: {6}false\n/, 'taints sorted by effect, then key');

});

t.test('describe: the layout engine is Go\'s tabwriter, and quantities print in their canonical form', async (t) => {
  t.equal(goTabbed('a:\tb\nlonger:\tc\nno tab\nx:\ty\n', 2), 'a:       b\nlonger:  c\nno tab\nx:  y\n', 'a line without a tab ends the column block');
  t.equal(goTabbed('  T\tS\n  Ready \tTrue \n', 2), '  T       S\n  Ready   True \n', 'the last cell of a line is never padded');
  t.equal(goTabbed('a\tb\tc\nlonger\tb\n', 2), 'a       b  c\nlonger  b\n');
  t.equal(canonicalQuantity('1.5Gi'), '1536Mi');
  t.equal(canonicalQuantity('0.5'), '500m');
  t.equal(canonicalQuantity('2000'), '2k');
  t.equal(canonicalQuantity('4015536Ki'), '4015536Ki');
  t.equal(canonicalQuantity('18556039957'), '18556039957');
  t.equal(canonicalQuantity('1e3'), '1e3');
  t.equal(formatQuantity(0.25 + 0.5), '750m');
  t.equal(rfc1123z('2026-11-26T21:06:11Z'), 'Thu, 26 Nov 2026 21:06:11 +0000');
});
