import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parse } from 'yaml';
import { BIN } from '../helpers/cli.js';
import { tempHome } from '../helpers/cluster.js';
import type { Lesson } from '../../src/lessons/schema.js';

/**
 * The tutor as a person meets it: the built bin in a real terminal (tmux, 80x24), keys typed one at a
 * time, the screen read back. The course is the tutor test course, passed with KUBECADET_CONTENT_DIR.
 */
const COURSE = fileURLToPath(new URL('../../../test/tutor/course/', import.meta.url));
const lesson = parse(fs.readFileSync(path.join(COURSE, '01-first-deployment.yaml'), 'utf8')) as Lesson;
const SOCKET = `kubecadet-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'tutor');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string | RegExp, ms: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    if (Date.now() - start > ms) throw new Error(`the screen never showed ${String(what)} in ${ms}ms:\n${s}`);
    await sleep(50);
  }
}

async function keys(...names: string[]): Promise<void> {
  for (const k of names) {
    tmux('send-keys', '-t', 'tutor', k);
    await sleep(50);
  }
}

async function typeText(text: string): Promise<void> {
  for (const c of text) {
    tmux('send-keys', '-t', 'tutor', '-l', c);
    await sleep(50);
  }
}

t.test('open lesson 1, type its solution, see the step tick, quit', async (t) => {
  const home = tempHome();
  t.teardown(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });
  // Ink draws only the last frame when CI is set: a learner's terminal never has it
  const cmd = `env -u CI KUBECADET_HOME='${home}' KUBECADET_CONTENT_DIR='${COURSE}' '${process.execPath}' '${BIN}'; echo "EXITED:$?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'tutor', '-x', '80', '-y', '24', cmd);
  let s = await waitFor('A first Deployment', 10000);
  t.match(s, /^Basics/m);
  t.match(s, /not started/);
  await keys('j', 'k', 'Enter');
  s = await waitFor('Type kubectl commands', 20000);
  t.match(s, /Step 1\/2: Create a Deployment/);
  t.match(s, /\[ \] deployment web exists/);
  t.match(s, /controlplane Ready/);
  t.match(s, /taint node-role\.kubernetes\./, "the control plane's taint is visible");
  for (const cmd of lesson.steps[0].solution) {
    await typeText(cmd as string);
    await keys('Enter');
  }
  await waitFor('deployment.apps/web created', 10000);
  // the simulation runs on the wall clock: the kubelet takes its time to pull and start nginx
  s = await waitFor('✓ Step 1 done.', 60000);
  t.match(s, /\[x\] deployment web exists/);
  t.match(s, /\[x\] 2 pods of web are Running/);
  t.match(s, /Step 1\/2: Create a Deployment ✓/);
  t.equal(s.match(/ {2}● web-[a-z0-9]+-[a-z0-9]+/g)?.length, 2, 'the panel shows both pods under their nodes');
  t.match(s, /▣ node01 Ready/);
  const progress = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8'));
  t.equal(progress.lessons['first-deployment'].step, 1);
  await keys('C-c');
  s = await waitFor('EXITED:0', 10000);
  t.notMatch(s, /Control loops/, "the tutor's screen is gone");
  t.equal(tmux('display-message', '-p', '-t', 'tutor', '#{alternate_on} #{cursor_flag}').trim(), '0 1', 'main screen and a visible cursor again');
});
