import { fileURLToPath } from 'node:url';
import t from 'tap';
import { cli, type CliResult } from '../helpers/cli.js';
import { tempHome } from '../helpers/cluster.js';

// The exam as a candidate runs it from a shell, on the test bank (two CKA tasks on two contexts, one CKAD
// task), with the exam's clock set through KUBECADET_EXAM_NOW.

const BANK = fileURLToPath(new URL('../../../test/lessons/exam-bank/', import.meta.url));
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);

function at(home: string, minutes: number, args: string[]): CliResult {
  return cli(home, args, { env: { KUBECADET_CONTENT_DIR: BANK, KUBECADET_EXAM_NOW: String(T0 + minutes * 60_000) } });
}

t.test('--list-tasks: one line per task, all tracks or one', async (t) => {
  const home = tempHome();
  t.equal(
    at(home, 0, ['exam', '--list-tasks']).stdout,
    'ID                    TRACK   DOMAIN                        WEIGHT   TITLE\n' +
      'cka-test-label-node   cka     troubleshooting               6        Label a node on the second cluster\n' +
      'cka-test-scale        cka     workloads-scheduling          4        Scale a deployment\n' +
      'ckad-test-configmap   ckad    environment-config-security   3        Create a ConfigMap\n',
  );
  t.equal(
    at(home, 0, ['exam', '--list-tasks', '--track', 'ckad']).stdout,
    'ID                    TRACK   DOMAIN                        WEIGHT   TITLE\n' + 'ckad-test-configmap   ckad    environment-config-security   3        Create a ConfigMap\n',
  );
  const r = at(home, 0, ['exam', '--list-tasks', '--track', 'cks']);
  t.equal(r.code, 1);
  t.equal(r.stderr, 'error: unknown track "cks" (cka or ckad)\n');
});

t.test('an exam: start, read tasks, work on two contexts, flag, submit, report, history', async (t) => {
  const home = tempHome();
  let r = at(home, 0, ['exam', '--seed', '7', '--minutes', '40']);
  t.equal(r.code, 0, r.stderr);
  t.equal(
    r.stdout,
    'Preparing cluster k8s-c1 for 1 task...\n' +
      'Preparing cluster k8s-c2 for 1 task...\n\n' +
      'Exam cka-20260101-1000-7 started: 2 tasks, 40m 00s. The same tasks again: kubecadet exam --track cka --seed 7\n' +
      'Clusters: k8s-c1, k8s-c2 (switch with: kubectl config use-context NAME). No hints until you submit.\n\n' +
      'Exam cka-20260101-1000-7 (CKA): 40:00 left of 40m 00s, 0/2 tasks marked done\n' +
      '#   DONE  FLAG  WEIGHT  CONTEXT  TASK\n' +
      '>1              4       k8s-c1   Scale a deployment\n' +
      ' 2              6       k8s-c2   Label a node on the second cluster\n\n' +
      'Task 1 of 2: Scale a deployment (weight 4)\n\n' +
      'Use context: kubectl config use-context k8s-c1\n\n' +
      'In namespace `shop`, scale deployment `api` to 4 replicas.\n\n' +
      '40:00 left.\n\n' +
      "Next: kubecadet exam task N (read task N) | done N | flag N | status | submit. Work in 'kubecadet shell' or any terminal.\n",
  );
  r = at(home, 1, ['exam', '--seed', '8']);
  t.equal(r.code, 1);
  t.equal(r.stderr, "error: exam cka-20260101-1000-7 is running; see it with 'kubecadet exam status', or end it with 'kubecadet exam submit' or 'kubecadet exam abandon'\n");

  // the contexts are the exam's clusters; the starting state is there
  t.equal(
    at(home, 1, ['k', 'config', 'get-contexts']).stdout,
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
      '*         k8s-c1                        k8s-c1       kubernetes-admin   \n' +
      '          k8s-c2                        k8s-c2       kubernetes-admin   \n' +
      '          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
  t.equal(at(home, 1, ['k', 'get', 'deploy', '-n', 'shop', '-o', 'name']).stdout, 'deployment.apps/api\n');
  t.equal(at(home, 2, ['k', 'scale', 'deploy', 'api', '--replicas=4', '-n', 'shop']).stdout, 'deployment.apps/api scaled\n');
  t.equal(at(home, 5, ['exam', 'done', '1']).stdout, 'Task 1 marked done.\n');

  r = at(home, 5, ['exam', 'task', '2']);
  t.equal(
    r.stdout,
    'Task 2 of 2: Label a node on the second cluster (weight 6)\n\n' +
      'Use context: kubectl config use-context k8s-c2\n\n' +
      'Label node `node01` with `disk=ssd`, and create the namespace `ops`.\n\n' +
      '35:00 left.\n',
  );
  t.equal(at(home, 6, ['k', 'config', 'use-context', 'k8s-c2']).stdout, 'Switched to context "k8s-c2".\n');
  // a near miss: the namespace is right, the label lands on the wrong node
  t.equal(at(home, 7, ['k', 'label', 'node', 'node02', 'disk=ssd']).stdout, 'node/node02 labeled\n');
  t.equal(at(home, 8, ['k', 'create', 'ns', 'ops']).stdout, 'namespace/ops created\n');
  t.equal(at(home, 9, ['exam', 'flag', '2']).stdout, 'Task 2 flagged.\n');
  t.equal(
    at(home, 10, ['exam', 'status']).stdout,
    'Exam cka-20260101-1000-7 (CKA): 30:00 left of 40m 00s, 1/2 tasks marked done\n' +
      '#   DONE  FLAG     WEIGHT  CONTEXT  TASK\n' +
      ' 1  done           4       k8s-c1   Scale a deployment\n' +
      '>2        flagged  6       k8s-c2   Label a node on the second cluster\n',
  );
  t.equal(at(home, 10, ['exam', 'task', '9']).stderr, 'error: no task 9 (the exam has tasks 1-2)\n');
  t.equal(at(home, 10, ['exam', 'grade']).stderr, 'error: unknown exam action "grade" (one of: status, task, flag, done, submit, abandon, history, report)\n');

  r = at(home, 30, ['exam', 'submit']);
  t.equal(r.code, 0, r.stderr);
  const report =
    'Exam cka-20260101-1000-7 (CKA, seed 7): submitted\n' +
    'Score: 60% (6 of 10 points). Pass mark 66%: NOT PASSED\n' +
    'Time used: 30m 00s of 40m 00s\n\n' +
    'Task 1: Scale a deployment  [cka-test-scale, workloads-scheduling, context k8s-c1]\n' +
    '  4 of 4 points (checks 1/1), time spent 5m 00s\n' +
    '  [x] 1/1  deployment api has 4 replicas\n' +
    '  Reference solution:\n' +
    '    kubectl scale deployment api --replicas=4 -n shop\n\n' +
    'Task 2: Label a node on the second cluster  [cka-test-label-node, troubleshooting, context k8s-c2]\n' +
    '  2 of 6 points (checks 1/3), time spent 25m 00s\n' +
    '  [ ] 0/2  node node01 has the label disk=ssd\n' +
    '        expected: node/node01: metadata.labels.disk = "ssd"\n' +
    '        found:    node/node01: metadata.labels.disk is not set, expected "ssd"\n' +
    '  [x] 1/1  namespace ops exists\n' +
    '  Reference solution:\n' +
    '    kubectl label node node01 disk=ssd\n' +
    '    kubectl create namespace ops\n\n' +
    'Coaching\n' +
    '  Time: 40 minutes for 10 points is 4m 00s per point.\n' +
    '    Task 2 took 25m 00s for 6 points; at that pace it was worth 24m 00s.\n' +
    '  Faster imperative forms:\n' +
    '    Task 1: kubectl scale deployment NAME --replicas=N -n NS\n' +
    '  Practise next (weakest domains first):\n' +
    '    Troubleshooting: 33% (2 of 6 points)\n';
  t.equal(r.stdout, report);
  t.equal(at(home, 31, ['exam', 'status']).stderr, "No exam is running. Start one with 'kubecadet exam --track cka' (or ckad); past exams: 'kubecadet exam history'.\n");
  t.equal(at(home, 31, ['exam', 'report']).stdout, report, 'the report persists');
  t.equal(
    at(home, 31, ['exam', 'history']).stdout,
    'EXAM                  TRACK   TASKS   RESULT       SCORE   WEAK DOMAINS\n' + 'cka-20260101-1000-7   cka     2       not passed   60%     troubleshooting\n',
  );
});

t.test('time running out submits, whichever command notices; the same seed repeats an attempt; abandon', async (t) => {
  const home = tempHome();
  let r = at(home, 0, ['exam', '--track', 'ckad', '--minutes', '30', '--seed', '3']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, 'Task 1 of 1: Create a ConfigMap (weight 3)');
  r = at(home, 29, ['k', 'get', 'cm', 'settings', '-o', 'name']);
  t.equal(r.stderr, 'Error from server (NotFound): configmaps "settings" not found\n', 'before the end, nothing is said');
  r = at(home, 31, ['k', 'get', 'ns', 'default', '-o', 'name']);
  t.equal(r.stdout, 'namespace/default\n', 'the command itself runs as usual');
  t.equal(r.stderr, 'kubecadet: time is up: exam ckad-20260101-1000-3 was submitted, score 0%. Read the report: kubecadet exam report\n');
  r = at(home, 32, ['exam', 'report']);
  t.match(r.stdout, /^Exam ckad-20260101-1000-3 \(CKAD, seed 3\): time ran out\nScore: 0% \(0 of 3 points\)\. Pass mark 66%: NOT PASSED\nTime used: 30m 00s of 30m 00s\n/);
  t.match(r.stdout, '  0 of 3 points (checks 0/1), time spent 30m 00s\n');
  t.equal(at(home, 32, ['k', 'get', 'ns', 'default', '-o', 'name']).stderr, '', 'it is submitted once');

  r = at(home, 40, ['exam', '--seed', '7', '--tasks', '1']);
  const first = r.stdout.slice(r.stdout.indexOf('Task 1 of 1'));
  t.match(first, 'Task 1 of 1: ');
  t.equal(at(home, 41, ['exam', 'abandon']).stdout, 'Exam cka-20260101-1040-7 (CKA, seed 7): abandoned\nAbandoned after 1m 00s of 2h 00m; not graded.\n');
  r = at(home, 50, ['exam', '--seed', '7', '--tasks', '1']);
  t.equal(r.stdout.slice(r.stdout.indexOf('Task 1 of 1')).replace('2:00:00', 'X'), first.replace('2:00:00', 'X'), 'the same seed draws the same task and variant');
  at(home, 51, ['exam', 'abandon']);
  t.equal(
    at(home, 52, ['exam', 'history']).stdout,
    'EXAM                   TRACK   TASKS   RESULT       SCORE   WEAK DOMAINS\n' +
      'ckad-20260101-1000-3   ckad    1       not passed   0%      environment-config-security\n' +
      'cka-20260101-1040-7    cka     1       abandoned    -       -\n' +
      'cka-20260101-1050-7    cka     1       abandoned    -       -\n',
  );
  t.equal(at(home, 52, ['exam', 'submit']).stderr, "No exam is running. Start one with 'kubecadet exam --track cka' (or ckad); past exams: 'kubecadet exam history'.\n");
});
