#!/usr/bin/env node
// First frame of the tutor: from launching `node bin/kubecadet.js` in a real terminal (tmux, 80x24) until
// the home screen shows the course. Prints each run and the median in ms. Needs tmux and a build.
// RUNS=n sets the number of runs; KUBECADET_CONTENT_DIR picks the course (default: the shipped course, as a
// learner opens it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const course = process.env.KUBECADET_CONTENT_DIR ?? path.join(root, 'src/lessons/content');
const runs = Number(process.env.RUNS ?? 7);
const socket = `kubecadet-bench-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const title = fs.readFileSync(path.join(course, fs.readdirSync(course).find((f) => /^\d\d-.*\.yaml$/.test(f))), 'utf8').match(/^title: (.*)$/m)[1].replace(/^"(.*)"$/, '$1');

// the server and an idle pane exist before timing, so a run measures the tutor, not tmux's start
tmux('new-session', '-d', '-s', 'idle', '-x', '80', '-y', '24', 'sleep 3600');
/** One launch: ms from the window's creation until its screen shows `text`. */
function launch(name, cmd, text) {
  const start = performance.now();
  tmux('new-window', '-d', '-t', 'idle', '-n', name, cmd);
  for (;;) {
    if (tmux('capture-pane', '-p', '-t', `idle:${name}`).includes(text)) return performance.now() - start;
    if (performance.now() - start > 10000) throw new Error(`no ${text} within 10 s`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = [];
const bare = [];
try {
  for (let i = 0; i < runs; i++) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecadet-bench-'));
    const cmd = `env -u CI KUBECADET_HOME='${home}' KUBECADET_CONTENT_DIR='${course}' '${process.execPath}' '${path.join(root, 'bin/kubecadet.js')}'`;
    times.push(launch(`run${i}`, cmd, title));
    tmux('send-keys', '-t', `idle:run${i}`, 'q');
    // the same harness around a bare node that prints one line: what launching costs on this machine now
    bare.push(launch(`bare${i}`, `'${process.execPath}' -e 'console.log("ready")'; sleep 5`, 'ready'));
    fs.rmSync(home, { recursive: true, force: true });
  }
} finally {
  tmux('kill-server');
}
times.forEach((t, i) => console.log(`run ${i + 1}: ${t.toFixed(0)} ms`));
console.log(`tutor first frame: median ${median(times).toFixed(0)} ms over ${runs} runs (goal: 500 ms)`);
console.log(`bare node printing one line, same harness: median ${median(bare).toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
