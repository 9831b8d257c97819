import type { KubeObject } from '../cluster/api/types.js';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { StatusError } from '../cluster/api/status.js';
import { parseDuration } from '../cluster/meta/duration.js';
import { isPodReady, podCondition } from '../cluster/meta/podUtil.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { goTypeName, selectorsForObject } from './util/selectorsForObject.js';
import { CommandError, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import {
  checkUDPPortInPod,
  checkUDPPortInService,
  convertPodNamedPortToNumber,
  parseAddresses,
  parsePorts,
  translateServicePortToTargetPort,
  type ForwardedPort,
  type ListenAddress,
} from './portForward/ports.js';

const HELP = `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.

Examples:
  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
  kubectl port-forward pod/mypod 5000 6000
  
  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
  kubectl port-forward deployment/mydeployment 5000 6000
  
  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
  kubectl port-forward service/myservice 8443:https
  
  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod 8888:5000
  
  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod
  kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000
  
  # Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
  kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000
  
  # Listen on a random port locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod :5000

Usage:
  kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  {
    name: 'address',
    type: 'stringSlice',
    default: ['localhost'],
    usage:
      'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.',
  },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
];

/** What Complete worked out: the pod and the ports as pod ports. */
interface PortForwardOptions {
  namespace: string;
  podName: string;
  ports: string[];
  address: string[];
}

/** How often kubectl's wait for a first pod of a workload looks again (a watch, here a look per second). */
const POD_WAIT_POLL_MS = 1000;

/**
 * podutils.ActivePods, reversed: kubectl forwards to the most active pod of a selector (assigned, running,
 * ready, not being deleted, ready the longest, restarted the least, the oldest).
 */
function moreActive(a: KubeObject, b: KubeObject): number {
  const cmp = (x: number, y: number) => (x === y ? 0 : x > y ? -1 : 1);
  const assigned = (p: KubeObject) => (p.spec?.nodeName ? 1 : 0);
  const phase = (p: KubeObject) => ({ Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  const ready = (p: KubeObject) => (isPodReady(p) ? 1 : 0);
  const notDeleting = (p: KubeObject) => (p.metadata.deletionTimestamp ? 0 : 1);
  const time = (s: string | null | undefined) => (s ? Date.parse(s) : Infinity);
  const restarts = (p: KubeObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: KubeObject) => c.restartCount ?? 0));
  return (
    cmp(assigned(a), assigned(b)) ||
    cmp(phase(a), phase(b)) ||
    cmp(ready(a), ready(b)) ||
    cmp(notDeleting(a), notDeleting(b)) ||
    (ready(a) && ready(b) ? cmp(-time(podCondition(a, 'Ready')?.lastTransitionTime), -time(podCondition(b, 'Ready')?.lastTransitionTime)) : 0) ||
    cmp(-restarts(a), -restarts(b)) ||
    cmp(-time(a.metadata.creationTimestamp), -time(b.metadata.creationTimestamp))
  );
}

/**
 * polymorphichelpers.AttachablePodForObject: a pod is itself; a workload or Service leads to the most
 * active pod of its selector, waiting up to --pod-running-timeout for a first one to exist.
 */
async function attachablePod(ctx: CommandContext, spec: KindSpec, obj: KubeObject, timeout: number): Promise<KubeObject> {
  if (obj.kind === 'Pod') return obj;
  const client = await ctx.client();
  const type = goTypeName(obj, !spec.custom);
  if (obj.kind === 'Service' && !spec.custom && !Object.keys(obj.spec?.selector ?? {}).length)
    throw new CommandError(`error: cannot attach to ${type}: invalid service '${obj.metadata.name}': Service is defined without a selector`);
  const sel = selectorsForObject(obj, !spec.custom);
  if ('error' in sel) throw new CommandError(`error: cannot attach to ${type}: ${sel.error}`);
  const podSpec = client.kinds.forKind('Pod', '')!;
  const engine = await ctx.engine();
  const deadline = engine.clock.now() + timeout;
  for (;;) {
    const pods = client.list(podSpec, obj.metadata.namespace, { labelSelector: sel.selector }).items;
    if (pods.length) return pods.sort(moreActive)[0];
    if (engine.clock.now() >= deadline || ctx.signal?.aborted) throw new CommandError('error: timed out waiting for the condition');
    await ctx.sleep(POD_WAIT_POLL_MS);
    await engine.sync();
  }
}

/** kubectl's Complete: the resource, the pod it leads to, and the ports as the pod's own. */
async function complete(ctx: CommandContext): Promise<PortForwardOptions> {
  const { args } = ctx;
  if (args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
  const timeout = parseDuration(str(ctx.flags['pod-running-timeout'])) ?? 0;
  if (timeout <= 0) throw new UsageError('--pod-running-timeout must be higher than zero');
  const client = await ctx.client();
  let spec: KindSpec = client.kinds.forKind('Pod', '')!;
  let name = args[0];
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const type = name.slice(0, slash);
    name = name.slice(slash + 1);
    if (!type || !name || name.includes('/')) throw new CommandError('error: arguments in resource/name form must have a single resource and name');
    const resolved = client.kinds.resolve(type);
    if (!resolved) throw new CommandError(`error: the server doesn't have a resource type "${type}"`);
    spec = resolved;
  }
  const obj = client.get(spec, spec.namespaced ? ctx.namespace : undefined, name);
  const pod = await attachablePod(ctx, spec, obj, timeout);
  const wanted = args.slice(1);
  let ports: string[];
  try {
    if (obj.kind === 'Service' && !spec.custom) {
      checkUDPPortInService(wanted, obj);
      ports = translateServicePortToTargetPort(wanted, obj, pod);
    } else {
      checkUDPPortInPod(wanted, pod);
      ports = convertPodNamedPortToNumber(wanted, pod);
    }
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
  return { namespace: ctx.namespace, podName: pod.metadata.name!, ports, address: ctx.flags.address as string[] };
}

/** kubectl's RunPortForward and client-go's ForwardPorts: checks, the upgrade request, then listening until Ctrl-C. */
async function run(ctx: CommandContext): Promise<number> {
  const o = await complete(ctx);
  const client = await ctx.client();
  const podSpec = client.kinds.forKind('Pod', '')!;
  const pod = client.get(podSpec, o.namespace, o.podName);
  if (pod.status?.phase !== 'Running') throw new CommandError(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`);
  let addresses: ListenAddress[];
  let ports: ForwardedPort[];
  try {
    if (!o.address.length) throw new Error('you must specify at least 1 address');
    addresses = parseAddresses(o.address);
    ports = parsePorts(o.ports);
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
  // the stream itself is a request of its own: POST pods/portforward, which RBAC must allow
  try {
    client.connect(podSpec, o.namespace, o.podName, 'portforward');
  } catch (e) {
    if (e instanceof StatusError) throw new CommandError(`error: error upgrading connection: ${e.message}`);
    throw e;
  }
  const [{ PortForwarder }, { PodStream }] = await Promise.all([import('./portForward/forwarder.js'), import('./portForward/podStream.js')]);
  const forwarder = new PortForwarder(addresses, ports, new PodStream(await ctx.engine(), pod), ctx.io);
  // Ctrl-C closes the stop channel: kubectl returns without an error
  await forwarder.forwardPorts(ctx.signal);
  return 0;
}

/** `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...`: local TCP ports forwarded to a pod's ports. */
export const verb: Verb = { name: 'port-forward', flags, help: HELP, run };
