import { fileURLToPath } from 'node:url';
import t from 'tap';
import { render } from 'ink-testing-library';
import { App } from '../../src/tutor/App.js';
import { Home } from '../../src/tutor/Home.js';
import { NodeBox } from '../../src/tutor/NodeBox.js';
import { LessonScreen } from '../../src/tutor/LessonScreen.js';
import { initialState, reducer } from '../../src/tutor/state.js';
import { loadLessons } from '../../src/lessons/loader.js';
import { readProgress } from '../../src/lessons/progress.js';
import { ManualClock } from '../../src/cluster/clock.js';
import { seededRandom, tempHome } from '../helpers/cluster.js';

const COURSE = fileURLToPath(new URL('../../../test/tutor/course/', import.meta.url));

/** Waits (bounded) for a frame the app renders asynchronously, as a learner would look at the screen. */
async function frameWith(lastFrame: () => string | undefined, text: string | RegExp | ((frame: string) => boolean), ms = 10000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const f = lastFrame() ?? '';
    if (typeof text === 'string' ? f.includes(text) : typeof text === 'function' ? text(f) : text.test(f)) return f;
    if (Date.now() - start > ms) throw new Error(`no frame with ${String(text)} in ${ms}ms; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Types like a person: one key at a time, each handled before the next. */
async function type(stdin: { write(s: string): void }, keys: string): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await new Promise((r) => setImmediate(r));
  }
}

t.test('home lists the course by chapter with each lesson status', async (t) => {
  const lessons = await loadLessons(COURSE);
  const progress = { current: 'first-deployment', lessons: { 'first-deployment': { startedAt: 0, step: 1, done: false, timeSpentMs: 0, hintsUsed: 0 } } };
  const { lastFrame } = render(<Home lessons={lessons} progress={progress} selected={1} clusterName="lesson" width={80} height={23} />);
  const f = lastFrame()!;
  t.match(f, /^kubecadet +cluster: lesson$/m);
  t.match(f, /^Basics$/m);
  t.match(f, /^ {2}● {2}1 {2}A first Deployment +step 2\/2$/m);
  t.match(f, /^Configuration$/m);
  t.match(f, /^▸ ○ {2}2 {2}Settings in ConfigMaps +not started$/m);
  t.match(f, /Keep configuration out of the image\./, 'the highlighted lesson says what it is about');
  for (const line of f.split('\n')) t.ok(line.length <= 80, `fits 80 columns: ${line}`);
});

t.test('a node box shows its state, taints, cordon and pods', async (t) => {
  const node = {
    name: 'node01',
    ready: true,
    unschedulable: true,
    taints: ['node.kubernetes.io/unschedulable:NoSchedule'],
    pods: [
      { name: 'web-1', namespace: 'default', node: 'node01', status: 'Running' },
      { name: 'web-2', namespace: 'default', node: 'node01', status: 'ContainerCreating' },
      { name: 'web-3', namespace: 'default', node: 'node01', status: 'Running' },
    ],
  };
  const { lastFrame } = render(<NodeBox node={node} width={40} maxPods={2} />);
  t.equal(
    lastFrame(),
    [
      '╭──────────────────────────────────────╮',
      '│ node01 Ready,SchedulingDisabled      │',
      '│ taint node.kubernetes.io/unschedulab │',
      '│ le:NoSchedule                        │',
      '│ ● web-1 Running                      │',
      '│ +2 more                              │',
      '╰──────────────────────────────────────╯',
    ].join('\n'),
  );
});

t.test('the lesson screen fits 80x24 and follows a resize', async (t) => {
  const lessons = await loadLessons(COURSE);
  let s = initialState(lessons, { lessons: {} });
  s = reducer(s, { type: 'open', lesson: 0, step: 0 });
  s = reducer(s, { type: 'results', results: [{ ok: true, says: 'deployment web exists' }, { ok: false, says: '2 pods of web are Running', problem: 'none' }], done: false });
  s = reducer(s, { type: 'print', lines: Array.from({ length: 40 }, (_, i) => ({ text: `line ${i}` })) });
  const { lastFrame, rerender } = render(<LessonScreen s={s} columns={80} rows={23} />);
  let lines = lastFrame()!.split('\n');
  t.equal(lines.length, 23);
  for (const line of lines) t.ok(line.length <= 80, `fits 80 columns: ${line}`);
  t.match(lines[0], /^ 1\. A first Deployment · Step 1\/2: Create a Deployment/);
  t.match(lastFrame()!, /\[x\] deployment web exists/);
  t.match(lastFrame()!, /\[ \] 2 pods of web are Running/);
  t.match(lastFrame()!, /line 39/, 'the newest output is shown');
  t.notMatch(lastFrame()!, /line 0\b/, 'older output has scrolled away');
  t.match(lastFrame()!, /kubectl create deployment web --image=nginx/);
  rerender(<LessonScreen s={{ ...s, scroll: 5 }} columns={80} rows={23} />);
  t.match(lastFrame()!, /line 34\n/, 'scrolled back');
  t.notMatch(lastFrame()!, /line 35/);
  t.match(lastFrame()!, /-- 5 more below \(PgDn\) --/);
  rerender(<LessonScreen s={s} columns={120} rows={40} />);
  lines = lastFrame()!.split('\n');
  t.equal(lines.length, 40, 'a bigger terminal gets a bigger screen');
  const requests = reducer(reducer(s, { type: 'requests', items: [{ who: 'scheduler', what: 'create pods/binding web-1 ✓' }, { who: 'kubectl as jane', what: 'list pods ✗ forbidden' }] }), { type: 'toggleStream' });
  rerender(<LessonScreen s={requests} columns={120} rows={40} />);
  const side = lastFrame()!
    .split('\n')
    .map((l) => l.slice(76).trimEnd())
    .filter((l) => /requests|loops|scheduler|binding|kubectl|forbidden/.test(l));
  t.same(side, ['API requests                   Ctrl-T: loops', 'scheduler create pods/binding web-1 ✓', 'kubectl as jane list pods ✗ forbidden'], 'Ctrl-T: the stream shows requests instead');
});

t.test('the app: open a lesson, type its solution, watch the step tick, go home', async (t) => {
  const home = tempHome();
  const lessons = await loadLessons(COURSE);
  const clock = new ManualClock();
  const { lastFrame, stdin, unmount } = render(
    <App lessons={lessons} progress={readProgress(home)} home={home} clusterName="kubernetes" runtime={{ clock, random: seededRandom(), syncMs: 10, batchMs: 5 }} />,
  );
  t.teardown(unmount);
  await frameWith(lastFrame, '▸ ○  1  A first Deployment');
  await type(stdin, 'j');
  await frameWith(lastFrame, '▸ ○  2');
  await type(stdin, 'k\r');
  let f = await frameWith(lastFrame, 'Type kubectl commands');
  t.match(f, /controlplane Ready/, 'the cluster panel shows the nodes');
  t.match(f, /node01 Ready/);
  t.match(f, /\[ \] deployment web exists/);
  await type(stdin, 'k create deploy');
  await type(stdin, '\t');
  await frameWith(lastFrame, 'deploy  deployment  deployments');
  await type(stdin, 'ment web --image=nginx --replicas=2\r');
  f = await frameWith(lastFrame, 'deployment.apps/web created');
  await frameWith(lastFrame, '[x] deployment web exists');
  t.match(lastFrame()!, /\[ \] 2 pods of web are Running/, 'the pods are not running before time passes');
  await frameWith(lastFrame, /replicaset controller created\s+pod/);
  clock.advanceMs(30_000);
  f = await frameWith(lastFrame, '✓ Step 1 done.');
  t.match(f, /\[x\] 2 pods of web are Running/);
  t.match(f, /scheduler bound web-/);
  t.match(f, /kubelet on node01 pulled nginx/);
  stdin.write('\u0014'); // Ctrl-T: the stream shows the API server's requests instead
  f = await frameWith(lastFrame, 'API requests');
  t.notMatch(f, /kubecadet:tutor/, 'the tutor\'s own reads are not the cluster\'s');
  await type(stdin, 'k get pods --as jane\r');
  await frameWith(lastFrame, '✗', 20000);
  stdin.write('\u0014');
  await frameWith(lastFrame, 'Control');
  await type(stdin, 'k get pods -w\r');
  f = await frameWith(lastFrame, /NAME +READY +STATUS +RESTARTS +AGE/);
  t.match(f, /running… \(Ctrl-C stops it\)/, 'the watch shows its lines while it runs');
  stdin.write('\u0003'); // Ctrl-C stops the watch, as at a terminal, and leaves the tutor open
  f = await frameWith(lastFrame, (fr: string) => !fr.includes('running…'));
  t.match(f, /NAME +READY +STATUS +RESTARTS +AGE/);
  t.match(f, /Type kubectl commands|Step 1/, 'still on the lesson screen');
  t.equal(readProgress(home).lessons['first-deployment'].step, 1, 'progress keeps the step done');
  stdin.write('\u001b[A');
  await frameWith(lastFrame, '$ k get pods -w ');
  stdin.write('\u001b[A');
  await frameWith(lastFrame, '$ k get pods --as jane ');
  stdin.write('\u001b[A');
  await frameWith(lastFrame, '$ k create deployment web --image=nginx --replicas=2');
  await type(stdin, '\u0015hint\r');
  await frameWith(lastFrame, 'Hint 1/2: The verb is `create deployment`.');
  await type(stdin, 'next\r');
  f = await frameWith(lastFrame, 'Step 2/2: Some settings');
  t.match(f, /\[ \] configmap settings has mode=dev/);
  await type(stdin, 'check\r');
  await frameWith(lastFrame, 'Not yet. Type hint for a hint.');
  await type(stdin, 'solution\r');
  await frameWith(lastFrame, 'kubectl create configmap settings --from-literal=mode=dev');
  await type(stdin, 'k create configmap settings --from-literal=mode=dev\r');
  await frameWith(lastFrame, '✓ Lesson complete: A first Deployment. Type next for');
  t.ok(readProgress(home).lessons['first-deployment'].done);
  await type(stdin, 'text\r');
  await frameWith(lastFrame, 'Store a setting in a ConfigMap named `settings`');
  await type(stdin, 'bogus\r');
  await frameWith(lastFrame, 'unknown command: bogus.');
  stdin.write('\u001b');
  f = await frameWith(lastFrame, 'cluster: lesson');
  t.match(f, /✓ {2}1 {2}A first Deployment +done/);
});
