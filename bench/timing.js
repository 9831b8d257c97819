// Whole-process timing: runs commands in turns, so both see the same load, and keeps the medians of
// wall time and of CPU time (user + system, from GNU time when the machine has it). On a busy machine
// wall time mostly measures waiting for a core; CPU time is what the process itself cost.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export function timeOnce(cmd, args, env) {
  const argv = GNU_TIME ? ['-f', '__cpu %U %S', cmd, ...args] : args;
  const start = process.hrtime.bigint();
  const r = spawnSync(GNU_TIME ?? cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /__cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs each command `runs` times, alternating between them; returns the medians of each. */
export function compare(commands, runs) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => samples[k].push(timeOnce(c.cmd, c.args, c.env)));
  return samples.map((s) => ({
    wall: median(s.map((x) => x.wall)),
    cpu: s.every((x) => x.cpu !== undefined) ? median(s.map((x) => x.cpu)) : undefined,
  }));
}

/** The figures one metric reports: medians and ratios against the baseline. */
export function figures(measured, baseline) {
  const r = (a, b) => Number((a / b).toFixed(2));
  return {
    ms: Math.round(measured.wall),
    baselineMs: Math.round(baseline.wall),
    ratio: r(measured.wall, baseline.wall),
    cpuMs: measured.cpu === undefined ? undefined : Math.round(measured.cpu),
    baselineCpuMs: baseline.cpu === undefined ? undefined : Math.round(baseline.cpu),
    cpuRatio: measured.cpu !== undefined && baseline.cpu ? r(measured.cpu, baseline.cpu) : undefined,
  };
}
