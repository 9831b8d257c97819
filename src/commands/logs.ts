import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import type { Engine } from '../cluster/engine.js';
import { goTypeName, selectorsForObject } from './util/selectorsForObject.js';
import { containerEnv } from '../cluster/kubelet/containerEnv.js';
import { execInContainer } from '../cluster/kubelet/exec.js';
import { loadCatalog, resolveImage } from '../cluster/kubelet/images.js';
import { compile, run as runProgram } from '../cluster/kubelet/shell.js';
import { parseDuration } from '../cluster/meta/duration.js';
import { ClusterView } from '../cluster/view.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { startupLines } from './logs/startup.js';
import { CommandError, UsageError } from './util/errors.js';
import { resolveType } from './util/resourceArgs.js';
import type { Verb } from './verb.js';

const POLL_MS = 1000;

interface LogLine {
  at: number;
  text: string;
}

/** Go's RFC3339Nano: fractional seconds without trailing zeros. */
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', 400, message);
}

/** podutils.ByLogging: the pod kubectl picks among several, best first. */
function byLogging(a: KubeObject, b: KubeObject): number {
  const assigned = (p: KubeObject) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(b) - assigned(a);
  const phase: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const pa = phase[a.status?.phase] ?? 0;
  const pb = phase[b.status?.phase] ?? 0;
  if (pa !== pb) return pb - pa;
  const ready = (p: KubeObject) => ((p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True') ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(b) - ready(a);
  const restarts = (p: KubeObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: { restartCount?: number }) => c.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: KubeObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  if (created(a) !== created(b)) return created(a) - created(b);
  return a.metadata.name!.localeCompare(b.metadata.name!);
}

/** The pods to read: one pod, the pod kubectl picks for TYPE/NAME, or every pod of -l. */
function podsFor(ctx: CommandContext, client: Client, arg: string | undefined, selector: string): KubeObject[] {
  const podSpec = client.kinds.forKind('Pod')!;
  if (!arg) return client.list(podSpec, ctx.namespace, { labelSelector: selector }).items;
  const slash = arg.indexOf('/');
  if (slash < 0) {
    try {
      return [client.get(podSpec, ctx.namespace, arg)];
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) throw new CommandError(`error: error from server (NotFound): pods "${arg}" not found in namespace "${ctx.namespace}"`);
      throw e;
    }
  }
  const spec = resolveType(client.kinds, arg.slice(0, slash));
  const obj = client.get(spec, spec.namespaced ? ctx.namespace : undefined, arg.slice(slash + 1));
  if (spec.kind === 'Pod') return [obj];
  const sel = selectorsForObject(obj, !spec.custom);
  if ('error' in sel) throw new CommandError(`error: cannot get the logs from ${goTypeName(obj, !spec.custom)}: ${sel.error}`);
  const pods = client.list(podSpec, ctx.namespace, { labelSelector: sel.selector }).items.sort(byLogging);
  if (!pods.length) throw new CommandError(`error: timed out waiting for the condition`);
  if (pods.length > 1) ctx.io.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return [pods[0]];
}

/** podcmd.AllContainerNames: `app, log-agent`, init containers marked. */
function allContainerNames(pod: KubeObject): string {
  return [...(pod.spec.initContainers ?? []).map((c: { name: string }) => `${c.name} (init)`), ...pod.spec.containers.map((c: { name: string }) => c.name)].join(', ');
}

/** The containers to read in a pod: -c, --all-containers, or the default one. */
function containersOf(ctx: CommandContext, pod: KubeObject, quiet: boolean): KubeObject[] {
  const f = ctx.flags;
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])];
  if (f['all-containers'] === true) return all;
  const wanted = str(f.container) || ctx.args[1] || '';
  if (wanted) {
    const c = all.find((x) => x.name === wanted);
    if (!c) throw new CommandError(`error: container ${wanted} is not valid for pod ${pod.metadata.name}`);
    return [c];
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const byAnnotation = annotated && pod.spec.containers.find((c: { name: string }) => c.name === annotated);
  if (byAnnotation) return [byAnnotation];
  if (pod.spec.containers.length > 1 && !quiet) ctx.io.err(`Defaulted container ${JSON.stringify(pod.spec.containers[0].name)} out of: ${allContainerNames(pod)}\n`);
  return [pod.spec.containers[0]];
}

/** Everything a container (its current run, or the previous one) has printed by `now`, and whether it is over. */
export interface ContainerLog {
  lines: LogLine[];
  /** the run has ended: a follower stops here */
  ended: boolean;
  /** when the run began: a follower keeps to that run even if the container restarts meanwhile */
  started: number;
}

export async function containerLog(engine: Engine, pod: KubeObject, c: KubeObject, previous: boolean, now: number, run?: number): Promise<ContainerLog> {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  const cs = statuses.find((s: { name: string }) => s.name === c.name);
  const podName = pod.metadata.name;
  let started: number;
  let finished: number | undefined;
  if (previous) {
    const last = cs?.lastState?.terminated;
    if (!last) throw badRequest(`previous terminated container "${c.name}" in pod "${podName}" not found`);
    started = Date.parse(last.startedAt);
    finished = Date.parse(last.finishedAt);
  } else if (cs?.state?.running) started = Date.parse(cs.state.running.startedAt);
  else if (cs?.state?.terminated) {
    started = Date.parse(cs.state.terminated.startedAt);
    finished = Date.parse(cs.state.terminated.finishedAt);
  } else {
    const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
    if (cs?.lastState?.terminated) {
      // a crash-looping container: the API server serves the run that ended
      started = Date.parse(cs.lastState.terminated.startedAt);
      finished = Date.parse(cs.lastState.terminated.finishedAt);
    } else {
      const why = reason === 'ImagePullBackOff' ? 'image can\'t be pulled' : reason === 'ErrImagePull' ? 'trying and failing to pull image' : reason;
      throw badRequest(`container "${c.name}" in pod "${podName}" is waiting to start: ${why}`);
    }
  }
  if (run !== undefined && run !== started) finished = undefined;
  started = run ?? started;
  const until = finished ?? now;
  const catalog = await loadCatalog();
  const image = resolveImage(catalog, c.image);
  const runs = image.ok ? image.info.run : 'server';
  if (runs === 'server' && !c.command) return { lines: startupLines(c.image, started, pod.status?.podIP ?? '').map((text) => ({ at: started, text })), ended: finished !== undefined, started };
  if (!c.command && !c.args) return { lines: [], ended: true, started };
  const view = new ClusterView(() => engine.store.read());
  const env = { hostname: pod.spec?.hostname ?? podName, env: containerEnv(view, pod, c), exec: (argv: string[]) => execInContainer(view, pod, c, argv, started) };
  const state = runProgram(compile(c.command, c.args), env, started, until);
  return { lines: state.lines.filter((l) => l.at <= until), ended: finished !== undefined || state.exit !== undefined, started };
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const selector = str(f.selector);
  if (!ctx.args.length && !selector)
    throw new UsageError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`);
  if (ctx.args.length && selector) throw new CommandError('error: only a selector (-l) or a POD name is allowed');
  if (ctx.args.length > 2) throw new UsageError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`);
  const sinceTime = str(f['since-time']);
  const since = str(f.since);
  if (sinceTime && ctx.changed.has('since')) throw new CommandError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const sinceMs = parseDuration(since.replace(/^[-+]/, '')) ?? 0;
  let sinceAt = -Infinity;
  if (sinceTime) {
    sinceAt = Date.parse(sinceTime);
    if (Number.isNaN(sinceAt)) throw new CommandError(`error: parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  }
  // with a selector, the tail defaults to 10 lines
  const tail = ctx.changed.has('tail') ? (f.tail as number) : selector ? 10 : -1;
  const previous = f.previous === true;
  const follow = f.follow === true;
  const timestamps = f.timestamps === true;
  const engine = await ctx.engine();
  const client = await ctx.client();
  const pods = podsFor(ctx, client, ctx.args[0], selector);
  if (selector && !pods.length) {
    ctx.io.err(`No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  const prefixed = f.prefix === true;
  const targets = pods.flatMap((p) => containersOf(ctx, p, pods.length > 1 || prefixed).map((c) => ({ pod: p, container: c })));
  const maxRequests = f['max-log-requests'] as number;
  if (follow && targets.length > maxRequests)
    throw new CommandError(`error: you are attempting to follow ${targets.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);
  const start = client.now();
  const from = sinceMs ? start - sinceMs : sinceAt;
  const format = (pod: KubeObject, c: KubeObject, l: LogLine) =>
    `${prefixed ? `[pod/${pod.metadata.name}/${c.name}] ` : ''}${timestamps ? `${rfc3339Nano(l.at)} ` : ''}${l.text}\n`;
  const printed = new Map<string, number>();
  const runs = new Map<string, number>();
  const open = new Set<string>();
  const podSpec = client.kinds.forKind('Pod')!;
  for (const { pod, container } of targets) {
    const key = `${pod.metadata.name}/${container.name}`;
    let log: ContainerLog;
    // GET pods/log: RBAC decides on the subresource
    client.connect(podSpec, pod.metadata.namespace, pod.metadata.name!, 'log', 'get');
    try {
      log = await containerLog(engine, pod, container, previous, start);
    } catch (e) {
      if (f['ignore-errors'] === true) continue;
      throw e;
    }
    let lines = log.lines.filter((l) => l.at >= from);
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const text = lines.map((l) => format(pod, container, l)).join('');
    const limit = f['limit-bytes'] as number;
    ctx.io.out(limit > 0 ? Buffer.from(text).subarray(0, limit).toString() : text);
    printed.set(key, log.lines.length);
    runs.set(key, log.started);
    if (!log.ended && !previous) open.add(key);
  }
  // -f: new lines as simulated time passes, until every container has ended (or Ctrl-C)
  while (follow && open.size && !ctx.signal?.aborted) {
    await ctx.sleep(POLL_MS);
    await engine.sync();
    for (const { pod, container } of targets) {
      const key = `${pod.metadata.name}/${container.name}`;
      if (!open.has(key)) continue;
      let current: KubeObject;
      try {
        current = client.get(client.kinds.forKind('Pod')!, pod.metadata.namespace, pod.metadata.name!);
      } catch {
        open.delete(key);
        continue;
      }
      if (current.metadata.uid !== pod.metadata.uid) {
        open.delete(key);
        continue;
      }
      let log: ContainerLog;
      try {
        log = await containerLog(engine, current, container, false, client.now(), runs.get(key));
      } catch {
        open.delete(key);
        continue;
      }
      for (const l of log.lines.slice(printed.get(key) ?? 0)) ctx.io.out(format(current, container, l));
      printed.set(key, log.lines.length);
      if (log.ended) open.delete(key);
    }
  }
  return 0;
}

const help = `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix
  
  # Return snapshot logs from pod nginx, limiting output to 500 bytes
  kubectl logs nginx --limit-bytes=500
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubectl logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubectl logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubectl logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubectl logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Show logs from a kubelet with an expired serving certificate
  kubectl logs --insecure-skip-tls-verify-backend nginx
  
  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1

Usage:
  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'logs',
  flags: [
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'container', usage: "Print the logs of this container", short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'prefix', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'since', type: 'duration', default: '0s' },
    { name: 'since-time', type: 'string' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
  ],
  help,
  run,
};
