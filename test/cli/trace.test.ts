import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { runTrace } from '../../src/traceCli.js';
import { bufferIO } from '../../src/commands/util/io.js';

t.test('kubecadet trace runs one kubectl command and shows each step its requests took', async (t) => {
  const c = await newTestCluster();
  const own = c.engine.api.tracer;
  const k = (line: string) => kubectl(c.engine, line);
  await k('create namespace lr');
  await k('create quota q -n lr --hard=pods=1');
  const trace = async (...args: string[]) => {
    const io = bufferIO();
    const code = await runTrace(args, io, { engine: c.engine, env: { KUBECADET_HOME: c.home }, sleep: async (ms) => c.engine.shiftClock(ms) });
    return { stdout: io.stdout, stderr: io.stderr, code };
  };
  const admin = [
    '  authentication  authenticated: user "kubernetes-admin", groups [kubeadm:cluster-admins system:authenticated]',
    '  authorization   allowed: RBAC: ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
  ];
  const created = await trace('--', 'kubectl', 'run', 'web', '--image=nginx', '-n', 'lr');
  t.equal(created.code, 0);
  t.equal(
    created.stdout.replace(/resourceVersion \d+/, 'resourceVersion N').replace(/kube-api-access-\w{5}/, 'kube-api-access-XXXXX'),
    [
      'pod/web created',
      '',
      '--- what the API server did (1 request from this command) ---',
      'request 1: create pods in namespace "lr"',
      ...admin,
      '  admission       no change from: LimitRanger',
      '                  ServiceAccount mutated:',
      '                    add /spec/containers/0/volumeMounts [{"mountPath":"/var/r…',
      '                    add /spec/serviceAccountName "default"',
      '                    add /spec/serviceAccount "default"',
      '                    add /spec/volumes [{"name":"kube-api-access-XXXXX","proje…',
      '                  no change from: TaintNodesByCondition',
      '                  Priority mutated:',
      '                    add /spec/priority 0',
      '                    add /spec/preemptionPolicy "PreemptLowerPriority"',
      '                  DefaultTolerationSeconds mutated:',
      '                    add /spec/tolerations [{"effect":"NoExecute","key":"node.…',
      '                  no change from: DefaultStorageClass, StorageObjectInUseProtection, RuntimeClass, DefaultIngressClass',
      '  validation      passed',
      '  admission       passed: NamespaceLifecycle, LimitRanger, NodeRestriction, PodSecurity, PersistentVolumeClaimResize, RuntimeClass, CertificateApproval, CertificateSubjectRestriction, ResourceQuota',
      '  storage         stored: web at resourceVersion N',
      '',
    ].join('\n'),
    'mutating plugins, each with its JSON patch, then the object\'s validation, then validating plugins, in kube-apiserver\'s order',
  );

  const refused = await trace('kubectl', 'run', 'web2', '--image=nginx', '-n', 'lr');
  t.equal(refused.code, 1);
  t.equal(refused.stderr, 'Error from server (Forbidden): pods "web2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1\n');
  t.match(refused.stdout, /\n {18}ResourceQuota refused: pods "web2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1\n$/, 'the plugin that refused, and nothing after it');
  t.match(refused.stdout, /\n  validation      passed\n  admission       passed: NamespaceLifecycle, /, 'validation comes before the validating plugins');
  t.notMatch(refused.stdout, /storage/);

  const denied = await trace('kubectl', 'get', 'pods', '-n', 'lr', '--as', 'jane');
  t.equal(
    denied.stdout,
    '\n--- what the API server did (2 requests from this command) ---\n' +
      'request 1: impersonate users "jane"\n' +
      admin.join('\n') +
      '\n\nrequest 2: list pods in namespace "lr"\n' +
      '  authentication  authenticated: user "jane", groups [system:authenticated] (impersonated by "kubernetes-admin")\n' +
      '  authorization   denied: no authorizer allows it (RBAC grants nothing that matches)\n',
    'the impersonation filter first, then the request as the impersonated user',
  );

  c.advance(5000); // the kubelet has news to report by the next command
  const all = await trace('--all', 'kubectl', 'get', 'pods', '-n', 'lr');
  t.match(all.stdout, /authentication {2}authenticated: user "system:node:node01", groups \[system:nodes system:authenticated\]\n {2}authorization {3}allowed: the Node authorizer: system:node:node01 acts for its own node\n/, 'the kubelets\' own requests, under their identities');
  t.match(all.stdout, /--- what the API server did \(5 requests\) ---\n/, 'no "from this command": all of them');
  t.equal(c.engine.api.tracer, own, 'the tracer comes off when the command ends, giving back the request log\'s');

  const usage = await trace('get', 'pods');
  t.equal(usage.code, 1);
  t.match(usage.stderr, /^error: trace runs one kubectl command, e\.g\. kubecadet trace -- kubectl get pods\n/);
  t.equal((await trace('kubectl', 'version', '--client', '-o', 'json')).stdout.endsWith('kubectl sent no request: it failed or finished on its own before reaching the API server.\n'), true);
});

t.test('the request log keeps every process\'s requests, components\' included, for kubecadet trace', async (t) => {
  const c = await newTestCluster();
  const k = (line: string) => kubectl(c.engine, line);
  const trace = async (...args: string[]) => {
    const io = bufferIO();
    const code = await runTrace(args, io, { engine: c.engine, env: { KUBECADET_HOME: c.home } });
    return { stdout: io.stdout, stderr: io.stderr, code };
  };
  await k('create namespace team');
  await k('create serviceaccount bot -n team');
  t.equal((await k('get pods -n team --as system:serviceaccount:team:bot')).code, 1);
  await k('run web --image=nginx -n team');
  c.advance(5000);
  await k('get pods -n team');

  const mine = await trace('--user', 'kubernetes-admin', '--verb', 'create', '--last', '2');
  t.equal(mine.code, 0);
  const heads = mine.stdout.split('\n').filter((l) => /^(---|request)/.test(l));
  t.same(
    heads.map((l) => l.replace(/ at \d\d:\d\d:\d\d/, ' at T')),
    [
      '--- the last 2 requests from kubernetes-admin with verb create to cluster "kubernetes" (of 3 kept) ---',
      'request 2 at T from "kubectl create serviceaccount bot -n team": create serviceaccounts in namespace "team"',
      'request 3 at T from "kubectl run web --image=nginx -n team": create pods in namespace "team"',
    ],
    'filtered by user and verb, the last N, numbered among the matches, each with the command that sent it',
  );
  t.match(mine.stdout, / {18}Priority mutated:\n {20}add \/spec\/priority 0\n/, 'admission patches are kept');

  const denied = await trace('--user', 'system:serviceaccount:team:bot');
  t.match(
    denied.stdout,
    /request 1 at \d\d:\d\d:\d\d from "kubectl get pods -n team --as system:serviceaccount:team:bot": list pods in namespace "team"\n {2}authentication {2}authenticated: user "system:serviceaccount:team:bot", groups \[system:serviceaccounts system:serviceaccounts:team system:authenticated\] \(impersonated by "kubernetes-admin"\)\n {2}authorization {3}denied: /,
    'a refusal, with who impersonated whom',
  );

  const scheduler = await trace('--user', 'system:kube-scheduler', '--last', '50');
  t.match(scheduler.stdout, /from system:kube-scheduler: create pods\/binding "web" in namespace "team"\n/, 'the scheduler binds under its own identity');
  const kubelet = await trace('--user', 'system:node:node01', '--verb', 'update');
  t.match(kubelet.stdout, /from system:node:node01: update pods\/status "web" in namespace "team"\n/, 'the kubelet reports status under its node identity');

  // what another process wrote is read from the file: a second engine on the same store
  const { openCluster } = await import('../../src/cluster/engine.js');
  const other = await openCluster(c.home, 'kubernetes', { clock: c.clock });
  await kubectl(other, 'delete pod web -n team --wait=false');
  other.requests.flush();
  t.match((await trace('--verb', 'delete', '--last', '1')).stdout, /from "kubectl delete pod web -n team --wait=false": delete pods "web" in namespace "team"\n/);

  const none = await trace('--user', 'nobody');
  t.equal(none.stdout, 'No requests from nobody in the log of cluster "kubernetes" yet. Run a kubectl command, then look again.\n');
  const bad = await trace('--last', '0');
  t.equal(bad.code, 1);
  t.match(bad.stderr, /^error: invalid argument "0" for "--last": a whole number of requests, 1 or more\n\nUsage:\n/);
  t.match((await trace('--since')).stderr, /^error: unknown flag: --since\n/);
});

t.test('trace -f prints requests as they arrive, until interrupted', async (t) => {
  const c = await newTestCluster();
  const ac = new AbortController();
  const io = bufferIO();
  let polls = 0;
  const following = runTrace(['-f', '--user', 'kubernetes-admin', '--last', '1'], io, {
    engine: c.engine,
    env: { KUBECADET_HOME: c.home },
    signal: ac.signal,
    sleep: async () => {
      polls++;
      if (polls === 1) await kubectl(c.engine, 'create configmap one --from-literal=a=b');
      if (polls === 2) await kubectl(c.engine, 'create configmap two --from-literal=a=b');
      if (polls === 3) ac.abort();
    },
  });
  t.equal(await following, 0);
  t.same(
    io.stdout.split('\n').filter((l) => l.startsWith('request')).map((l) => l.replace(/ at \d\d:\d\d:\d\d/, '')),
    [
      'request 1 from "kubectl create configmap one --from-literal=a=b": create configmaps in namespace "default"',
      'request 2 from "kubectl create configmap two --from-literal=a=b": create configmaps in namespace "default"',
    ],
    'nothing before it started (a fresh cluster has no request from the learner), then each as it came',
  );
});
