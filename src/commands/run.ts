import type { KubeObject } from '../cluster/api/types.js';
import { StatusError } from '../cluster/api/status.js';
import { parseDuration } from '../cluster/meta/duration.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError, statusText, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import { container, dryRunStrategy, generatorFlags, objectMeta, outputFormat, printCreated, withLastApplied, type DryRunStrategy } from './create/generator.js';
import type { OutputFormat } from './printers/index.js';
import { typedOrder } from './create/goTypes.js';

const flags: FlagSpec[] = [
  ...generatorFlags('kubectl-run').filter((f) => f.name !== 'validate'),
  { name: 'annotations', type: 'stringArray' },
  { name: 'attach', type: 'bool' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'command', type: 'bool' },
  { name: 'env', type: 'stringArray' },
  { name: 'expose', type: 'bool' },
  { name: 'filename', usage: "to use to replace the resource.", short: 'f', type: 'stringSlice' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'image', usage: "The image for the container to run.", type: 'string', required: true },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'kustomize', usage: "Process a kustomization directory. This flag can't be used together with -f or -R.", short: 'k', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'leave-stdin-open', type: 'bool' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'overrides', type: 'string' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  { name: 'port', usage: "The port that this container exposes.", type: 'string' },
  { name: 'privileged', type: 'bool' },
  { name: 'quiet', usage: "If true, suppress prompt messages.", short: 'q', type: 'bool' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'restart', usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", type: 'string', default: 'Always' },
  { name: 'rm', type: 'bool' },
  { name: 'stdin', usage: "Keep stdin open on the container in the pod, even if nothing is attached.", short: 'i', type: 'bool' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'tty', usage: "Allocate a TTY for the container in the pod.", short: 't', type: 'bool' },
  { name: 'wait', type: 'bool' },
];

/** docker/distribution's ReferenceRegexp: [domain/]path[:tag][@digest], lower-case path components. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
export const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`,
);

/** generate.ParseLabels: `k=v,k2=v2`. */
function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw new CommandError(`error: unexpected label spec: ${item}`);
    if (!kv[0]) throw new CommandError('error: unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

/** parseEnvs: `NAME=value`, the name a valid environment variable name. */
function parseEnvs(envs: string[]): { name: string; value: string }[] {
  return envs.map((e) => {
    const eq = e.indexOf('=');
    const name = eq >= 0 ? e.slice(0, eq) : '';
    if (!name || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new CommandError(`error: invalid env: ${e}`);
    return { name, value: e.slice(eq + 1) };
  });
}

/** cmdutil.ParsePairs for --annotations. */
function parseAnnotations(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new CommandError(`error: invalid annotations format: ${p}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

interface RunOptions {
  name: string;
  dryRun: DryRunStrategy;
  output: OutputFormat;
  namespace: string;
  enforceNamespace: boolean;
  saveConfig: boolean;
  fieldManager: string;
}

/** The BasicPod generator of `kubectl run`. */
function podFor(ctx: CommandContext, o: RunOptions, restartPolicy: string): KubeObject {
  const args = ctx.args.slice(1);
  const env = parseEnvs(ctx.flags.env as string[]);
  const annotations = parseAnnotations(ctx.flags.annotations as string[]);
  const labelSpec = str(ctx.flags.labels);
  const labels = labelSpec ? parseLabels(labelSpec) : { run: o.name };
  const portSpec = str(ctx.flags.port);
  if (portSpec && !/^[+-]?\d+$/.test(portSpec)) throw new CommandError(`error: strconv.Atoi: parsing ${JSON.stringify(portSpec)}: invalid syntax`);
  const stdin = ctx.flags.stdin === true;
  const c = container({
    name: o.name,
    image: str(ctx.flags.image),
    command: ctx.flags.command === true ? args : undefined,
    args: ctx.flags.command === true ? undefined : args,
    ports: portSpec ? [{ containerPort: Number(portSpec) }] : undefined,
    env,
    imagePullPolicy: str(ctx.flags['image-pull-policy']),
    securityContext: ctx.flags.privileged === true ? { privileged: true } : undefined,
    stdin,
    stdinOnce: stdin && ctx.flags['leave-stdin-open'] !== true,
    tty: ctx.flags.tty === true,
  });
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, labels, annotations }),
    spec: { containers: [c], restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KubeObject;
}

/**
 * The patched pod as kubectl decodes it back into a v1.Pod: unknown fields dropped, fields without
 * omitempty (containers, each container's resources, creationTimestamp, status) always written.
 */
function decodedPod(pod: KubeObject): KubeObject {
  const spec = { ...((pod.spec as Record<string, unknown>) ?? {}) };
  const withResources = (list: unknown) =>
    Array.isArray(list) ? list.map((c: Record<string, unknown>) => ({ ...c, resources: c.resources ?? {} })) : undefined;
  spec.containers = withResources(spec.containers) ?? null;
  if (spec.initContainers) spec.initContainers = withResources(spec.initContainers);
  const metadata = { ...(pod.metadata ?? {}), creationTimestamp: pod.metadata?.creationTimestamp ?? null };
  return typedOrder({ ...pod, metadata, spec, status: pod.status ?? {} } as KubeObject, true);
}

/**
 * --overrides: a merge (default), JSON or strategic merge patch applied to the generated pod, which
 * kubectl then decodes back into its Go type.
 */
async function applyOverrides(ctx: CommandContext, pod: KubeObject): Promise<KubeObject> {
  const overrides = str(ctx.flags.overrides);
  if (!overrides) return pod;
  const type = str(ctx.flags['override-type']) || 'merge';
  if (!['json', 'merge', 'strategic'].includes(type)) throw new CommandError(`error: invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    throw new CommandError(type === 'json' ? 'error: invalid character in JSON patch' : 'error: Invalid JSON Patch');
  }
  if (type !== 'json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) throw new CommandError('error: Invalid JSON Patch');
  const { applyPatch } = await import('../cluster/api/patch.js');
  const client = await ctx.client();
  const spec = client.kinds.forObject('v1', 'Pod')!;
  try {
    return decodedPod(applyPatch(pod, type as 'json' | 'merge' | 'strategic', patch, spec));
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
}

/** --expose: the ServiceV2 generator, selecting the pod by its labels (`run=NAME` by default). */
function serviceFor(ctx: CommandContext, o: RunOptions): KubeObject {
  const labelSpec = str(ctx.flags.labels);
  const selector = parseLabels(labelSpec || `run=${o.name}`);
  const port = Number(str(ctx.flags.port));
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, labels: labelSpec ? parseLabels(labelSpec) : undefined }),
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

async function create(ctx: CommandContext, o: RunOptions, generated: KubeObject): Promise<KubeObject> {
  if (o.dryRun === 'client') return generated;
  const obj = o.saveConfig ? withLastApplied(generated) : generated;
  const client = await ctx.client();
  const spec = client.kinds.forObject(String(obj.apiVersion), String(obj.kind));
  if (!spec) throw new CommandError(`error: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return client.create(spec, obj, o.namespace, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager });
}

/**
 * -i, -t, --attach: kubectl waits for the pod, attaches to it (or prints its log if it has already
 * finished), with Never or OnFailure waits for its end and exits with its container's code, and with
 * --rm deletes what it created before it returns.
 */
async function attachToRun(ctx: CommandContext, pod: KubeObject, created: KubeObject[], restartPolicy: string): Promise<number> {
  const { waitForPod, podRunningAndReady, podCompleted, podSucceeded, attachTo, followContainer } = await import('./util/attach.js');
  const timeout = parseDuration(str(ctx.flags['pod-running-timeout']))!;
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name!;
  const c = pod.spec.containers[0];
  let code = 0;
  let failure: string | undefined;
  try {
    const ready = await waitForPod(ctx, ns, name, timeout, podRunningAndReady);
    if (podCompleted(ready)) await followContainer(ctx, ready, c);
    else await attachTo(ctx, ready, c, { tty: ctx.flags.tty === true, stdin: ctx.flags.stdin === true, quiet: ctx.flags.quiet === true });
    if (ctx.flags['leave-stdin-open'] !== true && (restartPolicy === 'Never' || restartPolicy === 'OnFailure')) {
      const done = await waitForPod(ctx, ns, name, timeout, restartPolicy === 'Never' ? podCompleted : podSucceeded);
      if (done.status?.phase === 'Failed') {
        const term = done.status?.containerStatuses?.[0]?.state?.terminated;
        code = term?.exitCode || 1;
        failure = term?.exitCode ? `error: pod ${ns}/${name} terminated (${term.reason})\n${term.message ?? ''}` : `error: pod ${ns}/${name} failed with unknown exit code`;
      }
    }
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    code = 1;
    failure = e.message;
  }
  if (ctx.flags.rm === true) {
    const client = await ctx.client();
    for (const obj of created) {
      const spec = client.kinds.forObject(String(obj.apiVersion), String(obj.kind))!;
      await client.delete(spec, obj.metadata.namespace, obj.metadata.name!);
      ctx.io.out(`${spec.group ? `${spec.kind.toLowerCase()}.${spec.group}` : spec.kind.toLowerCase()} "${obj.metadata.name}" deleted\n`);
    }
  }
  if (failure) ctx.io.err(failure.endsWith('\n') ? failure : `${failure}\n`);
  return code;
}

async function run(ctx: CommandContext): Promise<number> {
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  // the delete flags (for --rm) are completed with the rest
  const cascade = str(ctx.flags.cascade);
  const cascadeBool = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(cascade) ? 'background' : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(cascade) ? 'orphan' : undefined;
  if (cascadeBool) ctx.io.err(`warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${cascadeBool}.\n`);
  else if (!['background', 'foreground', 'orphan'].includes(cascade))
    throw new CommandError(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const stdin = ctx.flags.stdin === true;
  const attach = ctx.changed.has('attach') ? ctx.flags.attach === true : stdin;
  // kubectl checks only for a missing word here: `run --image=x -- sleep 1` names the pod "sleep"
  if (!ctx.args.length) throw new UsageError('NAME is required for run');
  if (parseDuration(str(ctx.flags['pod-running-timeout'])) === undefined) throw new UsageError(`time: invalid duration ${JSON.stringify(str(ctx.flags['pod-running-timeout']))}`);
  const image = str(ctx.flags.image);
  if (!image) throw new CommandError('error: --image is required');
  if (!REFERENCE.test(image)) throw new CommandError(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  if (ctx.flags.tty === true && !stdin) throw new UsageError('-i/--stdin is required for containers with -t/--tty=true');
  if (ctx.flags.expose === true && !str(ctx.flags.port)) throw new UsageError('--port must be set when exposing a service');
  const restart = str(ctx.flags.restart);
  const restartPolicy = !restart ? (stdin ? 'OnFailure' : 'Always') : restart;
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) throw new UsageError(`invalid restart policy: ${restart}`);
  if (!attach && ctx.flags.rm === true) throw new UsageError('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none')
    throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pullPolicy = str(ctx.flags['image-pull-policy']);
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw new UsageError(`invalid image pull policy: ${pullPolicy}`);
  const o: RunOptions = {
    name: ctx.args[0],
    dryRun,
    output,
    namespace: ctx.namespace,
    enforceNamespace: ctx.explicitNamespace,
    saveConfig: ctx.flags['save-config'] === true,
    fieldManager: str(ctx.flags['field-manager']),
  };
  const pod = await create(ctx, o, await applyOverrides(ctx, podFor(ctx, o, restartPolicy)));
  const errors: string[] = [];
  const created: KubeObject[] = [pod];
  if (ctx.flags.expose === true) {
    try {
      const svc = await create(ctx, o, serviceFor(ctx, o));
      created.push(svc);
      await printCreated(ctx, o, svc, o.dryRun === 'client');
      // kubectl writes a `---` after the service, and its YAML printer another before the second object
      if (output.kind === 'yaml') ctx.io.out('---\n---\n');
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(statusText(e));
    }
  }
  if (attach) return attachToRun(ctx, pod, created, restartPolicy);
  await printCreated(ctx, o, pod, o.dryRun === 'client');
  if (errors.length) {
    ctx.io.err(errors.map((e) => `${e}\n`).join(''));
    return 1;
  }
  return 0;
}

export const verb: Verb = {
  name: 'run',
  flags,
  help: `Create and run a particular image in a pod.

Examples:
  # Start a nginx pod
  kubectl run nginx --image=nginx
  
  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701
  
  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"
  
  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"
  
  # Dry run; print the corresponding API objects without creating them
  kubectl run nginx --image=nginx --dry-run=client
  
  # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
  kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'
  
  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never
  
  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>
  
  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>

Usage:
  kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
