import fs from 'node:fs';
import t, { type Test } from 'tap';
import { ManualClock } from '../../src/cluster/clock.js';
import os from 'node:os';
import path from 'node:path';
import { compileCourse, contentDir, courseOrder, loadLessons } from '../../src/lessons/loader.js';
import { prepareLessonCluster, runSolution } from '../../src/lessons/session.js';
import { checkStep, formatReport } from '../../src/lessons/checker.js';
import { clientReader } from '../../src/lessons/reader.js';
import type { Engine } from '../../src/cluster/engine.js';
import type { Lesson, SolutionCommand } from '../../src/lessons/schema.js';
import { seededRandom, settle, tempHome } from '../helpers/cluster.js';

// The course's own check, like rustlings' `dev check`: every lesson's reference solution completes each
// step on a manual clock, and every near miss leaves its step open.

async function fresh(lesson: Lesson): Promise<{ engine: Engine; clock: ManualClock }> {
  const clock = new ManualClock();
  const engine = await prepareLessonCluster(tempHome(), lesson, { clock, random: seededRandom() });
  return { engine, clock };
}

async function run(t: Test, engine: Engine, cmds: SolutionCommand[], what: string): Promise<void> {
  for (const cmd of cmds) {
    const r = await runSolution(engine, cmd);
    t.equal(r.code, 0, `${what}: ${typeof cmd === 'string' ? cmd : cmd.run} exits 0${r.code ? ` (${r.stderr.trim()})` : ''}`);
  }
}

t.test('the compiled course is the YAML course, and is used only while every file is as compiled', async (t) => {
  const dir = `${fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-course-'))}/`;
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(contentDir, dir, { recursive: true });
  const compiled = `${dir}compiled.json`;
  const none = `${dir}none.json`;
  const fromYaml = await loadLessons(dir, none);
  t.equal(await compileCourse(dir, compiled), true, 'the shipped course compiles');
  t.same(await loadLessons(dir, compiled), fromYaml, 'same lessons');
  t.same(await loadLessons(), await loadLessons(contentDir, none), 'the build output, if any, matches the shipped course');
  // a marked copy shows which one was read
  const doc = JSON.parse(fs.readFileSync(compiled, 'utf8'));
  doc.lessons[0].title = 'from the compiled course';
  fs.writeFileSync(compiled, JSON.stringify(doc));
  t.equal((await loadLessons(dir, compiled))[0].title, 'from the compiled course', 'unchanged files: compiled course');
  const first = fs.readdirSync(dir).find((f) => /^\d\d-/.test(f))!;
  fs.appendFileSync(`${dir}${first}`, '# edited\n');
  t.equal((await loadLessons(dir, compiled))[0].title, fromYaml[0].title, 'an edited file: read from YAML');
  fs.writeFileSync(`${dir}${first}`, fs.readFileSync(`${contentDir}${first}`));
  t.equal((await loadLessons(dir, compiled))[0].title, 'from the compiled course', 'restored: compiled again');
  fs.writeFileSync(`${dir}99-extra.yaml`, 'id: extra\n');
  await t.rejects(loadLessons(dir, compiled), /99-extra.yaml/, 'a new file: read from YAML, which refuses it');
  t.equal(await compileCourse(dir, compiled), false, 'a course that does not load does not compile');
  t.notOk(fs.existsSync(compiled), 'and leaves no compiled course behind');
});

t.test('every lesson file is in course.yaml once, and ids are unique', async (t) => {
  const order = await courseOrder();
  t.equal(new Set(order).size, order.length, 'no id twice');
  const files = fs.readdirSync(contentDir).filter((f) => /^\d\d-.*\.yaml$/.test(f));
  t.equal(files.length, order.length, 'one file per lesson in the course');
  const lessons = await loadLessons();
  t.ok(lessons.length >= 2);
});

t.test('each chapter is one run of lessons in course order, so the home screen lists it once', async (t) => {
  const chapters = (await loadLessons()).map((l) => l.chapter);
  const runs = chapters.filter((c, i) => i === 0 || chapters[i - 1] !== c);
  t.same(runs, [...new Set(runs)]);
});

t.test('each lesson: its solution completes every step, its near misses do not', async (t) => {
  const lessons = await loadLessons();
  for (const lesson of lessons) {
    await t.test(lesson.id, async (t) => {
      const { engine, clock } = await fresh(lesson);
      const reader = clientReader(engine.client());
      t.notOk(checkStep(lesson.steps[0], reader, lesson.namespace).done, 'step 1 is not done before the learner acts');
      for (const [i, step] of lesson.steps.entries()) {
        await run(t, engine, step.solution, `step ${i + 1}`);
        await settle(engine, clock, step.settle);
        const report = checkStep(step, clientReader(engine.client()), lesson.namespace);
        t.ok(report.done, `step ${i + 1} (${step.title}) is done by its solution${report.done ? '' : `:\n${formatReport(report)}`}`);
      }
      for (const [i, step] of lesson.steps.entries()) {
        for (const [j, miss] of (step.nearMisses ?? []).entries()) {
          const { engine: e, clock: c } = await fresh(lesson);
          for (const prev of lesson.steps.slice(0, i)) {
            await run(t, e, prev.solution, `replay before step ${i + 1}`);
            await settle(e, c, prev.settle);
          }
          await run(t, e, miss, `near miss ${j + 1} of step ${i + 1}`);
          await settle(e, c, step.settle);
          t.notOk(checkStep(step, clientReader(e.client()), lesson.namespace).done, `near miss ${j + 1} of step ${i + 1} leaves it open`);
        }
      }
    });
  }
});
