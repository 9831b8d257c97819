import type { KubeObject } from '../cluster/api/types.js';
import type { KindSpec } from '../cluster/api/resources/kindSpec.js';
import { randomSuffix } from '../cluster/meta/names.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { applyProfile, PROFILES, type DebugStyle, type KeepFlags, type Profile } from './debug/profiles.js';
import { CommandError, FlagError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { containerStatusByName } from './util/podcmd.js';
import type { Verb } from './verb.js';

const HELP = `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.

Examples:
  # Create an interactive debugging session in pod mypod and immediately attach to it.
  kubectl debug mypod -it --image=busybox
  
  # Create an interactive debugging session for the pod in the file pod.yaml and immediately attach to it.
  # (requires the EphemeralContainers feature to be enabled in the cluster)
  kubectl debug -f pod.yaml -it --image=busybox
  
  # Create a debug container named debugger using a custom automated debugging image.
  kubectl debug --image=myproj/debug-tools -c debugger mypod
  
  # Create a copy of mypod adding a debug container and attach to it
  kubectl debug mypod -it --image=busybox --copy-to=my-debugger
  
  # Create a copy of mypod changing the command of mycontainer
  kubectl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh
  
  # Create a copy of mypod changing all container images to busybox
  kubectl debug mypod --copy-to=my-debugger --set-image=*=busybox
  
  # Create a copy of mypod adding a debug container and changing container images
  kubectl debug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug
  
  # Create an interactive debugging session on a node and immediately attach to it.
  # The container will run in the host namespaces and the host's filesystem will be mounted at /host
  kubectl debug node/mynode -it --image=busybox

Usage:
  kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const KEEP = "(This flag only works when used with '--copy-to')";

const flags: FlagSpec[] = [
  { name: 'arguments-only', type: 'bool', usage: 'If specified, everything after -- will be passed to the new container as Args instead of Command.' },
  { name: 'attach', type: 'bool', usage: "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true." },
  { name: 'container', short: 'c', type: 'string', usage: 'Container name to use for debug container.' },
  { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
  { name: 'custom', type: 'string', usage: 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.' },
  // pflag's StringToString: key=value pairs, several per flag separated by commas
  { name: 'env', type: 'stringArray', defValue: '[]', usage: 'Environment variables to set in the container.' },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: 'identifying the resource to debug' },
  { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
  { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.' },
  { name: 'keep-annotations', type: 'bool', usage: `If true, keep the original pod annotations.${KEEP}` },
  { name: 'keep-init-containers', type: 'bool', default: true, usage: `Run the init containers for the pod. Defaults to true.${KEEP}` },
  { name: 'keep-labels', type: 'bool', usage: `If true, keep the original pod labels.${KEEP}` },
  { name: 'keep-liveness', type: 'bool', usage: `If true, keep the original pod liveness probes.${KEEP}` },
  { name: 'keep-readiness', type: 'bool', usage: `If true, keep the original pod readiness probes.${KEEP}` },
  { name: 'keep-startup', type: 'bool', usage: `If true, keep the original startup probes.${KEEP}` },
  { name: 'profile', type: 'string', default: 'legacy', usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress informational messages.' },
  { name: 'replace', type: 'bool', usage: "When used with '--copy-to', delete the original Pod." },
  { name: 'same-node', type: 'bool', usage: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
  { name: 'set-image', type: 'stringArray', defValue: '[]', usage: "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works." },
  { name: 'share-processes', type: 'bool', default: true, usage: "When used with '--copy-to', enable process namespace sharing in the copy." },
  { name: 'stdin', short: 'i', type: 'bool', usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
  { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the debugging container.' },
];

/** A container as the pod spec holds it. */
type Container = Record<string, any>;

/** How long kubectl waits for the debug container to run (it has no timeout; a simulation needs one). */
const CONTAINER_WAIT_MS = 5 * 60_000;

/** DebugOptions after Complete: the flags, read once. */
interface DebugOptions {
  args: string[];
  argsOnly: boolean;
  attach: boolean;
  container: string;
  copyTo: string;
  replace: boolean;
  env: { name: string; value: string }[];
  image: string;
  interactive: boolean;
  keep: KeepFlags;
  targetNames: string[];
  filenames: string[];
  pullPolicy: string;
  quiet: boolean;
  sameNode: boolean;
  setImages: Map<string, string>;
  shareProcesses: boolean;
  shareProcessesChanged: boolean;
  attachChanged: boolean;
  targetContainer: string;
  tty: boolean;
  profile: Profile;
  custom?: Container;
  /** utilrand.String(5), drawn from the cluster's random source */
  suffix: () => string;
}

/** pflag's StringToString.Set for each occurrence: one pair, or comma-separated pairs; later keys win. */
function stringToString(flag: string, values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const val of values) {
    const n = val.split('=').length - 1;
    if (n === 0) throw new FlagError(`invalid argument ${JSON.stringify(val)} for "--${flag}" flag: ${val} must be formatted as key=value`);
    const pairs = n === 1 ? [val.replace(/^"+|"+$/g, '')] : val.split(',');
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq < 0) throw new FlagError(`invalid argument ${JSON.stringify(val)} for "--${flag}" flag: ${pair} must be formatted as key=value`);
      out.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return out;
}

/** Complete: the options from the flags and arguments, and the profile, which must exist. */
async function complete(ctx: CommandContext): Promise<DebugOptions> {
  const f = ctx.flags;
  const env = stringToString('env', f.env as string[]);
  const setImages = stringToString('set-image', f['set-image'] as string[]);
  const dash = ctx.argsLenAtDash;
  const split = dash >= 0 && ctx.args.length > dash;
  const interactive = f.stdin === true;
  const profile = str(f.profile);
  if (!(PROFILES as readonly string[]).includes(profile)) throw new CommandError(`error: unknown profile: ${profile}`);
  let custom: Container | undefined;
  const customFile = str(f.custom);
  if (customFile) {
    const fs = await import('node:fs');
    let text: string;
    try {
      text = fs.readFileSync(customFile, 'utf8');
    } catch (e) {
      throw new CommandError(`error: must pass a container spec json file for custom profile: open ${customFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    try {
      custom = JSON.parse(text);
    } catch {
      const { parse } = await import('yaml');
      try {
        custom = parse(text);
      } catch (e) {
        throw new CommandError(`error: ${customFile} does not contain a valid container spec: ${(e as Error).message}`);
      }
    }
  }
  return {
    args: split ? ctx.args.slice(dash) : [],
    argsOnly: f['arguments-only'] === true,
    attach: ctx.changed.has('attach') ? f.attach === true : interactive,
    attachChanged: ctx.changed.has('attach'),
    container: str(f.container),
    copyTo: str(f['copy-to']),
    replace: f.replace === true,
    env: [...env].map(([name, value]) => ({ name, value })),
    image: str(f.image),
    interactive,
    keep: {
      labels: f['keep-labels'] === true,
      annotations: f['keep-annotations'] === true,
      liveness: f['keep-liveness'] === true,
      readiness: f['keep-readiness'] === true,
      startup: f['keep-startup'] === true,
      initContainers: f['keep-init-containers'] === true,
    },
    targetNames: split ? ctx.args.slice(0, dash) : ctx.args,
    filenames: f.filename as string[],
    pullPolicy: str(f['image-pull-policy']),
    quiet: f.quiet === true,
    sameNode: f['same-node'] === true,
    setImages,
    shareProcesses: f['share-processes'] === true,
    shareProcessesChanged: ctx.changed.has('share-processes'),
    targetContainer: str(f.target),
    tty: f.tty === true,
    profile: profile as Profile,
    custom,
    suffix: () => randomSuffix(5),
  };
}

/** Validate, in kubectl's order: the first broken rule is the error. */
async function validate(ctx: CommandContext, o: DebugOptions): Promise<void> {
  const fail = (msg: string) => {
    throw new CommandError(`error: ${msg}`);
  };
  if (o.attach && o.attachChanged && !o.image && !o.container) fail('you must specify --container or create a new container using --image in order to attach.');
  if (o.copyTo) {
    if (!o.image && !o.setImages.size && !o.args.length) fail('you must specify --image, --set-image or command arguments.');
    if (o.args.length && !o.container && !o.image) fail('you must specify an existing container or a new image when specifying args.');
  } else if (o.replace) fail('--replace may only be used with --copy-to.');
  else if (o.sameNode) fail('--same-node may only be used with --copy-to.');
  else if (o.setImages.size) fail('--set-image may only be used with --copy-to.');
  else if (!o.image) fail('you must specify --image when not using --copy-to.');
  const { REFERENCE } = await import('./run.js');
  if (o.image && !REFERENCE.test(o.image)) fail(`invalid image name ${JSON.stringify(o.image)}: invalid reference format`);
  if (!o.targetNames.length && !o.filenames.length) fail('NAME or filename is required for debug');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(o.pullPolicy)) fail(`invalid image pull policy: ${o.pullPolicy}`);
  for (const [name, image] of o.setImages) if (!REFERENCE.test(image)) fail(`invalid image name ${JSON.stringify(image)} for container ${JSON.stringify(name)}: invalid reference format`);
  if (o.targetContainer) {
    if (o.copyTo) fail('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet)
      ctx.io.out(`Targeting container ${JSON.stringify(o.targetContainer)}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.interactive) fail('-i/--stdin is required for containers with -t/--tty=true');
  const c = o.custom;
  if (c && (c.name || c.command?.length || c.image || c.lifecycle || c.volumeDevices?.length)) fail('name, command, image, lifecycle and volume devices are not modifiable via custom profile');
  if (o.profile === 'legacy') ctx.io.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}

/** The objects named on the command line (pods by default, `node/NAME`) or in -f files, in order. */
async function targets(ctx: CommandContext, o: DebugOptions): Promise<{ spec: KindSpec; namespace: string; name: string }[]> {
  const client = await ctx.client();
  const out: { spec: KindSpec; namespace: string; name: string }[] = [];
  if (o.filenames.length) {
    const { readManifests, mapManifest } = await import('./util/manifests.js');
    for (const m of await readManifests(ctx.io, o.filenames)) {
      const mapped = mapManifest(client.kinds, m, { namespace: ctx.namespace, explicit: ctx.explicitNamespace });
      if ('error' in mapped) throw new CommandError(mapped.error.startsWith('error: ') ? mapped.error : `error: ${mapped.error}`);
      out.push({ spec: mapped.spec, namespace: mapped.namespace ?? ctx.namespace, name: mapped.object.metadata.name! });
    }
  }
  const { resolveType } = await import('./util/resourceArgs.js');
  for (const arg of o.targetNames) {
    const slash = arg.indexOf('/');
    const spec = slash < 0 ? client.kinds.forKind('Pod', '')! : resolveType(client.kinds, arg.slice(0, slash));
    out.push({ spec, namespace: ctx.namespace, name: slash < 0 ? arg : arg.slice(slash + 1) });
  }
  return out;
}

/** `kubectl debug`: an ephemeral container in a pod, a copy of a pod, or a pod on a node's host namespaces. */
async function run(ctx: CommandContext): Promise<number> {
  const o = await complete(ctx);
  await validate(ctx, o);
  const client = await ctx.client();
  // names drawn from the cluster's random source, seeded in tests
  const random = (await ctx.engine()).api.random;
  o.suffix = () => randomSuffix(5, random);
  for (const t of await targets(ctx, o)) {
    const obj = client.get(t.spec, t.spec.namespaced ? t.namespace : undefined, t.name);
    let result: { pod: KubeObject; container: string };
    if (t.spec.kind === 'Node' && t.spec.group === '') result = await visitNode(ctx, o, obj);
    else if (t.spec.kind === 'Pod' && t.spec.group === '') result = o.copyTo ? await debugByCopy(ctx, o, obj) : await debugByEphemeralContainer(ctx, o, obj);
    // GroupVersionKind.String(): `/v1, Kind=Service` for the core group
    else throw new CommandError(`error: "${t.spec.group}/${t.spec.version}, Kind=${t.spec.kind}" not supported by debug`);
    if (o.attach && result.container) await attachToDebugContainer(ctx, o, result.pod, result.container);
  }
  return 0;
}

/** computeDebugContainerName: -c, or `debugger-xxxxx` unused by any container of the pod (said unless --quiet). */
function debugContainerName(ctx: CommandContext, o: DebugOptions, pod: KubeObject): string {
  if (o.container) return o.container;
  const taken = new Set([...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c: KubeObject) => c.name));
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${o.suffix()}`;
  if (!o.quiet) ctx.io.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** The container fields every debug container gets, in the order Go writes them (omitempty). */
function debugContainer(o: DebugOptions, name: string): Container {
  const c: Container = { name };
  if (o.image) c.image = o.image;
  if (o.args.length) c[o.argsOnly ? 'args' : 'command'] = o.args;
  if (o.env.length) c.env = o.env;
  c.resources = {};
  c.terminationMessagePolicy = 'File';
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

/** --custom: the partial container spec merged into the debug container as a strategic merge patch. */
async function applyCustom(o: DebugOptions, c: Container): Promise<Container> {
  if (!o.custom) return c;
  const { strategicMerge } = await import('../cluster/api/strategicMerge.js');
  return strategicMerge(c, { ...o.custom, name: c.name }) as Container;
}

/** debugByEphemeralContainer: the pod with one more ephemeral container, sent as a PATCH of pods/ephemeralcontainers. */
async function debugByEphemeralContainer(ctx: CommandContext, o: DebugOptions, pod: KubeObject): Promise<{ pod: KubeObject; container: string }> {
  const name = debugContainerName(ctx, o, pod);
  const ec = debugContainer(o, name);
  if (o.targetContainer) ec.targetContainerName = o.targetContainer;
  const copied = structuredClone(pod);
  (copied.spec.ephemeralContainers ??= []).push(ec);
  applyProfile(o.profile, o.keep, copied, name, 'ephemeral');
  const added = await applyCustom(o, copied.spec.ephemeralContainers.at(-1));
  // CreateTwoWayMergePatch: the new element alone, with the list's order when there was one already
  const existing: Container[] = pod.spec?.ephemeralContainers ?? [];
  const patch: { spec: Container } = { spec: { ephemeralContainers: [added] } };
  if (existing.length) patch.spec['$setElementOrder/ephemeralContainers'] = [...existing, added].map((c) => ({ name: c.name }));
  const client = await ctx.client();
  const result = await client.patch(client.kinds.forKind('Pod', '')!, pod.metadata.namespace, pod.metadata.name!, 'strategic', patch, { subresource: 'ephemeralcontainers' });
  return { pod: result, container: name };
}

/** debugByCopy: a new pod from the target's spec, with the debug container added or one of its containers changed. */
async function debugByCopy(ctx: CommandContext, o: DebugOptions, pod: KubeObject): Promise<{ pod: KubeObject; container: string }> {
  const metadata: KubeObject['metadata'] = { name: o.copyTo, namespace: pod.metadata.namespace };
  if (pod.metadata.annotations) metadata.annotations = structuredClone(pod.metadata.annotations);
  if (pod.metadata.labels) metadata.labels = structuredClone(pod.metadata.labels);
  const copied: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(pod.spec) } as KubeObject;
  delete copied.spec.ephemeralContainers;
  if (o.shareProcessesChanged) copied.spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete copied.spec.nodeName;
  for (const c of copied.spec.containers ?? []) {
    const image = o.setImages.get(c.name) ?? o.setImages.get('*');
    if (image) c.image = image;
  }
  let name = o.container;
  let c = [...(copied.spec.containers ?? []), ...(copied.spec.initContainers ?? [])].find((x: KubeObject) => x.name === name);
  if (!c) {
    if (!o.image) {
      if (o.setImages.size) return create(ctx, o, pod, copied, ''); // only --set-image: nothing to attach to
      throw new CommandError('error: you must specify image when creating new container');
    }
    name = debugContainerName(ctx, o, copied);
    c = { name, terminationMessagePolicy: 'File' };
    copied.spec.containers.push(c);
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = o.args;
    else {
      c.command = o.args;
      delete c.args;
    }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  else delete c.stdin;
  if (o.tty) c.tty = true;
  else delete c.tty;
  applyProfile(o.profile, o.keep, copied, c.name, 'podCopy');
  if (o.custom) {
    const i = copied.spec.containers.findIndex((x: KubeObject) => x.name === name);
    if (i < 0) throw new CommandError(`error: unable to find the ${name} container in the pod ${o.copyTo}`);
    copied.spec.containers[i] = await applyCustom(o, copied.spec.containers[i]);
  }
  return create(ctx, o, pod, copied, name);
}

/** Creates the copy; --replace then deletes the original at once (grace period 0). */
async function create(ctx: CommandContext, o: DebugOptions, original: KubeObject, copied: KubeObject, container: string): Promise<{ pod: KubeObject; container: string }> {
  const client = await ctx.client();
  const podSpec = client.kinds.forKind('Pod', '')!;
  const created = await client.create(podSpec, copied, copied.metadata.namespace);
  if (o.replace) await client.delete(podSpec, original.metadata.namespace, original.metadata.name!, { gracePeriodSeconds: 0 });
  return { pod: created, container };
}

/** generateNodeDebugPod: a pod on the node, in its host namespaces, the host's root at /host (per profile). */
async function visitNode(ctx: CommandContext, o: DebugOptions, node: KubeObject): Promise<{ pod: KubeObject; container: string }> {
  const cn = o.container || 'debugger';
  const pn = `node-debugger-${node.metadata.name}-${o.suffix()}`;
  if (!o.quiet) ctx.io.out(`Creating debugging pod ${pn} with container ${cn} on node ${node.metadata.name}.\n`);
  const c = debugContainer(o, cn);
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pn },
    spec: { containers: [c], nodeName: node.metadata.name, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
  } as KubeObject;
  applyProfile(o.profile, o.keep, pod, cn, 'node');
  if (o.custom) pod.spec.containers[0] = await applyCustom(o, pod.spec.containers[0]);
  const client = await ctx.client();
  const created = await client.create(client.kinds.forKind('Pod', '')!, pod, ctx.namespace);
  return { pod: created, container: created.spec.containers[0].name };
}

/**
 * handleAttachPod: waits until the debug container runs (saying why it waits, as warnings), then attaches
 * as `kubectl attach` does; a container that already ended shows its log instead.
 */
async function attachToDebugContainer(ctx: CommandContext, o: DebugOptions, created: KubeObject, name: string): Promise<void> {
  const { waitForPod, attachTo, followContainer } = await import('./util/attach.js');
  let said = '';
  const pod = await waitForPod(ctx, created.metadata.namespace!, created.metadata.name!, CONTAINER_WAIT_MS, (p) => {
    const s = containerStatusByName(p, name);
    if (!s) return false;
    if (s.state?.running || s.state?.terminated) return true;
    const message = s.state?.waiting?.message;
    if (!o.quiet && message && message !== said) ctx.io.err(`Warning: container ${name}: ${message}\n`);
    said = message ?? said;
    return false;
  });
  const { findContainerByName } = await import('./util/podcmd.js');
  const c = findContainerByName(pod, name)!.container;
  if (containerStatusByName(pod, name)?.state?.terminated) {
    await followContainer(ctx, pod, c);
    return;
  }
  // the session's own exit status is not kubectl debug's: it exits 0 once the session ends
  await attachTo(ctx, pod, c, { tty: o.tty, stdin: o.interactive, quiet: o.quiet });
}

export const verb: Verb = {
  name: 'debug',
  flags,
  help: HELP,
  run,
};
