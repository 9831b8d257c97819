import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { clientReader } from '../../src/lessons/reader.js';
import { evaluate } from '../../src/lessons/matchers/index.js';
import { checkCondition, valueAt } from '../../src/lessons/matchers/fields.js';
import type { Expectation } from '../../src/lessons/schema.js';

// The named checks exam tasks use where field conditions cannot say it: a Secret's decoded value, what a
// role grants whatever the shape of its rules, and can-i answered from the cluster's RBAC objects.

async function setup() {
  const c = await newTestCluster({ simulate: false });
  const run = async (cmd: string, stdin?: string) => {
    const r = await kubectl(c.engine, cmd, stdin ? { stdin } : {});
    if (r.code) throw new Error(`${cmd}: ${r.stderr}`);
  };
  const check = (e: Expectation, namespace = 'team') => evaluate(e, { reader: clientReader(c.engine.client()), namespace });
  await run('create namespace team');
  return { run, check };
}

t.test('a list written as a field condition means equality', async (t) => {
  t.equal(checkCondition(['Ingress'], ['Ingress'] as never), undefined);
  t.equal(checkCondition(['Ingress', 'Egress'], ['Ingress'] as never), 'is ["Ingress","Egress"], expected ["Ingress"]');
  t.equal(checkCondition(undefined, [] as never), 'is not set, expected []');
});

t.test('secretData decodes the value and names what is off', async (t) => {
  const { run, check } = await setup();
  const want: Expectation = { check: 'secretData', args: { name: 'db', key: 'password', value: 's3cr3t', type: 'Opaque' } };
  t.same(check(want), { ok: false, says: 'secret/db in namespace team has password=s3cr3t and type Opaque', problem: 'secret/db in namespace team: not found' });
  await run('create secret generic db --from-literal=password=hunter2 -n team');
  t.equal(check(want).problem, 'secret/db: password is "hunter2", expected "s3cr3t"');
  await run('delete secret db -n team');
  await run('create secret generic db --from-literal=user=s3cr3t -n team');
  t.equal(check(want).problem, 'secret/db: has no key password');
  await run('delete secret db -n team');
  await run('create secret generic db --from-literal=password=s3cr3t -n team');
  t.equal(check(want).ok, true);
  t.equal(check(want, 'default').ok, false, 'the task namespace is the default');
});

t.test('roleAllows expands rules of any shape; exactly and forbidVerbs refuse extra grants', async (t) => {
  const { run, check } = await setup();
  const read: Expectation = { check: 'roleAllows', args: { kind: 'Role', name: 'r', allow: ['get pods', 'list pods', 'get pods/log'], forbidVerbs: ['delete'] } };
  await run('create role r --verb=list,get --resource=pods -n team');
  t.equal(check(read).problem, 'role/r does not allow get pods/log');
  await run(`patch role r -n team --type=json -p='[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]}}]'`);
  t.equal(check(read).ok, true, 'two rules say it as well as one');
  await run(`patch role r -n team --type=json -p='[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["services"],"verbs":["*"]}}]'`);
  t.equal(check(read).problem, 'role/r also allows * services', 'a wildcard verb is a forbidden verb');
  await run('create clusterrole c --verb=create --resource=deployments,statefulsets');
  const creator: Expectation = { check: 'roleAllows', args: { kind: 'ClusterRole', name: 'c', allow: ['create deployments.apps'], exactly: true } };
  t.equal(check(creator).problem, 'clusterrole/c also allows create statefulsets.apps');
  t.equal(check({ check: 'roleAllows', args: { kind: 'ClusterRole', name: 'c', allow: ['create deployments'] } }).problem, 'clusterrole/c does not allow create deployments', 'the group counts');
});

t.test('rbacCan follows bindings to roles for users and ServiceAccounts, per namespace', async (t) => {
  const { run, check } = await setup();
  const sa = 'system:serviceaccount:team:bot';
  const can = (verb: string, resource: string, extra: Record<string, unknown> = {}) => check({ check: 'rbacCan', args: { user: sa, verb, resource, ...extra } });
  t.equal(can('list', 'pods').problem, 'no binding lets system:serviceaccount:team:bot list pods in namespace team');
  await run('create role pods --verb=list --resource=pods -n team');
  await run('create rolebinding pods --role=pods --serviceaccount=default:bot -n team');
  t.equal(can('list', 'pods').ok, false, 'a binding to the same name in another namespace is someone else');
  await run('create rolebinding pods2 --role=pods --serviceaccount=team:bot -n team');
  t.equal(can('list', 'pods').ok, true);
  t.equal(can('list', 'pods', { namespace: 'default' }).ok, false);
  t.equal(can('list', 'pods', { namespace: 'default', allowed: false }).ok, true);
  await run('create clusterrolebinding bot-view --clusterrole=view --serviceaccount=team:bot');
  t.same(can('list', 'pods', { namespace: 'default', allowed: false }), {
    ok: false,
    says: 'system:serviceaccount:team:bot may not list pods in namespace default',
    problem: 'system:serviceaccount:team:bot may list pods in namespace default (granted by clusterrolebinding/bot-view)',
  });
  t.equal(can('list', 'deployments.apps', { namespace: 'default' }).ok, true, 'the view ClusterRole covers apps');
  t.equal(can('delete', 'nodes', { clusterScoped: true }).ok, false);
  await run('create clusterrolebinding jane --clusterrole=cluster-admin --user=jane');
  t.equal(check({ check: 'rbacCan', args: { user: 'jane', verb: 'delete', resource: 'nodes', clusterScoped: true } }).ok, true);
  await run('create clusterrolebinding sas --clusterrole=view --group=system:serviceaccounts:team');
  t.equal(check({ check: 'rbacCan', args: { user: 'system:serviceaccount:team:other', verb: 'get', resource: 'pods' } }).ok, true, 'a ServiceAccount is in its namespace group');
});

t.test('a checker path names a key with dots in brackets, unlike kubectl\'s jsonpath', async (t) => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { 'kubernetes.io/metadata.name': 'x', kubernetes: { io: 'nested' } } } } as never;
  t.equal(valueAt(ns, "metadata.labels['kubernetes.io/metadata.name']"), 'x');
  const { findValues } = await import('../../src/commands/printers/jsonpath.js');
  t.same(findValues("{.metadata.labels['kubernetes.io/metadata.name']}", ns), [], 'kubectl reads it as .kubernetes.io/metadata.name');
});
