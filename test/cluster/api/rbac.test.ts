import t from 'tap';
import { newTestCluster, refusal, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { ruleAllows, type PolicyRule } from '../../../src/cluster/api/authz/rbac.js';
import type { Attributes } from '../../../src/cluster/api/authz/attributes.js';
import type { KindSpec } from '../../../src/cluster/api/resources/kindSpec.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

const jane = { name: 'jane', groups: ['system:authenticated'] };
const req = (a: Partial<Attributes>): Attributes => ({ user: jane, verb: 'get', apiGroup: '', resource: 'pods', namespace: 'default', name: '', ...a });

function kind(c: TestCluster, name: string): KindSpec {
  const spec = c.engine.client().kinds.resolve(name);
  if (!spec) throw new Error(`no kind ${name}`);
  return spec;
}

async function apply(c: TestCluster, ...objs: KubeObject[]): Promise<void> {
  const admin = c.engine.client();
  for (const o of objs) await admin.create(c.engine.client().kinds.forObject(o.apiVersion, o.kind)!, o, o.metadata.namespace);
}

const rbac = 'rbac.authorization.k8s.io/v1';

t.test('each rule form matches as RBAC evaluates it', async (t) => {
  const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: ['get'], apiGroups: [''], resources: ['pods'], ...r });
  t.ok(ruleAllows(req({}), rule({})), 'verb, group and resource');
  t.notOk(ruleAllows(req({ verb: 'list' }), rule({})), 'another verb');
  t.ok(ruleAllows(req({ verb: 'deletecollection' }), rule({ verbs: ['*'] })), '* covers every verb');
  t.notOk(ruleAllows(req({ apiGroup: 'apps', resource: 'deployments' }), rule({ resources: ['deployments'] })), 'the core group is not apps');
  t.ok(ruleAllows(req({ apiGroup: 'apps', resource: 'deployments' }), rule({ apiGroups: ['*'], resources: ['deployments'] })), '* covers every group');
  t.notOk(ruleAllows(req({ subresource: 'log' }), rule({})), 'pods does not cover pods/log');
  t.ok(ruleAllows(req({ subresource: 'log' }), rule({ resources: ['pods/log'] })), 'pods/log');
  t.ok(ruleAllows(req({ subresource: 'log' }), rule({ resources: ['*'] })), '* covers subresources');
  t.ok(ruleAllows(req({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }), rule({ apiGroups: ['apps'], resources: ['*/scale'] })), '*/scale');
  t.ok(ruleAllows(req({ name: 'web' }), rule({ resourceNames: ['web'] })), 'a named get');
  t.notOk(ruleAllows(req({ name: 'db' }), rule({ resourceNames: ['web'] })), 'another name');
  t.notOk(ruleAllows(req({ verb: 'list' }), rule({ verbs: ['list'], resourceNames: ['web'] })), 'resourceNames cannot restrict a list');
  const urls = (u: string[]): PolicyRule => ({ verbs: ['get'], nonResourceURLs: u });
  const path = (p: string) => ({ user: jane, verb: 'get', path: p });
  t.ok(ruleAllows(path('/healthz'), urls(['/healthz'])), 'a path');
  t.ok(ruleAllows(path('/apis/apps'), urls(['/apis/*'])), 'a path prefix');
  t.notOk(ruleAllows(path('/apis'), urls(['/apis/*'])), 'the prefix is not the path');
  t.ok(ruleAllows(path('/metrics'), urls(['*'])), '* covers every path');
  t.notOk(ruleAllows(req({}), urls(['*'])), 'a non-resource rule grants no resource');
  t.end();
});

t.test('Roles, bindings and the API server refusing what they do not grant', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const pods = kind(c, 'pods');
  const nodes = kind(c, 'nodes');
  const deploy = kind(c, 'deployments');
  const cm = kind(c, 'configmaps');
  await apply(
    c,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'standalone', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'dev' }, data: {} },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'dev' }, data: {} },
    {
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'dev' },
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'], resourceNames: ['settings'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'jane-reads', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    },
  );
  const janeClient = c.engine.client('jane');
  t.same(janeClient.list(pods, 'dev').items, [], 'the Role grants list in its namespace');
  t.equal(janeClient.get(cm, 'dev', 'settings').metadata.name, 'settings', 'a named get');
  const e1 = await refusal(() => janeClient.get(cm, 'dev', 'other'));
  t.equal(e1.code, 403);
  t.equal(e1.message, 'configmaps "other" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "dev"');
  t.equal((await refusal(() => janeClient.list(pods, 'default'))).message, 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  t.equal((await refusal(() => janeClient.list(nodes, undefined))).message, 'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  t.equal((await refusal(() => janeClient.list(pods, undefined))).message, 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope');
  t.equal(
    (await refusal(() => janeClient.get(deploy, 'default', 'web'))).message,
    'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"',
    'refused before it is known whether the object exists',
  );
  t.equal(
    (await refusal(() => janeClient.delete(pods, 'default', 'standalone'))).message,
    'pods "standalone" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"',
  );
  t.equal(
    (await refusal(() => janeClient.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} }, 'dev'))).message,
    'configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "dev"',
  );
  t.equal(
    (await refusal(() => janeClient.patch(pods, 'default', 'standalone', 'merge', { metadata: { labels: { a: 'b' } } }, { subresource: 'status' }))).message,
    'pods "standalone" is forbidden: User "jane" cannot patch resource "pods/status" in API group "" in the namespace "default"',
  );
  const watch = janeClient.watch(pods, 'default');
  t.equal((await refusal(() => watch.next())).message, 'pods is forbidden: User "jane" cannot watch resource "pods" in API group "" in the namespace "default"');

  // a RoleBinding to a ClusterRole grants it in its namespace only; a ClusterRoleBinding everywhere
  await apply(c, {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'ops-view', namespace: 'default' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' }],
  });
  const ops = c.engine.client().impersonate('bob', ['ops']);
  t.equal(ops.list(pods, 'default').items.length, 1, 'a group subject');
  t.equal((await refusal(() => ops.list(pods, 'dev'))).code, 403, 'the binding grants nothing elsewhere');
  await apply(c, {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'ops-view-all' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' }],
  });
  t.equal(ops.list(pods, undefined).items.length, 1, 'a ClusterRoleBinding grants in every namespace');

  // impersonation is itself authorized
  t.equal(
    (await refusal(() => janeClient.impersonate('bob'))).message,
    'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
  );
  t.equal(
    (await refusal(() => janeClient.impersonate('system:serviceaccount:dev:ci'))).message,
    'serviceaccounts "ci" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "dev"',
  );
  t.end();
});

t.test('the default roles: cluster-admin, admin, edit, view with aggregation, and the components', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const admin = c.engine.client();
  t.same(admin.whoami(), { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
  t.equal(admin.canI({ verb: 'delete', resource: 'nodes', apiGroup: '' }).decision, 'Allow', 'kubeadm:cluster-admins is bound to cluster-admin');
  t.equal(admin.canI({ verb: 'get', path: '/metrics' }).reason, 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"', 'the reason names the subject that matched');
  const crbs = admin.list(kind(c, 'clusterrolebindings'), undefined).items.map((b) => b.metadata.name);
  for (const name of ['cluster-admin', 'kubeadm:cluster-admins', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:kube-scheduler', 'system:controller:deployment-controller'])
    t.ok(crbs.includes(name), `ClusterRoleBinding ${name}`);
  const roles = admin.list(kind(c, 'clusterroles'), undefined).items;
  t.same(roles.find((r) => r.metadata.name === 'view')?.metadata.labels, {
    'kubernetes.io/bootstrapping': 'rbac-defaults',
    'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
  });
  const as = (group: string) => {
    const who = admin.impersonate('sam', [group]);
    return (verb: string, resource: string, apiGroup = '', subresource?: string) =>
      who.canI({ verb, resource, apiGroup, subresource, namespace: 'team' }).decision === 'Allow';
  };
  await apply(
    c,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    ...['viewer', 'editor', 'owner'].map((g, i) => ({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: g, namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ['view', 'edit', 'admin'][i] },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g }],
    })),
  );
  const view = as('viewer');
  const edit = as('editor');
  const adm = as('owner');
  t.ok(view('list', 'pods') && view('get', 'pods', '', 'log') && view('watch', 'deployments', 'apps'), 'view reads workloads and logs');
  t.notOk(view('get', 'secrets'), 'view reads no Secrets');
  t.notOk(view('create', 'pods') || view('list', 'roles', 'rbac.authorization.k8s.io'), 'view writes nothing and sees no Roles');
  t.ok(edit('get', 'secrets') && edit('create', 'deployments', 'apps') && edit('create', 'pods', '', 'exec'), 'edit (through view aggregated into it)');
  t.ok(edit('list', 'pods'), 'edit aggregates view');
  t.notOk(edit('create', 'roles', 'rbac.authorization.k8s.io'), 'edit has no Roles');
  t.ok(adm('create', 'rolebindings', 'rbac.authorization.k8s.io') && adm('delete', 'secrets') && adm('list', 'pods'), 'admin aggregates edit and view');
  t.notOk(adm('delete', 'namespaces'), 'admin does not own the Namespace');

  // a learner's ClusterRole labelled to aggregate into view counts at once
  t.notOk(view('list', 'crontabs', 'stable.example.com'));
  await apply(c, {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: { name: 'crontab-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list'] }],
  });
  t.ok(view('list', 'crontabs', 'stable.example.com') && edit('list', 'crontabs', 'stable.example.com') && adm('get', 'crontabs', 'stable.example.com'));

  // components under their identities
  const scheduler = c.engine.client('system:kube-scheduler');
  t.equal(scheduler.canI({ verb: 'create', apiGroup: '', resource: 'pods', subresource: 'binding', namespace: 'default' }).decision, 'Allow');
  t.equal(scheduler.canI({ verb: 'delete', apiGroup: '', resource: 'nodes' }).decision, 'NoOpinion');
  const rs = c.engine.client('system:serviceaccount:kube-system:replicaset-controller');
  t.same(rs.whoami().groups, ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated']);
  t.equal(rs.canI({ verb: 'create', apiGroup: '', resource: 'pods', namespace: 'default' }).decision, 'Allow');
  t.equal(rs.canI({ verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'default' }).decision, 'NoOpinion');

  // the Node authorizer: a kubelet writes its own node and the pods bound to it
  const pods = kind(c, 'pods');
  await apply(
    c,
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mine', namespace: 'default' }, spec: { nodeName: 'node01', containers: [{ name: 'c', image: 'nginx' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'theirs', namespace: 'default' }, spec: { nodeName: 'node02', containers: [{ name: 'c', image: 'nginx' }] } },
  );
  const kubelet = c.engine.client('system:node:node01');
  t.same(kubelet.whoami().groups, ['system:nodes', 'system:authenticated']);
  const mine = kubelet.get(pods, 'default', 'mine');
  await kubelet.update(pods, { ...mine, status: { phase: 'Running' } }, { subresource: 'status' });
  t.equal(admin.get(pods, 'default', 'mine').status?.phase, 'Running');
  const theirs = kubelet.get(pods, 'default', 'theirs');
  t.equal(
    (await refusal(() => kubelet.update(pods, { ...theirs, status: { phase: 'Running' } }, { subresource: 'status' }))).message,
    `pods "theirs" is forbidden: User "system:node:node01" cannot update resource "pods/status" in API group "" in the namespace "default": no relationship found between node 'node01' and this object`,
  );
  t.equal(kubelet.canI({ verb: 'patch', apiGroup: '', resource: 'nodes', subresource: 'status', name: 'node01' }).decision, 'Allow');
  t.equal(kubelet.canI({ verb: 'patch', apiGroup: '', resource: 'nodes', subresource: 'status', name: 'node02' }).decision, 'NoOpinion');
  t.end();
});

t.test('kubectl prints the refusal as the server sends it and exits 1', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create namespace dev');
  // kubectl's recorded runs (get-forbidden*, delete-forbidden)
  const cases: [string, string][] = [
    ['--as=jane -n dev get pods', 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"'],
    ['get nodes --as=jane', 'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope'],
    ['get deploy web --as=jane', 'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"'],
    ['delete pod standalone --as=jane', 'pods "standalone" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"'],
  ];
  for (const [args, message] of cases) {
    const r = await kubectl(c.engine, args);
    t.same(r, { stdout: '', stderr: `Error from server (Forbidden): ${message}\n`, code: 1 }, args);
  }
  const r = await kubectl(c.engine, 'get pods --as=jane');
  t.equal(r.stderr, 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
  t.end();
});
