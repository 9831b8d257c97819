import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { runTrace } from '../../src/traceCli.js';
import { bufferIO } from '../../src/commands/util/io.js';

t.test('kubecadet trace runs one kubectl command and shows each step its requests took', async (t) => {
  const c = await newTestCluster();
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
    created.stdout.replace(/resourceVersion \d+/, 'resourceVersion N'),
    [
      'pod/web created',
      '',
      '--- what the API server did (1 request from this command) ---',
      'request 1: create pods in namespace "lr"',
      ...admin,
      '  admission       no change from: LimitRanger',
      '                  ServiceAccount mutated: spec.containers[0].volumeMounts, spec.serviceAccountName, spec.serviceAccount, spec.volumes',
      '                  no change from: TaintNodesByCondition',
      '                  Priority mutated: spec.priority, spec.preemptionPolicy',
      '                  DefaultTolerationSeconds mutated: spec.tolerations',
      '                  no change from: DefaultStorageClass, RuntimeClass, DefaultIngressClass',
      '  validation      passed',
      '  admission       passed: NamespaceLifecycle, LimitRanger, NodeRestriction, PodSecurity, PersistentVolumeClaimResize, RuntimeClass, CertificateApproval, CertificateSubjectRestriction, ResourceQuota',
      '  storage         stored: web at resourceVersion N',
      '',
    ].join('\n'),
    'mutating plugins, then the object\'s validation, then validating plugins, in kube-apiserver\'s order',
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
  t.equal(c.engine.api.tracer, undefined, 'the tracer comes off when the command ends');

  const usage = await trace('get', 'pods');
  t.equal(usage.code, 1);
  t.match(usage.stderr, /^error: trace runs one kubectl command, e\.g\. kubecadet trace -- kubectl get pods\n/);
  t.equal((await trace('kubectl', 'version', '--client', '-o', 'json')).stdout.endsWith('kubectl sent no request: it failed or finished on its own before reaching the API server.\n'), true);
});
