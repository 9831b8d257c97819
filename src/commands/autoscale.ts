import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { completeGenerator, createdMessage, generatorFlags, withLastApplied } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { NO_RESOURCES, selectResources } from './util/select.js';
import type { Verb } from './verb.js';

/** createHorizontalPodAutoscaler: the autoscaling/v1 object kubectl v1.32 sends, in Go's field order. */
function autoscaler(ctx: CommandContext, target: KubeObject, name: string): KubeObject {
  const spec: Record<string, unknown> = {
    scaleTargetRef: { kind: target.kind, name: target.metadata.name, apiVersion: target.apiVersion },
  };
  const min = Number(ctx.flags.min);
  const cpu = Number(ctx.flags['cpu-percent']);
  if (min > 0) spec.minReplicas = min;
  spec.maxReplicas = Number(ctx.flags.max);
  if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null },
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  } as unknown as KubeObject;
}

/** The API server's conversion of a v1 autoscaler into the autoscaling/v2 it stores: CPU becomes a Resource metric. */
function toV2(hpa: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage: cpu, ...spec } = hpa.spec;
  if (cpu !== undefined) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: hpa.metadata.name, annotations: hpa.metadata.annotations }, spec } as KubeObject;
}

async function run(ctx: CommandContext): Promise<number> {
  const max = Number(ctx.flags.max);
  const min = Number(ctx.flags.min);
  if (max < 1) throw new CommandError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CommandError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const o = completeGenerator(ctx, str(ctx.flags.name));
  if (!ctx.args.length && !(ctx.flags.filename as string[]).length && !str(ctx.flags.kustomize)) throw new CommandError(NO_RESOURCES);
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, { filesAsRead: true });
  for (const e of sel.errors) if (typeof e !== 'string') throw e;
  if (sel.errors.length) throw new CommandError(String(sel.errors[0]));
  if (!sel.items.length) throw new CommandError('error: no objects passed to autoscale');
  const hpaSpec = client.kinds.forKind('HorizontalPodAutoscaler', 'autoscaling')!;
  for (const s of sel.items) {
    if (!s.spec.scale)
      throw new CommandError(`error: cannot autoscale a ${s.spec.kind}: could not find scale subresource for ${s.spec.group}/${s.spec.version}, Resource=${s.spec.plural} in discovery information`);
    const hpa = autoscaler(ctx, s.object, o.name || s.name);
    if (o.dryRun === 'client') {
      if (o.output.kind === 'table') ctx.io.out(createdMessage(hpa, 'client'));
      else ctx.io.out(await printObjects(o.output, [hpa], true, false));
      continue;
    }
    const sent = o.saveConfig ? withLastApplied(hpa) : hpa;
    const created = await client.create(hpaSpec, toV2(sent), ctx.namespace, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager });
    if (o.output.kind === 'table') ctx.io.out(createdMessage(created, o.dryRun, 'autoscaled'));
    else ctx.io.out(await printObjects(o.output, [created], true));
  }
  return 0;
}

const flags: FlagSpec[] = [
  ...generatorFlags('kubectl-autoscale').filter((f) => f.name !== 'validate'),
  { name: 'cpu-percent', type: 'int', default: -1, usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: "Filename, directory, or URL to files identifying the resource to autoscale." },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'max', type: 'int', default: -1, required: true, usage: "The upper limit for the number of pods that can be set by the autoscaler. Required." },
  { name: 'min', type: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
  { name: 'name', type: 'string', usage: "The name for the newly created object. If not specified, the name of the input resource will be used." },
  { name: 'recursive', short: 'R', type: 'bool' },
];

const help = `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.

Examples:
  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kubectl autoscale deployment foo --min=2 --max=10
  
  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
  kubectl autoscale rc foo --max=5 --cpu-percent=80

Usage:
  kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'autoscale', flags, help, run };
