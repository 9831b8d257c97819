// `npm run bench`: runs every metric script in its own process and writes bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const metrics = ['getPods.js', 'createConfigMap.js'];
const results = [];
for (const m of metrics) {
  process.stderr.write(`bench: ${m}\n`);
  const out = execFileSync(process.execPath, [path.join(dir, m)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of out.trim().split('\n')) {
    const r = { script: `bench/${m}`, ...JSON.parse(line) };
    results.push(r);
    process.stderr.write(`  ${r.metric}: ${r.ms} ms (cpu ${r.cpuMs}), node -e 0 ${r.baselineMs} ms (cpu ${r.baselineCpuMs}), ratio ${r.ratio} (cpu ${r.cpuRatio})${r.goal ? ` goal < ${r.goal}` : ''}\n`);
  }
}

const cpus = os.cpus();
const facts = [
  `- node ${process.version} on ${os.platform()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  `- load average when the run ended: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  `- date: ${new Date().toISOString()}`,
];
const met = (ratio, goal) => (ratio === undefined ? '' : ratio < goal ? 'met' : 'NOT met');
const rows = results.map(
  (r) =>
    `| ${r.metric} | \`${r.command}\` | ${(r.storeBytes / 1e6).toFixed(1)} MB | ${r.runs} | ${r.ms} / ${r.baselineMs} | ${r.ratio}x | ${r.cpuMs ?? '-'} / ${r.baselineCpuMs ?? '-'} | ${r.cpuRatio ?? '-'}x | ${r.goal ? `< ${r.goal}x: wall ${met(r.ratio, r.goal)}, cpu ${met(r.cpuRatio, r.goal)}` : ''} |`,
);
const md = `# Benchmarks

Produced by \`npm run bench\` (\`bench/run.js\`, which runs each \`bench/<metric>.js\`). Each figure is the
median of a whole process, run in turns with \`node -e 0\` in the same run so both see the same machine
load: wall time, and CPU time (user + system, from GNU time). On a busy machine wall time mostly
measures waiting for a core, so the CPU ratio is the steadier figure; on an idle one they agree.

Stores are built by \`bench/stores.js\`: the default cluster plus N running pods in \`default\`, the watch
log a real run leaves, then one catch-up of the simulation, so the measured commands find a settled
cluster (a command still catches up whatever fell due since, as every command does).

## Machine

${facts.join('\n')}

## Results

| metric | command | store | runs | wall ms (cmd / node -e 0) | wall ratio | cpu ms (cmd / node -e 0) | cpu ratio | goal |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
// the sections after the results table (simulation, tutor) are measured by their own scripts: kept as they are
const file = path.join(dir, 'RESULTS.md');
const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const resultsAt = old.indexOf('\n## Results');
const next = resultsAt < 0 ? -1 : old.indexOf('\n## ', resultsAt + 1);
fs.writeFileSync(file, next < 0 ? md : `${md}${old.slice(next)}`);
process.stderr.write('bench: wrote bench/RESULTS.md\n');
