import { fileURLToPath } from 'node:url';
import t from 'tap';
import { render } from 'ink-testing-library';
import { App } from '../../src/tutor/App.js';
import { ExamScreen } from '../../src/tutor/ExamScreen.js';
import { loadLessons } from '../../src/lessons/loader.js';
import { readProgress } from '../../src/lessons/progress.js';
import { readCurrent, readHistory } from '../../src/lessons/exam/attempt.js';
import { tempHome } from '../helpers/cluster.js';

// The tutor's exam: the entry on the home screen, the exam screen with its clock, list and statement,
// the warnings at 15 and 5 minutes, and time running out. The bank is the test bank.

const COURSE = fileURLToPath(new URL('../../../test/tutor/course/', import.meta.url));
const BANK = fileURLToPath(new URL('../../../test/lessons/exam-bank/', import.meta.url));
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);

async function frameWith(lastFrame: () => string | undefined, text: string | RegExp, ms = 15000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const f = lastFrame() ?? '';
    if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
    if (Date.now() - start > ms) throw new Error(`no frame with ${String(text)} in ${ms}ms; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function type(stdin: { write(s: string): void }, keys: string): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await new Promise((r) => setTimeout(r, 5));
  }
}

t.test('home: the Exam practice entry opens the exam screen; an exam starts, its clock and tasks show', async (t) => {
  const home = tempHome();
  const lessons = await loadLessons(COURSE);
  let now = T0;
  const { lastFrame, stdin, unmount } = render(
    <App lessons={lessons} progress={readProgress(home)} home={home} clusterName="kubernetes" exam={{ now: () => now, tickMs: 20, contentDir: BANK, seed: () => 7 }} />,
  );
  t.teardown(unmount);
  await frameWith(lastFrame, '▸ ○  1  A first Deployment');
  await type(stdin, 'jj');
  let f = await frameWith(lastFrame, /▸ ◆ +CKA and CKAD mock exams +timed/);
  t.match(f, /^Exam practice$/m);
  t.match(f, /Timed CKA and CKAD mock exams on several clusters/, 'the entry says what it is');
  await type(stdin, '\r');
  f = await frameWith(lastFrame, 'Start a CKA mock exam');
  t.match(f, /▸ Start a CKA mock exam/);
  t.match(f, /  Start a CKAD mock exam/);
  // the screen listens for keys once it has mounted, as a person would look first
  await new Promise((r) => setTimeout(r, 100));
  await type(stdin, '\r');
  f = await frameWith(lastFrame, '2:00:00 left');
  t.match(f, /^ Exam CKA · task 1\/2 +2:00:00 left *$/m, 'the clock is on the first row');
  t.match(f, /▸ 1     4pt Scale a deployment/);
  t.match(f, /  2     6pt Label a node on the/);
  t.match(f, /Task 1: Scale a deployment/);
  t.match(f, /weight 4 points · context k8s-c1/);
  t.match(f, /In namespace `shop`, scale deployment `api` to 4/);
  t.notMatch(f, /hint/i, 'no hints during an exam');
  t.equal(readCurrent(home)?.tasks.length, 2, 'the attempt is on disk, for the CLI and the shell');
  // the tutor runs on, the learner works elsewhere; ten minutes later they go to task 2 and flag it
  now = T0 + 10 * 60_000;
  await frameWith(lastFrame, '1:50:00 left');
  await type(stdin, 'j');
  f = await frameWith(lastFrame, 'Task 2: Label a node on the second cluster');
  t.match(f, /Use context: kubectl config use-context k8s-c2/);
  await type(stdin, 'f');
  await frameWith(lastFrame, /▸ 2  ⚑  6pt Label/);
  await type(stdin, 'kd');
  await frameWith(lastFrame, /▸ 1 ✓   4pt Scale/);
  const a = readCurrent(home)!;
  t.ok(a.tasks[0].done && a.tasks[1].flagged, 'marks persist');
  t.equal(a.tasks[0].timeSpentMs, 10 * 60_000, 'the first ten minutes are booked to task 1');
  // Esc goes home while the clock runs on; the entry shows the time left
  stdin.write('\u001b');
  f = await frameWith(lastFrame, /CKA and CKAD mock exams +1:50:00 left/);
});

t.test('the exam screen: warnings at 15 and 5 minutes, submit asks first, time running out submits', async (t) => {
  const home = tempHome();
  let now = T0;
  const opts = { now: () => now, tickMs: 20, contentDir: BANK, seed: () => 7, minutes: 30 };
  let left = false;
  const { lastFrame, stdin, unmount, frames } = render(<ExamScreen home={home} lessons={[]} columns={80} rows={23} onLeave={() => (left = true)} options={opts} />);
  t.teardown(unmount);
  await frameWith(lastFrame, 'Start a CKAD mock exam');
  await new Promise((r) => setTimeout(r, 100));
  await type(stdin, 'j\r');
  let f = await frameWith(lastFrame, '30:00 left');
  for (const line of f.split('\n')) t.ok(line.length <= 80, `fits 80 columns: ${line}`);
  t.equal(f.split('\n').length, 23, 'and 23 rows');
  void frames;
  t.match(f, /Exam CKAD · task 1\/1/);
  t.notMatch(f, /minutes left/);
  now = T0 + 16 * 60_000;
  f = await frameWith(lastFrame, '14:00 left');
  t.match(f, /^Less than 15 minutes left\.$/m);
  now = T0 + 26 * 60_000;
  f = await frameWith(lastFrame, '04:00 left');
  t.match(f, /^Less than 5 minutes left: save what you have\.$/m);
  await type(stdin, 's');
  await frameWith(lastFrame, 'Submit the exam now (4m 00s left)? y/n');
  await type(stdin, 'n');
  f = await frameWith(lastFrame, 'Work in your own terminal: kubecadet shell');
  t.ok(readCurrent(home), 'n keeps the exam running');
  now = T0 + 31 * 60_000;
  f = await frameWith(lastFrame, 'Exam report');
  t.match(f, /time ran out/);
  t.match(f, /Score: 0% \(0 of 3 points\)\. Pass mark 66%: NOT PASSED/);
  t.match(f, /\[ \] 0\/1  configmap settings holds mode=/);
  t.equal(readCurrent(home), undefined);
  t.equal(readHistory(home)[0].status, 'expired');
  stdin.write('\u001b');
  await new Promise((r) => setTimeout(r, 50));
  t.ok(left, 'Esc leaves the report');
});
