import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { canonicalQuantity, formatQuantity, rfc1123z } from '../../src/commands/printers/describe/format.js';
import { smartLabelFor } from '../../src/commands/printers/describe/generic.js';
import { describeEvents } from '../../src/commands/printers/describe/events.js';
import { goTabbed, PrefixWriter } from '../../src/commands/printers/describe/prefixWriter.js';
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
  // recorded here from the real kubectl: with no server, or against a fake one that holds the same names
  const local = localGoldens(['describe-']);
  t.equal(local.length, 6);
  for (const g of local) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, `${g.name}: kubectl ${g.args.join(' ')}`);
  t.same(await kubectl(c.engine, 'describe pods/standalone pod'), {
    stdout: '',
    stderr:
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    code: 1,
  });
  t.same(await kubectl(c.engine, 'describe nopes'), { stdout: '', stderr: 'error: the server doesn\'t have a resource type "nopes"\n', code: 1 });

  const dir = t.testdir({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: standalone\nspec:\n  containers:\n  - name: c\n    image: nginx\n' });
  t.same(await kubectl(c.engine, ['describe', '-f', path.join(dir, 'pod.yaml')]), { stdout: standalone, stderr: '', code: 0 }, '-f describes the live object the file names');
  const kdir = t.testdir({ 'kustomization.yaml': 'resources:\n- pod.yaml\n', 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: standalone\nspec:\n  containers:\n  - name: c\n    image: nginx\n' });
  t.same(await kubectl(c.engine, ['describe', '-k', kdir]), { stdout: standalone, stderr: '', code: 0 }, '-k describes the live objects the kustomization builds');
  t.same(await kubectl(c.engine, ['describe', '-k', kdir, '-f', path.join(dir, 'pod.yaml')]), { stdout: '', stderr: 'error: only one of -f or -k can be specified\n', code: 1 });

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
  const dir = t.testdir({
    'crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: backups, singular: backup, kind: Backup, shortNames: [bk]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`,
    'backup.yaml': `apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
  labels: {tier: db}
spec:
  schedule: "0 2 * * *"
  retainDays: 7
  targets:
  - name: pg
    paths: [/var/lib/postgresql, /etc/pg]
  - name: redis
  enabled: true
`,
  });
  await kubectl(c.engine, ['apply', '-f', path.join(dir, 'crd.yaml')]);
  await kubectl(c.engine, ['apply', '-f', path.join(dir, 'backup.yaml')]);
  const backup = c.engine.client().get(c.engine.client().kinds.resolve('backups')!, 'default', 'nightly');
  t.same(
    await kubectl(c.engine, 'describe bk nightly'),
    {
      stdout: `Name:         nightly
Namespace:    default
Labels:       tier=db
Annotations:  <none>
API Version:  example.com/v1
Kind:         Backup
Metadata:
  Creation Timestamp:  2026-11-26T21:17:20Z
  Generation:          1
  Resource Version:    ${backup.metadata.resourceVersion}
  UID:                 ${backup.metadata.uid}
Spec:
  Enabled:      true
  Retain Days:  7
  Schedule:     0 2 * * *
  Targets:
    Name:  pg
    Paths:
      /var/lib/postgresql
      /etc/pg
    Name:  redis
Events:    <none>
`,
      stderr: '',
      code: 0,
    },
    'a custom resource: every field nested, lists of objects one after another, the last-applied annotation left out',
  );
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
  const w = new PrefixWriter();
  const now = Date.parse('2026-11-26T21:17:20Z');
  describeEvents(
    [
      { apiVersion: 'v1', kind: 'Event', metadata: {}, type: 'Normal', reason: 'Later', message: 'second ', source: { component: 'kubelet' }, firstTimestamp: '2026-11-26T21:17:00Z', lastTimestamp: '2026-11-26T21:17:00Z', count: 1 },
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {},
        type: 'Warning',
        reason: 'Series',
        message: 'from the events API',
        reportingComponent: 'my-controller',
        eventTime: '2026-11-26T21:07:20.000000Z',
        series: { count: 4, lastObservedTime: '2026-11-26T21:16:20.000000Z' },
      },
    ],
    w,
    now,
  );
  t.equal(
    w.toString(),
    `Events:
  Type     Reason  Age                From           Message
  ----     ------  ----               ----           -------
  Warning  Series  60s (x4 over 10m)  my-controller  from the events API
  Normal   Later   20s                kubelet        second
`,
    'events without a lastTimestamp sort first; a series counts its own; the reporting component stands in for the source',
  );
});

t.test('describe: network policies, volumes, claims, autoscalers, ingresses and service accounts', async (t) => {
  const c = await recordedCluster();
  const client = c.engine.client();
  const kind = (k: string, g = '') => client.kinds.forKind(k, g)!;
  const create = (k: string, g: string, obj: Record<string, unknown>) => client.create(kind(k, g), obj as never, (obj.metadata as { namespace?: string }).namespace);
  await create('NetworkPolicy', 'networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }], ports: [{ port: 5432 }] }],
      egress: [],
    },
  });
  await create('PersistentVolume', '', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', hostPath: { path: '/data' } } });
  await create('PersistentVolumeClaim', '', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } });
  await create('HorizontalPodAutoscaler', 'autoscaling', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
  });
  await create('Ingress', 'networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } },
            ],
          },
        },
      ],
    },
  });
  await create('ServiceAccount', '', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci', namespace: 'default' }, secrets: [{ name: 'ci-token' }], imagePullSecrets: [{ name: 'regcred' }, { name: 'db-pass' }] });
  const out = async (args: string) => (await kubectl(c.engine, args)).stdout;
  t.equal(
    await out('describe netpol db'),
    `Name:         db
Namespace:    default
Created on:   2026-11-26 21:17:20 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     role=db
  Allowing ingress traffic:
    To Port: 5432/TCP
    From:
      PodSelector: app=web
    From:
      NamespaceSelector: team=a
      PodSelector: <none>
    From:
      IPBlock:
        CIDR: 10.0.0.0/16
        Except: 10.0.1.0/24
  Allowing egress traffic:
    <none> (Selected pods are isolated for egress connectivity)
  Policy Types: Ingress, Egress
`,
  );
  t.equal(
    await out('describe pv pv1'),
    `Name:            pv1
Labels:          <none>
Annotations:     <none>
Finalizers:      [kubernetes.io/pv-protection]
StorageClass:    manual
Status:          Pending
Claim:           
Reclaim Policy:  Retain
Access Modes:    RWO
VolumeMode:      Filesystem
Capacity:        1Gi
Node Affinity:   <none>
Message:         
Source:
    Type:          HostPath (bare host directory volume)
    Path:          /data
    HostPathType:  
Events:            <none>
`,
  );
  t.equal(
    await out('describe pvc data'),
    `Name:          data
Namespace:     default
StorageClass:  manual
Status:        Pending
Volume:        
Labels:        <none>
Annotations:   <none>
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      
Access Modes:  
VolumeMode:    Filesystem
Used By:       <none>
Events:        <none>
`,
  );
  t.equal(
    await out('describe hpa web'),
    `Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Thu, 26 Nov 2026 21:17:20 +0000
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 80%
Min replicas:                                          2
Max replicas:                                          5
Deployment pods:                                       0 current / 0 desired
Events:                                                <none>
`,
    'the metric line is one cell, so it sets the width of the whole block, as in kubectl',
  );
  t.equal(
    await out('describe ingress web'),
    `Name:             web
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    nginx
Default backend:  <default>
Rules:
  Host         Path  Backends
  ----         ----  --------
  example.com  
               /      web:80 (10.244.1.5:8080,10.244.1.7:8080,10.244.2.6:8080)
               /api   api:8080 (<error: services "api" not found>)
Annotations:   <none>
Events:        <none>
`,
  );
  t.equal(
    await out('describe sa ci'),
    `Name:                ci
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  regcred (not found)
                     db-pass
Mountable secrets:   ci-token (not found)
Tokens:              <none>
Events:              <none>
`,
  );
});

t.test('describe: a ReplicationController, selected by its plain label map', async (t) => {
  const c = await recordedCluster();
  const client = c.engine.client();
  await client.create(
    client.kinds.forKind('ReplicationController', '')!,
    { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'old', namespace: 'default' }, spec: { replicas: 2, selector: { app: 'old' }, template: { metadata: { labels: { app: 'old' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } },
    'default',
  );
  t.equal(
    (await kubectl(c.engine, 'describe rc old')).stdout,
    `Name:         old
Namespace:    default
Selector:     app=old
Labels:       app=old
Annotations:  <none>
Replicas:     0 current / 2 desired
Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=old
  Containers:
   c:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`,
  );
});

t.test('describe: an EndpointSlice lists each endpoint with its conditions', async (t) => {
  const c = await recordedCluster();
  t.equal(
    (await kubectl(c.engine, 'describe endpointslice web-vx2ck')).stdout,
    `Name:         web-vx2ck
Namespace:    default
Labels:       kubernetes.io/service-name=web
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  8080  TCP
Endpoints:
  - Addresses:  10.244.1.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    NodeName:   <unset>
    Zone:       <unset>
  - Addresses:  10.244.1.7
    Conditions:
      Ready:    true
    Hostname:   <unset>
    NodeName:   <unset>
    Zone:       <unset>
  - Addresses:  10.244.2.6
    Conditions:
      Ready:   true
    Hostname:  <unset>
    NodeName:  <unset>
    Zone:      <unset>
Events:        <none>
`,
    'an endpoint\'s fields share a column block with the next endpoint\'s first line, as Go\'s tabwriter has it',
  );
});

t.test('every describer in the folder is registered once', async (t) => {
  const { describers } = await import('../../src/commands/printers/describe/index.js');
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/commands/printers/describe');
  const found: string[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js')) {
    const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
    for (const v of Object.values(mod) as { group?: string; kind?: string; describe?: unknown }[]) if (v && typeof v === 'object' && v.kind && v.describe) found.push(`${v.group}/${v.kind}`);
  }
  t.same(found.sort(), describers.map((d) => `${d.group}/${d.kind}`).sort());
});

t.test('describe: cron jobs, stateful sets, endpoints, storage classes and disruption budgets', async (t) => {
  const c = await recordedCluster();
  const client = c.engine.client();
  const kind = (k: string, g = '') => client.kinds.forKind(k, g)!;
  await kubectl(c.engine, ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date']);
  await client.create(kind('StatefulSet', 'apps'), {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db',
      replicas: 2,
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          containers: [
            {
              name: 'pg',
              image: 'postgres:16',
              env: [
                { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-pass', key: 'password' } } },
                { name: 'MODE', value: 'a\nb' },
              ],
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  await client.create(kind('Endpoints'), { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.0.10' }, { ip: '192.168.0.11' }], ports: [{ port: 5432, protocol: 'TCP' }] }] });
  await client.create(kind('StorageClass', 'storage.k8s.io'), {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  await kubectl(c.engine, 'create pdb web --selector=app=web --min-available=2');
  const out = async (args: string) => (await kubectl(c.engine, args)).stdout;
  t.equal(
    await out('describe cronjob tick'),
    `Name:                          tick
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */5 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   tick:
    Image:      busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      date
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  <unset>
Active Jobs:         <none>
Events:              <none>
`,
  );
  t.equal(
    await out('describe sts db'),
    `Name:               db
Namespace:          default
CreationTimestamp:  Thu, 26 Nov 2026 21:17:20 +0000
Selector:           app=db
Labels:             <none>
Annotations:        <none>
Replicas:           2 desired | 0 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=db
  Containers:
   pg:
    Image:      postgres:16
    Port:       <none>
    Host Port:  <none>
    Environment:
      POSTGRES_PASSWORD:  <set to the key 'password' in secret 'db-pass'>  Optional: false
      MODE:               a
                          b
    Mounts:
      /var/lib/postgresql/data from data (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          data
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:          <none>
`,
  );
  t.equal(
    await out('describe ep ext'),
    `Name:         ext
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          192.168.0.10,192.168.0.11
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  5432  TCP

Events:  <none>
`,
  );
  t.equal(
    await out('describe sc local'),
    `Name:                  local
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           kubernetes.io/no-provisioner
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`,
  );
  t.equal(
    await out('describe pdb web'),
    `Name:           web
Namespace:      default
Min available:  2
Selector:       app=web
Status:
    Allowed disruptions:  0
    Current:              0
    Desired:              0
    Total:                0
Events:                   <none>
`,
  );
});
