import type { Engine } from './cluster/engine.js';
import type { TracedRequest } from './cluster/api/trace.js';
import type { IO } from './commands/util/io.js';

const USAGE = `Usage:
  kubecadet trace [-f] [--user USER] [--verb VERB] [--last N] [--cluster NAME]
  kubecadet trace [--all] [--] kubectl ARGS...

Shows what the API server did with each request: who sent it (authentication), which rule let it
through or why none did (authorization), what each admission plugin changed (as a JSON patch) or
refused, validation, and the resourceVersion it was stored at.

The first form reads the cluster's request log: the last requests from every kubectl command, and from
the scheduler, controllers and kubelets under their own identities. The second runs one kubectl command
and shows its requests.

  -f, --follow        keep printing requests as they arrive (Ctrl-C stops)
      --user USER     only requests from USER (e.g. jane, system:kube-scheduler, system:node:node01)
      --verb VERB     only requests with VERB (get, list, watch, create, update, patch, delete)
      --last N        how many of the latest requests to show (default 10)
      --cluster NAME  another cluster's log (default: the current context's cluster)
      --all           with a kubectl command: also the requests the control plane and kubelets made
`;

interface TraceOptions {
  env?: NodeJS.ProcessEnv;
  engine?: Engine;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** `kubecadet trace`: the request log, or one kubectl command traced. */
export async function runTrace(argv: string[], io: IO, opts: TraceOptions = {}): Promise<number> {
  let all = false;
  let follow = false;
  let last = 10;
  let user: string | undefined;
  let verb: string | undefined;
  let cluster: string | undefined;
  let i = 0;
  const value = (name: string): string => {
    const eq = argv[i].indexOf('=');
    if (eq > 0) return argv[i].slice(eq + 1);
    if (i + 1 >= argv.length) throw new TraceUsage(`flag needs an argument: ${name}`);
    return argv[++i];
  };
  try {
    for (; i < argv.length; i++) {
      const a = argv[i];
      const name = a.split('=')[0];
      if (a === '--all') all = true;
      else if (a === '-f' || a === '--follow') follow = true;
      else if (name === '--user') user = value(name);
      else if (name === '--verb') verb = value(name);
      else if (name === '--cluster') cluster = value(name);
      else if (name === '--last') {
        const v = value(name);
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new TraceUsage(`invalid argument "${v}" for "--last": a whole number of requests, 1 or more`);
        last = Number(v);
      } else if (a === '-h' || a === '--help') {
        io.out(USAGE);
        return 0;
      } else if (a === '--') {
        i++;
        break;
      } else if (a.startsWith('-')) throw new TraceUsage(`unknown flag: ${a}`);
      else break;
    }
  } catch (e) {
    if (!(e instanceof TraceUsage)) throw e;
    io.err(`error: ${e.message}\n\n${USAGE}`);
    return 1;
  }
  const words = argv.slice(i);
  if (!words.length) return showLog(io, opts, { follow, last, user, verb, cluster });
  if (words[0] !== 'kubectl' && words[0] !== 'k') {
    io.err(`error: trace runs one kubectl command, e.g. kubecadet trace -- kubectl get pods\n\n${USAGE}`);
    return 1;
  }
  return traceCommand(words.slice(1), io, opts, all);
}

class TraceUsage extends Error {}

/** The kubectl command runs as usual (same kubeconfig, context and identity); its output comes first, then the timeline. */
async function traceCommand(args: string[], io: IO, opts: TraceOptions, all: boolean): Promise<number> {
  const [{ RequestTracer, renderTrace }, { runKubectl }] = await Promise.all([import('./cluster/api/trace.js'), import('./commands/kubectl.js')]);
  const tracer = new RequestTracer();
  if (opts.engine) tracer.attach(opts.engine.api);
  let code: number;
  try {
    code = await runKubectl(args, { io, env: opts.env, engine: opts.engine, sleep: opts.sleep, tracer });
  } finally {
    if (opts.engine) tracer.detach(opts.engine.api);
  }
  const shown = tracer.requests.filter((r) => all || r.source === 'command');
  io.out(`\n--- what the API server did (${shown.length} request${shown.length === 1 ? '' : 's'}${all ? '' : ' from this command'}) ---\n`);
  if (shown.length) io.out(renderTrace(shown));
  else io.out('kubectl sent no request: it failed or finished on its own before reaching the API server.\n');
  return code;
}

/** The request log, newest last; with -f it keeps printing what arrives. */
async function showLog(io: IO, opts: TraceOptions, f: { follow: boolean; last: number; user?: string; verb?: string; cluster?: string }): Promise<number> {
  const [{ homeDir, clusterFile, listClusterNames }, { RequestLog, requestLogFile }, { renderTrace }, { currentClusterName }] = await Promise.all([
    import('./cluster/home.js'),
    import('./cluster/store/requestLog.js'),
    import('./cluster/api/trace.js'),
    import('./clusterAdmin.js'),
  ]);
  const home = homeDir(opts.env);
  const name = f.cluster ?? opts.engine?.name ?? currentClusterName(home);
  if (!opts.engine && !listClusterNames(home).includes(name)) {
    io.err(`error: no cluster named "${name}" (have: ${listClusterNames(home).join(', ') || 'none'})\n`);
    return 1;
  }
  opts.engine?.requests.flush();
  const log = opts.engine && !f.cluster ? opts.engine.requests.log : new RequestLog<TracedRequest>(requestLogFile(clusterFile(home, name)));
  const wanted = (r: TracedRequest) => (!f.user || r.user.name === f.user) && (!f.verb || r.verb === f.verb);
  const offset = log.size();
  const matching = log.read().filter(wanted);
  const shown = matching.slice(-f.last);
  let n = matching.length - shown.length + 1;
  const filters = [f.user && `from ${f.user}`, f.verb && `with verb ${f.verb}`].filter(Boolean).join(' ');
  if (!shown.length && !f.follow) {
    io.out(`No requests${filters ? ` ${filters}` : ''} in the log of cluster "${name}" yet. Run a kubectl command, then look again.\n`);
    return 0;
  }
  if (shown.length) io.out(`--- the last ${shown.length} request${shown.length === 1 ? '' : 's'}${filters ? ` ${filters}` : ''} to cluster "${name}" (of ${matching.length} kept) ---\n` + renderTrace(shown, { log: true, first: n }));
  n += shown.length;
  if (!f.follow) return 0;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let from = offset;
  while (!opts.signal?.aborted) {
    opts.engine?.requests.flush();
    const next = log.since(from);
    from = next.next;
    const fresh = next.entries.filter(wanted);
    if (fresh.length) {
      io.out(renderTrace(fresh, { log: true, first: n }));
      n += fresh.length;
    }
    await sleep(100);
  }
  return 0;
}
