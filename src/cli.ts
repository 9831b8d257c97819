import fs from 'node:fs';
import path from 'node:path';
import { homeDir } from './cluster/home.js';
import { processIO } from './commands/util/io.js';

/**
 * kubecadet's entry: `kubectl`/`k` go straight to the kubectl layer (no commander parsing, since kubectl's
 * flags follow pflag's rules); everything else is a commander command, each loaded on first use.
 */
async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  // time running out submits the exam, whatever command notices first; with no exam running this is one stat
  if (fs.existsSync(path.join(homeDir(), 'exam', 'current.json'))) await (await import('./examCli.js')).submitIfTimeIsUp(homeDir());
  // No arguments on a terminal: the tutor. Ink and React load only here; piped output keeps the start screen.
  if (argv.length === 0 && process.stdout.isTTY && process.stdin.isTTY) {
    const { startTutor } = await import('./tutor/main.js');
    return startTutor();
  }
  if (first === 'kubectl' || first === 'k') {
    const { runKubectl } = await import('./commands/kubectl.js');
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    process.once('SIGTERM', onSigint);
    try {
      return await runKubectl(rest, { io: processIO(), signal: ac.signal });
    } finally {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    }
  }
  if (first === 'trace') {
    const { runTrace } = await import('./traceCli.js');
    const ac = new AbortController();
    process.once('SIGINT', () => ac.abort());
    return runTrace(rest, processIO(), { signal: ac.signal });
  }
  // commander costs tens of milliseconds to load: kubectl commands never pay for it
  const { Command } = await import('commander');
  const program = new Command('kubecadet')
    .description('Learn Kubernetes without a cluster: a tutor, a kubectl-compatible CLI and exam practice on a simulated cluster.')
    .enablePositionalOptions()
    .showSuggestionAfterError();
  program
    .command('kubectl')
    .alias('k')
    .description('run kubectl against the simulated cluster (e.g. kubecadet kubectl get pods)')
    .allowUnknownOption()
    .helpOption(false);
  program
    .command('trace')
    .description('show what the API server did with the latest requests, step by step (-f follows; kubecadet trace -- kubectl ARGS traces one command)')
    .allowUnknownOption()
    .helpOption(false);
  const [{ registerClusterCommands }, { registerLessonCommands }, { registerExamCommands }, { registerShellCommand }] = await Promise.all([
    import('./clusterCli.js'),
    import('./lessonCli.js'),
    import('./examCli.js'),
    import('./shellCli.js'),
  ]);
  registerClusterCommands(program);
  registerLessonCommands(program);
  registerExamCommands(program);
  registerShellCommand(program);
  let code = 0;
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    const err = e as { exitCode?: number; code?: string };
    code = err.exitCode ?? 1;
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') code = 0;
  }
  return code;
}

// a reader that stops early (`kubecadet check | head`) closes the pipe: stop quietly, as kubectl does on SIGPIPE
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });

const code = await main(process.argv.slice(2));
process.exitCode = code;
