import t from 'tap';
import { initialState, reducer, toLines, type Action, type TutorState } from '../../src/tutor/state.js';
import { complete, type Completions } from '../../src/tutor/complete.js';
import { narrate } from '../../src/tutor/narrate.js';
import { narrateRequest } from '../../src/tutor/narrateRequest.js';
import type { TracedRequest } from '../../src/cluster/api/trace.js';
import { buildView, podStatus } from '../../src/tutor/clusterView.js';
import { layoutText, wrapWords } from '../../src/tutor/text.js';
import { podRows } from '../../src/tutor/ClusterPanel.js';
import { streamRows } from '../../src/tutor/ControlStream.js';
import { rowsOf } from '../../src/tutor/OutputPane.js';
import type { Lesson } from '../../src/lessons/schema.js';
import type { KubeObject } from '../../src/cluster/api/types.js';

const lesson = (id: string, chapter: string, steps = 2): Lesson => ({
  id,
  chapter,
  title: id,
  summary: `about ${id}`,
  steps: Array.from({ length: steps }, (_, i) => ({ title: `s${i}`, text: 'x', solution: ['kubectl get pods'], expect: [{ check: 'x' }] })),
});
const lessons = [lesson('a', 'One'), lesson('b', 'One'), lesson('c', 'Two')];
const run = (s: TutorState, ...actions: Action[]) => actions.reduce(reducer, s);

t.test('the home screen starts on the lesson in progress, else the first not done', async (t) => {
  t.equal(initialState(lessons, { lessons: {} }).selected, 0);
  t.equal(initialState(lessons, { current: 'b', lessons: { b: { startedAt: 0, step: 1, done: false, timeSpentMs: 0, hintsUsed: 0 } } }).selected, 1);
  const aDone = { startedAt: 0, step: 2, done: true, timeSpentMs: 0, hintsUsed: 0 };
  t.equal(initialState(lessons, { current: 'a', lessons: { a: aDone } }).selected, 1);
});

t.test('selection stays within the course and its Exam practice entry, one past the last lesson', async (t) => {
  const s = initialState(lessons, { lessons: {} });
  const down = { type: 'select', delta: 1 } as const;
  t.equal(run(s, { type: 'select', delta: -1 }).selected, 0);
  t.equal(run(s, down, down).selected, 2);
  t.equal(run(s, down, down, down).selected, 3, 'the exam entry');
  t.equal(run(s, down, down, down, down).selected, 3);
  t.equal(run(s, { type: 'exam' }).screen, 'exam');
});

t.test('typing, history and submit', async (t) => {
  let s = initialState(lessons, { lessons: {} });
  s = run(s, { type: 'type', text: 'k get po' }, { type: 'backspace' }, { type: 'type', text: 'ods' });
  t.equal(s.input, 'k get pods');
  s = run(s, { type: 'submit', line: s.input });
  t.equal(s.input, '');
  t.same(s.output, [{ text: '$ k get pods', tone: 'command' }]);
  s = run(s, { type: 'type', text: 'k get no' }, { type: 'submit', line: 'k get no' }, { type: 'type', text: 'draft' });
  t.same(s.history, ['k get pods', 'k get no']);
  s = run(s, { type: 'history', delta: -1 });
  t.equal(s.input, 'k get no');
  s = run(s, { type: 'history', delta: -1 }, { type: 'history', delta: -1 });
  t.equal(s.input, 'k get pods', 'history stops at its start');
  s = run(s, { type: 'history', delta: 1 }, { type: 'history', delta: 1 });
  t.equal(s.input, 'draft', 'coming back down restores what was being typed');
  s = run(s, { type: 'submit', line: 'k get no' });
  t.same(s.history, ['k get pods', 'k get no'], 'a repeated line is kept once');
});

t.test('output is kept bounded and scrolls within what there is', async (t) => {
  let s = initialState(lessons, { lessons: {} });
  s = run(s, { type: 'print', lines: toLines('a\nb\nc\n') });
  t.same(s.output.map((l) => l.text), ['a', 'b', 'c']);
  t.same(toLines(''), []);
  s = run(s, { type: 'scroll', delta: 10, page: 2, rows: 3 });
  t.equal(s.scroll, 1);
  s = run(s, { type: 'scroll', delta: -5, page: 2, rows: 3 });
  t.equal(s.scroll, 0);
  s = run(s, { type: 'print', lines: Array.from({ length: 2100 }, (_, i) => ({ text: String(i) })) });
  t.equal(s.output.length, 2000);
  t.equal(s.output[1999].text, '2099');
});

t.test('opening a lesson and going home', async (t) => {
  let s = initialState(lessons, { lessons: {} });
  s = run(s, { type: 'narrate', items: [{ who: 'x', what: 'y' }] }, { type: 'open', lesson: 2, step: 1 });
  t.equal(s.screen, 'lesson');
  t.equal(s.open, 2);
  t.equal(s.step, 1);
  t.same(s.stream, [], 'a lesson starts with an empty stream');
  s = run(s, { type: 'results', results: [{ ok: true, says: 'ok' }], done: true });
  t.ok(s.stepDone);
  s = run(s, { type: 'step', step: 2 });
  t.notOk(s.stepDone);
  s = run(s, { type: 'home', progress: { lessons: {} }, clusterName: 'lesson' });
  t.equal(s.screen, 'home');
  t.equal(s.clusterName, 'lesson');
});

t.test('Tab completes prompt words, verbs, types and names', async (t) => {
  const c: Completions = {
    verbs: ['get', 'create', 'run', 'describe'],
    types: ['pods', 'pod', 'po', 'deployments', 'deployment', 'deploy', 'nodes'],
    names: (type) => (type.startsWith('no') ? ['controlplane', 'node01'] : type.startsWith('po') ? ['web-1', 'web-2', 'db'] : []),
  };
  t.same(complete('hi', c), { line: 'hint ', candidates: ['hint'] });
  t.same(complete('kubectl g', c), { line: 'kubectl get ', candidates: ['get'] });
  t.same(complete('k get dep', c), { line: 'k get deploy', candidates: ['deploy', 'deployment', 'deployments'] });
  t.same(complete('k get pods w', c), { line: 'k get pods web-', candidates: ['web-1', 'web-2'] });
  t.same(complete('k get pods -n default d', c).line, 'k get pods -n default db ', 'flags are skipped');
  t.same(complete('k cordon n', c).line, 'k cordon node01 ');
  t.same(complete('k get pods/w', c), { line: 'k get pods/w', candidates: [] });
});

const obj = (kind: string, name: string, extra: Partial<KubeObject> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'default', ...meta },
  ...extra,
});

t.test('narration says which component reacted', async (t) => {
  t.same(narrate('ADDED', obj('Deployment', 'web')), [{ who: 'API server', what: 'stored deployment/web' }]);
  t.same(narrate('ADDED', obj('ReplicaSet', 'web-7d4f', {}, { ownerReferences: [{ kind: 'Deployment', name: 'web' }] })), [
    { who: 'deployment controller', what: 'created replicaset web-7d4f' },
  ]);
  const pending = obj('Pod', 'web-7d4f-x2k9p', { spec: { containers: [{ image: 'nginx' }] }, status: { phase: 'Pending' } }, { ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d4f' }] });
  t.same(narrate('ADDED', pending), [{ who: 'replicaset controller', what: 'created pod web-7d4f-x2k9p' }]);
  const bound = { ...pending, spec: { ...pending.spec, nodeName: 'node01' } };
  t.same(narrate('MODIFIED', bound, pending), [{ who: 'scheduler', what: 'bound web-7d4f-x2k9p to node01' }]);
  const running = { ...bound, status: { phase: 'Running' } };
  t.same(narrate('MODIFIED', running, bound), [{ who: 'kubelet on node01', what: 'pulled nginx and started web-7d4f-x2k9p' }]);
  t.same(narrate('MODIFIED', running, running), [], 'nothing changed, nothing said');
  const ep0 = obj('Endpoints', 'web', { subsets: [] });
  const ep1 = obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.244.1.5' }] }] });
  t.same(narrate('MODIFIED', ep1, ep0), [{ who: 'endpoints controller', what: 'added 10.244.1.5 to service/web' }]);
  t.same(narrate('MODIFIED', ep0, ep1), [{ who: 'endpoints controller', what: 'removed 10.244.1.5 from service/web' }]);
  const node = (spec: object, ready: string) => obj('Node', 'node01', { spec, status: { conditions: [{ type: 'Ready', status: ready }] } }, { namespace: undefined });
  t.same(narrate('MODIFIED', node({ unschedulable: true }, 'True'), node({}, 'True')), [{ who: 'API server', what: 'cordoned node01' }]);
  t.same(narrate('MODIFIED', node({}, 'Unknown'), node({}, 'True')), [{ who: 'node lifecycle controller', what: 'marked node01 NotReady' }]);
  t.same(narrate('MODIFIED', node({ taints: [{ key: 'k', effect: 'NoSchedule' }] }, 'True'), node({}, 'True')), [{ who: 'API server', what: 'tainted node01 k:NoSchedule' }]);
  const ev = obj('Event', 'e1', { type: 'Warning', reason: 'FailedScheduling', message: '0/2 nodes are available', source: { component: 'default-scheduler' }, involvedObject: { kind: 'Pod', name: 'p' } });
  t.same(narrate('ADDED', ev), [{ who: 'default-scheduler', what: 'FailedScheduling pod/p: 0/2 nodes are available' }]);
  t.same(narrate('ADDED', obj('Event', 'e2', { type: 'Normal', reason: 'Pulled' })), [], 'routine events are told by the watch of their object');
  t.same(narrate('ADDED', obj('Pod', 'etcd', {}, { namespace: 'kube-system' })), [], 'the control plane is not narrated');
});

t.test('the request stream says who asked for what, and how the API server answered', async (t) => {
  const req = (user: string, verb: string, resource: string, last: TracedRequest['steps'][number], more: Partial<TracedRequest> = {}): TracedRequest => ({
    verb,
    resource,
    user: { name: user, groups: [] },
    source: 'cluster',
    steps: [{ phase: 'authentication', verdict: 'authenticated' }, last],
    ...more,
  });
  const stored = { phase: 'storage' as const, verdict: 'stored' };
  t.same(narrateRequest(req('kubernetes-admin', 'create', 'deployments.apps', stored, { source: 'command', name: 'web' })), { who: 'kubectl', what: 'create deployments web ✓' });
  t.same(narrateRequest(req('jane', 'list', 'pods', { phase: 'authorization', verdict: 'denied' }, { source: 'command' })), { who: 'kubectl as jane', what: 'list pods ✗ forbidden' });
  t.same(narrateRequest(req('system:kube-scheduler', 'create', 'pods', stored, { subresource: 'binding', name: 'p' })), { who: 'scheduler', what: 'create pods/binding p ✓' });
  t.same(narrateRequest(req('system:node:node02', 'update', 'pods', stored, { subresource: 'status', name: 'p' })), { who: 'kubelet on node02', what: 'update pods/status p ✓' });
  t.same(narrateRequest(req('system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods', { phase: 'admission', plugin: 'ResourceQuota', verdict: 'refused' })), {
    who: 'replicaset controller',
    what: 'create pods ✗ refused by ResourceQuota',
  });
  t.same(narrateRequest(req('system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods', { phase: 'validation', verdict: 'invalid' })).what, 'create pods ✗ invalid');
  t.same(narrateRequest(req('system:kube-controller-manager', 'get', 'leases.coordination.k8s.io', { phase: 'authorization', verdict: 'allowed' })), { who: 'controller manager', what: 'get leases' });
  let s = reducer(initialState(lessons, { lessons: {} }), { type: 'requests', items: [{ who: 'kubectl', what: 'x' }] });
  t.equal(s.streamOf, 'loops');
  s = reducer(s, { type: 'toggleStream' });
  t.equal(s.streamOf, 'requests');
  t.same(s.requests, [{ who: 'kubectl', what: 'x' }]);
  t.equal(reducer(s, { type: 'toggleStream' }).streamOf, 'loops');
});

t.test('the cluster view puts pods in their nodes, with kubectl-like statuses', async (t) => {
  const nodes = [
    obj('Node', 'node01', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
    obj('Node', 'controlplane', { spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }, status: { conditions: [] } }),
  ];
  const pods = [
    obj('Pod', 'b', { spec: { nodeName: 'node01' }, status: { phase: 'Running' } }),
    obj('Pod', 'a', { spec: { nodeName: 'node01' }, status: { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] } }),
    obj('Pod', 'c', { spec: {}, status: { phase: 'Pending' } }),
    obj('Pod', 'etcd', { spec: { nodeName: 'controlplane' } }, { namespace: 'kube-system' }),
  ];
  const v = buildView(nodes, pods);
  t.same(v.nodes.map((n) => [n.name, n.ready, n.unschedulable, n.taints, n.pods.map((p) => `${p.name}:${p.status}`)]), [
    ['controlplane', false, false, ['node-role.kubernetes.io/control-plane:NoSchedule'], []],
    ['node01', true, true, [], ['a:ContainerCreating', 'b:Running']],
  ]);
  t.same(v.pending.map((p) => p.name), ['c']);
  t.equal(v.systemPods, 1);
  t.equal(podStatus(obj('Pod', 'x', { status: { phase: 'Running' } }, { deletionTimestamp: 'now' })), 'Terminating');
  // 1 title + node boxes of 3 rows: 6 rows left for pods, the first row each is theirs already
  t.same(podRows({ nodes: [{ ...v.nodes[1], pods: Array(9).fill(v.nodes[1].pods[0]) }, { ...v.nodes[1], pods: [] }], pending: [], systemPods: 0 }, 30, 13), [5, 1]);
});

t.test('text layout: headings, inline code, code blocks, wrapping', async (t) => {
  const lines = layoutText('# Title\nSome `kubectl get` words\nhere.\n\n```\nkubectl create deployment web --image=nginx\n```\n', 20);
  t.same(lines, [
    [{ text: 'Title', style: 'heading' }],
    [],
    [
      { text: 'Some ', style: 'plain' },
      { text: 'kubectl get', style: 'code' },
    ],
    [{ text: 'words here.', style: 'plain' }],
    [],
    [{ text: '  kubectl create dep', style: 'block' }],
    [{ text: '  loyment web --imag', style: 'block' }],
    [{ text: '  e=nginx', style: 'block' }],
  ]);
  t.same(wrapWords('kubelet on node01 pulled nginx', 12), ['kubelet on', 'node01', 'pulled nginx']);
  t.same(wrapWords('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  t.same(rowsOf([{ text: 'abcdef' }, { text: 'one two three', tone: 'tutor' }], 4), [
    { text: 'abcd' },
    { text: 'ef' },
    { text: 'one', tone: 'tutor' },
    { text: 'two', tone: 'tutor' },
    { text: 'thre', tone: 'tutor' },
    { text: 'e', tone: 'tutor' },
  ]);
  t.same(streamRows([{ who: 'scheduler', what: 'bound a to node01' }, { who: 'kubelet', what: 'started a' }], 20, 3), [
    { who: 'scheduler', rest: ' bound a to' },
    { who: '', rest: 'node01' },
    { who: 'kubelet', rest: ' started a' },
  ]);
});
