import type { Engine } from './cluster/engine.js';
import type { IO } from './commands/util/io.js';

const USAGE = `Usage: kubecadet trace [--all] [--] kubectl ARGS...

Runs one kubectl command and then shows what the API server did with each request it made:
who sent it (authentication), which rule let it through or why none did (authorization), what each
admission plugin changed or refused, validation, and the resourceVersion it was stored at.

  --all   also show the requests the control plane and kubelets made while the cluster caught up
`;

/**
 * \`kubecadet trace -- kubectl ...\`: the kubectl command runs as usual (same kubeconfig, context and
 * identity) with a tracer attached to the API server; its output comes first, then the timeline.
 */
export async function runTrace(argv: string[], io: IO, opts: { env?: NodeJS.ProcessEnv; engine?: Engine; sleep?: (ms: number) => Promise<void> } = {}): Promise<number> {
  let all = false;
  let i = 0;
  for (; i < argv.length; i++) {
    if (argv[i] === '--all') all = true;
    else if (argv[i] === '-h' || argv[i] === '--help') {
      io.out(USAGE);
      return 0;
    } else if (argv[i] === '--') {
      i++;
      break;
    } else break;
  }
  const words = argv.slice(i);
  if (words[0] !== 'kubectl' && words[0] !== 'k') {
    io.err(`error: trace runs one kubectl command, e.g. kubecadet trace -- kubectl get pods\n\n${USAGE}`);
    return 1;
  }
  const [{ RequestTracer, renderTrace }, { runKubectl }] = await Promise.all([import('./cluster/api/trace.js'), import('./commands/kubectl.js')]);
  const tracer = new RequestTracer();
  if (opts.engine) opts.engine.api.tracer = tracer;
  let code: number;
  try {
    code = await runKubectl(words.slice(1), { io, env: opts.env, engine: opts.engine, sleep: opts.sleep, tracer });
  } finally {
    if (opts.engine) opts.engine.api.tracer = undefined;
  }
  const shown = tracer.requests.filter((r) => all || r.source === 'command');
  io.out(`\n--- what the API server did (${shown.length} request${shown.length === 1 ? '' : 's'}${all ? '' : ' from this command'}) ---\n`);
  if (shown.length) io.out(renderTrace(shown));
  else io.out('kubectl sent no request: it failed or finished on its own before reaching the API server.\n');
  return code;
}
