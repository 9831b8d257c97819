import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { ManualClock } from '../../src/cluster/clock.js';
import { clusterFile } from '../../src/cluster/home.js';
import { openCluster, type Engine } from '../../src/cluster/engine.js';
import { parseDuration } from '../../src/cluster/meta/duration.js';
import { prepareLessonCluster, runSolution } from '../../src/lessons/session.js';
import { clientReader } from '../../src/lessons/reader.js';
import { drawTask, loadExamTasks, validateTask, ExamFormatError } from '../../src/lessons/exam/loader.js';
import { fill } from '../../src/lessons/exam/template.js';
import { domainQuota, drawExam } from '../../src/lessons/exam/draw.js';
import { formatTaskGrade, gradeTask } from '../../src/lessons/exam/grader.js';
import type { DrawnTask, ExamTask } from '../../src/lessons/examSchema.js';
import type { SolutionCommand } from '../../src/lessons/schema.js';
import { seededRandom, tempHome } from '../helpers/cluster.js';

// The task bank's own check, for every task and several seeds: the untouched starting state scores zero,
// the reference solution scores full points, and each near miss fails the check it belongs to.

const SEEDS = [1, 2, 3];

// the bank replays every task from three seeds with each near miss: a few minutes of work for the whole bank,
// more than the suite's per-file timeout on a loaded machine
t.setTimeout(20 * 60_000);

// commands such as `kubectl config use-context` write the kubeconfig of KUBECADET_HOME: keep it temporary
process.env.KUBECADET_HOME = tempHome();

/**
 * A task's starting state is built once per seed and copied for each run from it: building from the
 * fixture is the slow part, and every run must start from exactly the same state anyway.
 */
interface Start {
  file: string;
  now: number;
}

async function buildStart(task: DrawnTask): Promise<Start> {
  const home = tempHome();
  const clock = new ManualClock();
  await prepareLessonCluster(home, task, { clock, random: seededRandom() }, task.context);
  return { file: clusterFile(home, task.context!), now: clock.now() };
}

async function fromStart(start: Start, task: DrawnTask): Promise<{ engine: Engine; clock: ManualClock }> {
  const home = tempHome();
  fs.mkdirSync(path.join(home, 'clusters'), { recursive: true });
  fs.copyFileSync(start.file, clusterFile(home, task.context!));
  const clock = new ManualClock(start.now);
  const engine = await openCluster(home, task.context!, { clock, random: seededRandom(7) });
  return { engine, clock };
}

/** Lets simulated time pass in steps, as a candidate moving on to the next task would. */
async function settle(engine: Engine, clock: ManualClock, duration = '20s'): Promise<void> {
  const total = parseDuration(duration) ?? 20_000;
  for (let done = 0; done < total; done += 2000) {
    clock.advanceMs(Math.min(2000, total - done));
    await engine.sync();
  }
}

function show(cmd: SolutionCommand): string {
  return typeof cmd === 'string' ? cmd : cmd.run;
}

t.test('every exam task: untouched scores 0, its solution full points, each near miss fails its check', async (t) => {
  const tasks = await loadExamTasks();
  t.ok(tasks.length >= 3, 'the bank has tasks');
  for (const task of tasks) {
    await t.test(task.id, async (t: Test) => {
      for (const seed of SEEDS) {
        const drawn = drawTask(task, seed);
        const at = `seed ${seed} (${JSON.stringify(drawn.values)})`;
        const start = await buildStart(drawn);
        const { engine, clock } = await fromStart(start, drawn);
        const untouched = gradeTask(drawn, clientReader(engine.client()));
        untouched.checks.forEach((c, i) => t.equal(c.earned, 0, `${at}: check ${i + 1} (${c.says}) fails on the untouched starting state`));
        for (const cmd of drawn.solution) {
          const r = await runSolution(engine, cmd);
          t.equal(r.code, 0, `${at}: solution: ${show(cmd)} exits 0${r.code ? ` (${r.stderr.trim()})` : ''}`);
        }
        await settle(engine, clock, drawn.settle);
        const solved = gradeTask(drawn, clientReader(engine.client()));
        t.equal(solved.earned, solved.possible, `${at}: the solution scores ${solved.possible}/${solved.possible}${solved.earned === solved.possible ? '' : `:\n${formatTaskGrade(solved)}`}`);
        for (const [i, check] of drawn.checks.entries()) {
          for (const [j, miss] of check.nearMisses.entries()) {
            const run = await fromStart(start, drawn);
            for (const cmd of miss) await runSolution(run.engine, cmd);
            await settle(run.engine, run.clock, drawn.settle);
            const g = gradeTask(drawn, clientReader(run.engine.client()));
            t.equal(g.checks[i].earned, 0, `${at}: near miss ${j + 1} (${miss.map(show).join('; ')}) fails check ${i + 1} (${check.says})`);
          }
        }
      }
    });
  }
});

t.test('variants: templating keeps types, the same seed draws the same variant, seeds differ', async (t) => {
  t.same(fill({ a: '{{n}}', b: 'x-{{n}}', 'k.{{s}}': ['{{s}}', 3] }, { n: 3, s: 'web' }), { a: 3, b: 'x-3', 'k.web': ['web', 3] });
  const task: ExamTask = {
    id: 'cka-t',
    track: 'cka',
    domain: 'storage',
    weight: 2,
    title: 't',
    params: { ns: ['a', 'b', 'c', 'd'], n: { int: [1, 100] } },
    namespace: '{{ns}}',
    statement: 'scale to {{n}} in {{ns}}',
    checks: [{ points: 1, says: 'x', expect: [{ object: { kind: 'Deployment', name: 'w' }, where: { 'spec.replicas': '{{n}}' } }], nearMisses: [['kubectl get pods']] }],
    solution: ['kubectl scale deployment w --replicas={{n}} -n {{ns}}'],
  };
  validateTask(task, 'cka-t.yaml', 'cka');
  const a = drawTask(task, 5);
  t.same(drawTask(task, 5), a, 'same seed, same attempt');
  t.equal(a.statement, `scale to ${a.values.n} in ${a.values.ns}`);
  t.equal(a.solution[0], `kubectl scale deployment w --replicas=${a.values.n} -n ${a.values.ns}`);
  t.equal(a.namespace, a.values.ns);
  t.equal(a.context, 'k8s-c1', 'the default context');
  t.equal((a.checks[0].expect[0] as { where: Record<string, unknown> }).where['spec.replicas'], a.values.n, 'a whole placeholder keeps its type');
  const seen = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(drawTask(task, s).values)));
  t.ok(seen.size >= 4, 'different seeds draw different variants');
  for (let s = 0; s < 50; s++) {
    const n = drawTask(task, s).values.n as number;
    t.ok(Number.isInteger(n) && n >= 1 && n <= 100, 'an int param stays in its range');
  }
  t.throws(() => validateTask({ ...task, statement: 'in {{nss}}' }, 'cka-t.yaml', 'cka'), new ExamFormatError('cka-t.yaml: unknown params: {{nss}}'));
  t.throws(() => validateTask({ ...task, domain: 'deployment' }, 'cka-t.yaml', 'cka'), /domain deployment is not one of architecture-installation/);
  t.throws(() => validateTask({ ...task, checks: [{ ...task.checks[0], nearMisses: [] }] }, 'cka-t.yaml', 'cka'), /check 1: at least one near miss/);
});

t.test('drawing an exam: domains by their weights, 15-20 tasks, shared contexts keep namespaces apart', async (t) => {
  const plenty = { 'architecture-installation': 10, 'workloads-scheduling': 10, 'services-networking': 10, storage: 10, troubleshooting: 10 };
  t.same(domainQuota('cka', 20, plenty), { 'architecture-installation': 5, 'workloads-scheduling': 3, 'services-networking': 4, storage: 2, troubleshooting: 6 });
  t.same(domainQuota('cka', 20, { ...plenty, troubleshooting: 2 }), { 'architecture-installation': 6, 'workloads-scheduling': 4, 'services-networking': 5, storage: 3, troubleshooting: 2 }, 'a short domain gives its slots to the others');
  t.same(domainQuota('ckad', 4, { deployment: 1 }), { 'design-build': 0, deployment: 1, 'observability-maintenance': 0, 'environment-config-security': 0, 'services-networking': 0 });
  // a synthetic bank: 8 tasks per domain, each with a namespace drawn from only two
  const bank: ExamTask[] = Object.keys(plenty).flatMap((domain) =>
    Array.from({ length: 8 }, (_, i): ExamTask => ({
      id: `cka-${domain}-${i}`,
      track: 'cka',
      domain,
      weight: 4,
      title: `${domain} ${i}`,
      params: { ns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'].map((x) => `${x}${i % 3}`) },
      namespace: '{{ns}}',
      statement: 's',
      checks: [],
      solution: [],
    })),
  );
  for (const seed of [1, 2, 3, 4]) {
    const exam = drawExam(bank, 'cka', seed);
    t.ok(exam.length >= 15 && exam.length <= 20, `seed ${seed}: ${exam.length} tasks`);
    t.equal(new Set(exam.map((x) => x.id)).size, exam.length, 'no task twice');
    t.equal(new Set(exam.map((x) => x.namespace)).size, exam.length, 'each task has a namespace of its own');
    const troubleshooting = exam.filter((x) => x.domain === 'troubleshooting').length;
    t.ok(troubleshooting >= Math.floor(exam.length * 0.3) && troubleshooting <= Math.ceil(exam.length * 0.3), 'troubleshooting gets its 30%');
    t.same(drawExam(bank, 'cka', seed), exam, 'the same seed draws the same exam');
  }
  t.notSame(drawExam(bank, 'cka', 1).map((x) => x.id), drawExam(bank, 'cka', 2).map((x) => x.id), 'seeds differ');
  t.equal(drawExam(bank, 'cka', 1, 6).length, 6, '--tasks N');
});

t.test('a whole exam on shared clusters: tasks on one context get their own namespaces, score 0 untouched and full points solved', async (t) => {
  const { startExam, gradeAttempt } = await import('../../src/lessons/exam/session.js');
  const { takeCurrent } = await import('../../src/lessons/exam/attempt.js');
  // the test bank, plus a second task on k8s-c1 drawing from the same two namespaces: the exam must draw
  // it a variant of its own, or its Namespace and deployment would collide with the first's
  const dir = `${tempHome()}/`;
  fs.cpSync(fileURLToPath(new URL('../../../test/lessons/exam-bank/', import.meta.url)), dir, { recursive: true });
  const scale = fs.readFileSync(`${dir}exam/cka/cka-test-scale.yaml`, 'utf8');
  fs.writeFileSync(`${dir}exam/cka/cka-test-scale-again.yaml`, scale.replace('id: cka-test-scale', 'id: cka-test-scale-again'));
  const home = tempHome();
  const clock = new ManualClock();
  const a = await startExam(home, { track: 'cka', minutes: 120, seed: 11, dir, open: { clock, random: seededRandom() } }, clock.now());
  t.same(a.tasks.map((x) => x.task.id).sort(), ['cka-test-label-node', 'cka-test-scale', 'cka-test-scale-again'], 'the bank is smaller than an exam: every task is drawn');
  const onC1 = a.tasks.filter((x) => x.task.context === 'k8s-c1').map((x) => x.task.namespace);
  t.equal(onC1.length, 2);
  t.not(onC1[0], onC1[1], 'tasks sharing k8s-c1 have namespaces of their own');
  await gradeAttempt(home, a, { clock });
  for (const g of a.grades!) t.equal(g.earned, 0, `${g.id}: untouched, it scores 0 in the shared cluster`);
  const engines = new Map<string, Engine>();
  for (const ctx of new Set(a.tasks.map((x) => x.task.context!))) engines.set(ctx, await openCluster(home, ctx, { clock, random: seededRandom(3) }));
  for (const { task } of a.tasks)
    for (const cmd of task.solution) {
      const r = await runSolution(engines.get(task.context!)!, cmd);
      t.equal(r.code, 0, `${task.id}: ${show(cmd)} exits 0${r.code ? ` (${r.stderr.trim()})` : ''}`);
    }
  for (let done = 0; done < 20_000; done += 2000) {
    clock.advanceMs(2000);
    for (const e of engines.values()) await e.sync();
  }
  await gradeAttempt(home, a, { clock });
  for (const g of a.grades!) t.equal(g.earned, g.possible, `${g.id}: solved, it scores full points in the shared cluster${g.earned === g.possible ? '' : `:\n${formatTaskGrade(g)}`}`);
  t.ok(takeCurrent(home), 'the attempt was running');
});
