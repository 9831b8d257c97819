import type { Command } from 'commander';
import { homeDir } from './cluster/home.js';
import { processIO } from './commands/util/io.js';

/** A value inside single quotes, for sh. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The first executable of that name on PATH. */
async function which(name: string, pathVar = process.env.PATH ?? ''): Promise<string | undefined> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** What the prompt names: the running exam, else the lesson in progress. */
async function activity(home: string): Promise<string> {
  const [{ readCurrent, examNow, remainingMs, formatClock }, { readProgress }] = await Promise.all([import('./lessons/exam/attempt.js'), import('./lessons/progress.js')]);
  const exam = readCurrent(home);
  if (exam) return `exam ${exam.id}, ${formatClock(remainingMs(exam, examNow()))} left`;
  const current = readProgress(home).current;
  return current ? `lesson ${current}` : '';
}

/**
 * The shell's start-up file. bash gets the learner's own ~/.bashrc first, then kubecadet's PATH, a prompt
 * that reads the running exam or lesson from KUBECADET_HOME at every prompt (sed on the pretty-printed
 * JSON, so no process of ours runs per prompt), and completion of kubectl's verbs and resource types.
 */
function rcFile(opts: { bash: boolean; shimDir: string; home: string; label: string; verbs: string[]; types: string[] }): string {
  const lines = [`export PATH=${q(opts.shimDir)}:"$PATH"`, `export KUBECADET_HOME=${q(opts.home)}`, 'export KUBECADET_SHELL=1'];
  if (!opts.bash) {
    lines.push(`PS1=${q(`(kubecadet${opts.label ? `: ${opts.label}` : ''}) $ `)}`);
    return `${lines.join('\n')}\n`;
  }
  return `${[
    '[ -f ~/.bashrc ] && . ~/.bashrc',
    ...lines,
    '__kubecadet_label() {',
    '  local f="$KUBECADET_HOME/exam/current.json" id',
    `  if [ -f "$f" ]; then id=$(sed -n 's/^  "id": "\\(.*\\)",$/\\1/p' "$f" | head -n 1); printf ': exam %s' "$id"; return; fi`,
    '  f="$KUBECADET_HOME/progress.json"',
    `  if [ -f "$f" ]; then id=$(sed -n 's/^  "current": "\\(.*\\)",\\{0,1\\}$/\\1/p' "$f" | head -n 1); [ -n "$id" ] && printf ': lesson %s' "$id"; fi`,
    '}',
    `PS1='(kubecadet$(__kubecadet_label)) \\w \\$ '`,
    '__kubecadet_complete() {',
    `  local verbs=${q(opts.verbs.join(' '))} types=${q(opts.types.join(' '))}`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "$verbs" -- "$cur"));',
    '  elif [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "$types" -- "$cur")); fi',
    '}',
    'complete -F __kubecadet_complete kubectl k',
  ].join('\n')}\n`;
}

/** `kubecadet shell`: a subshell whose kubectl and k are kubecadet's. */
export function registerShellCommand(program: Command): void {
  const io = processIO();
  program
    .command('shell')
    .description("a subshell whose kubectl and k run kubecadet's kubectl, with completion and the lesson or exam in the prompt; exit returns")
    .action(async () => {
      const [fs, path, { fileURLToPath }, { spawn }] = await Promise.all([import('node:fs'), import('node:path'), import('node:url'), import('node:child_process')]);
      const home = path.resolve(homeDir());
      const bin = fileURLToPath(new URL('../../bin/kubecadet.js', import.meta.url));
      const shimDir = path.join(home, 'shell', 'bin');
      fs.mkdirSync(shimDir, { recursive: true });
      const shim = (args: string) => `#!/bin/sh\nexec ${q(process.execPath)} ${q(bin)} ${args}"$@"\n`;
      for (const [name, body] of [
        ['kubectl', shim('kubectl ')],
        ['k', shim('kubectl ')],
        ['kubecadet', shim('')],
      ]) {
        fs.writeFileSync(path.join(shimDir, name), body, { mode: 0o755 });
        fs.chmodSync(path.join(shimDir, name), 0o755);
      }
      const [{ verbs }, { KindRegistry }] = await Promise.all([import('./commands/index.js'), import('./cluster/api/registry.js')]);
      const types = [...new Set(new KindRegistry().all().flatMap((k) => [k.plural, k.singular, ...(k.shortNames ?? [])]))].sort();
      const bash = await which('bash');
      const program = bash ?? (await which('sh')) ?? '/bin/sh';
      const label = await activity(home);
      const rc = path.join(home, 'shell', bash ? 'bashrc' : 'shrc');
      fs.writeFileSync(rc, rcFile({ bash: !!bash, shimDir, home, label, verbs: verbs.map((v) => v.name).sort(), types }));
      const { currentClusterName } = await import('./clusterAdmin.js');
      io.out(
        `kubecadet shell: kubectl and k here run kubecadet's kubectl (cluster "${currentClusterName(home)}").` +
          `${label ? ` ${label[0].toUpperCase()}${label.slice(1)}.` : ''} Type exit to return.\n`,
      );
      const env: NodeJS.ProcessEnv = { ...process.env, KUBECADET_HOME: home, PATH: `${shimDir}${path.delimiter}${process.env.PATH ?? ''}` };
      const args = bash ? ['--rcfile', rc, '-i'] : ['-i'];
      if (!bash) env.ENV = rc;
      const child = spawn(program, args, { stdio: 'inherit', env });
      // Ctrl-C belongs to the subshell and what runs in it, not to us
      const ignore = () => undefined;
      process.on('SIGINT', ignore);
      const code = await new Promise<number>((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 : 1))));
      process.off('SIGINT', ignore);
      process.exitCode = code;
    });
}
