import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('auth can-i answers yes or no with the exit code, and warns about cluster-scoped types', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  // kubectl's recorded runs auth-can-i-yes and auth-can-i-no (the refusal here comes from jane's lack of bindings)
  t.same(await kubectl(c.engine, 'auth can-i create pods'), { stdout: 'yes\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'auth can-i delete nodes --as=jane'), {
    stdout: 'no\n',
    stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
    code: 1,
  });
  t.same(await kubectl(c.engine, 'auth can-i delete nodes -n default'), {
    stdout: 'yes\n',
    stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
    code: 0,
  });
  t.same(await kubectl(c.engine, 'auth can-i delete nodes -A'), { stdout: 'yes\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, "auth can-i '*' '*'"), { stdout: 'yes\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, 'auth can-i get /healthz --as=jane'), { stdout: 'yes\n', stderr: '', code: 0 }, 'system:public-info-viewer');
  t.same(await kubectl(c.engine, 'auth can-i get /metrics --as=jane'), { stdout: 'no\n', stderr: '', code: 1 });
  t.same(await kubectl(c.engine, 'auth can-i list deployments.apps --as=jane -q'), { stdout: '', stderr: '', code: 1 });
  t.same(await kubectl(c.engine, 'auth can-i list pods'), { stdout: 'yes\n', stderr: '', code: 0 });
  // argument errors, as the real kubectl prints them without a server
  const usage = {
    stdout: '',
    stderr: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    code: 1,
  };
  t.same(await kubectl(c.engine, 'auth can-i'), usage);
  t.same(await kubectl(c.engine, 'auth can-i a b c'), usage);
  t.same(await kubectl(c.engine, 'auth can-i get pods --list'), { stdout: '', stderr: 'error: list option must be specified with no arguments\n', code: 1 });
  t.end();
});

t.test('auth whoami prints the identity the API server sees', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  t.same(await kubectl(c.engine, 'auth whoami'), {
    stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    stderr: '',
    code: 0,
  });
  t.same(await kubectl(c.engine, 'auth whoami --as=jane --as-group=devs --as-group=ops'), {
    stdout: 'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs ops system:authenticated]\n',
    stderr: '',
    code: 0,
  });
  const r = await kubectl(c.engine, 'auth whoami --as=system:serviceaccount:dev:ci -o yaml');
  t.equal(
    r.stdout,
    `apiVersion: authentication.k8s.io/v1
kind: SelfSubjectReview
metadata:
  creationTimestamp: null
status:
  userInfo:
    groups:
    - system:serviceaccounts
    - system:serviceaccounts:dev
    - system:authenticated
    username: system:serviceaccount:dev:ci
`,
  );
  t.same(await kubectl(c.engine, 'auth whoami -o wide'), {
    stdout: '',
    stderr:
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    code: 1,
  });
  t.end();
});

t.test('the CKA task: a ServiceAccount, a Role and a RoleBinding, checked with auth can-i --as', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  for (const cmd of [
    'create namespace dev',
    'create serviceaccount ci -n dev',
    'create role pod-reader --verb=get,list,watch --resource=pods -n dev',
    'create rolebinding ci-reads --role=pod-reader --serviceaccount=dev:ci -n dev',
  ])
    t.equal((await kubectl(c.engine, cmd)).code, 0, cmd);
  const as = '--as=system:serviceaccount:dev:ci';
  t.same(await kubectl(c.engine, `auth can-i list pods -n dev ${as}`), { stdout: 'yes\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, `auth can-i get pods/web -n dev ${as}`), { stdout: 'yes\n', stderr: '', code: 0 });
  t.same(await kubectl(c.engine, `auth can-i delete pods -n dev ${as}`), { stdout: 'no\n', stderr: '', code: 1 });
  t.same(await kubectl(c.engine, `auth can-i get pods --subresource=log -n dev ${as}`), { stdout: 'no\n', stderr: '', code: 1 });
  t.same(await kubectl(c.engine, `auth can-i list pods -n default ${as}`), { stdout: 'no\n', stderr: '', code: 1 });
  t.same(await kubectl(c.engine, `get pods -n dev ${as}`), { stdout: '', stderr: 'No resources found in dev namespace.\n', code: 0 });
  t.same(await kubectl(c.engine, `get secrets -n dev ${as}`), {
    stdout: '',
    stderr: 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:dev:ci" cannot list resource "secrets" in API group "" in the namespace "dev"\n',
    code: 1,
  });
  const list = await kubectl(c.engine, `auth can-i --list -n dev ${as}`);
  t.equal(list.code, 0);
  const lines = list.stdout.split('\n');
  t.match(lines[0], /^Resources +Non-Resource URLs +Resource Names +Verbs$/);
  t.ok(lines.some((l) => /^pods +\[\] +\[\] +\[get list watch\]$/.test(l)), 'the Role\'s rule');
  t.ok(lines.some((l) => /^selfsubjectaccessreviews\.authorization\.k8s\.io +\[\] +\[\] +\[create\]$/.test(l)), 'system:basic-user');
  t.ok(lines.some((l) => /^ +\[\/healthz\] +\[\] +\[get\]$/.test(l)), 'system:public-info-viewer');
  t.notOk((await kubectl(c.engine, `auth can-i --list -n default ${as}`)).stdout.includes('pods '), 'nothing on pods elsewhere');
  t.end();
});
