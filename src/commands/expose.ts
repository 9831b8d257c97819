import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { completeGenerator, createdMessage, generatorFlags, objectMeta, sortedMap } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { NO_RESOURCES, selectResources } from './util/select.js';
import type { Verb } from './verb.js';

const EXPOSABLE = ['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet'];

/** polymorphichelpers.MakeLabels: `k=v,k2=v2` in key order. */
function makeLabels(m: Record<string, string> | undefined): string {
  return Object.entries(sortedMap(m ?? {}))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** mapBasedSelectorForObject: the pod selector of the object, as `k=v` pairs. */
function selectorFor(obj: KubeObject): string {
  switch (obj.kind) {
    case 'ReplicationController':
      return makeLabels(obj.spec?.selector);
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(obj.metadata.labels);
    case 'Service':
      if (!obj.spec?.selector) throw new Error('the service has no pod selector set');
      return makeLabels(obj.spec.selector);
    default: {
      const sel = obj.spec?.selector;
      if (obj.kind === 'Deployment' && !Object.keys(sel?.matchLabels ?? {}).length) throw new Error('invalid deployment: no selectors, therefore cannot be exposed');
      if (sel?.matchExpressions?.length) throw new Error(`couldn't convert expressions - "${goExpressions(sel.matchExpressions)}" to map-based selector format`);
      return makeLabels(sel?.matchLabels);
    }
  }
}

/** Go's %+v of []LabelSelectorRequirement. */
function goExpressions(exprs: { key: string; operator: string; values?: string[] }[]): string {
  return `[${exprs.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}

function podSpecOf(obj: KubeObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** portsForObject: the distinct container ports (or a Service's ports), in order. */
function portsFor(obj: KubeObject): string[] {
  const ports = obj.kind === 'Service' ? (obj.spec?.ports ?? []).map((p: any) => p.port) : (podSpecOf(obj)?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort));
  return [...new Set(ports.map(String))] as string[];
}

/** MultiProtocolsForObject: port -> the protocols it is declared with. */
function protocolsFor(obj: KubeObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: unknown, protocol: string | undefined) => {
    const k = String(port);
    const list = out.get(k) ?? [];
    const p = protocol ?? 'TCP';
    if (!list.includes(p)) list.push(p);
    out.set(k, list);
  };
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

/** parseLabels: `k=v` pairs, kubectl's errors for anything else. */
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CommandError(`error: unexpected label spec: ${pair}`);
    if (!kv[0]) throw new CommandError('error: unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

/** createService: the Service expose sends, fields in Go's order. */
function serviceFor(ctx: CommandContext, obj: KubeObject, name: string): KubeObject {
  const f = ctx.flags;
  const selector = parseLabels(str(f.selector) || selectorFor(obj));
  const labelsText = str(f.labels) || makeLabels(obj.metadata.labels);
  const clusterIP = str(f['cluster-ip']);
  let portString = str(f.port);
  if (!portString) {
    const ports = portsFor(obj);
    if (!ports.length && clusterIP !== 'None') throw new CommandError("error: couldn't find port via --port flag or introspection");
    portString = ports.join(',');
  }
  const protocols = protocolsFor(obj);
  const protocol = str(f.protocol);
  const ports: Record<string, unknown>[] = [];
  const list = portString ? portString.split(',') : [];
  list.forEach((p, i) => {
    if (!/^[+-]?\d+$/.test(p)) throw new CommandError(`error: strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
    const port = Number(p);
    const name = list.length > 1 ? `port-${i + 1}` : undefined;
    const declared = protocols.get(p);
    if (!protocol && declared && declared.length > 1) {
      for (const proto of declared) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port });
      return;
    }
    ports.push({ ...(name ? { name } : {}), protocol: protocol || declared?.[0] || 'TCP', port });
  });
  const target = str(f['target-port']);
  for (const p of ports) p.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
  const spec: Record<string, unknown> = { ports, selector: sortedMap(selector) };
  if (clusterIP) spec.clusterIP = clusterIP;
  if (str(f.type)) spec.type = str(f.type);
  if (str(f['external-ip'])) spec.externalIPs = [str(f['external-ip'])];
  const affinity = str(f['session-affinity']);
  if (affinity && affinity !== 'None' && affinity !== 'ClientIP') throw new CommandError(`error: unknown session affinity: ${affinity}`);
  if (affinity) spec.sessionAffinity = affinity;
  if (spec.type === 'LoadBalancer' && str(f['load-balancer-ip'])) spec.loadBalancerIP = str(f['load-balancer-ip']);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta({ name, namespace: ctx.explicitNamespace ? ctx.namespace : undefined, labels: labelsText ? parseLabels(labelsText) : undefined }),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx, str(ctx.flags.name));
  if (!ctx.args.length && !(ctx.flags.filename as string[]).length && !str(ctx.flags.kustomize)) throw new CommandError(NO_RESOURCES);
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, { filesAsRead: true });
  for (const e of sel.errors) if (typeof e !== 'string') throw e;
  if (sel.errors.length) throw new CommandError(String(sel.errors[0]));
  for (const s of sel.items) {
    const obj = s.object;
    if (!EXPOSABLE.includes(obj.kind)) throw new CommandError(`error: cannot expose a ${obj.kind}${s.spec.group ? `.${s.spec.group}` : ''}`);
    let svc: KubeObject;
    try {
      svc = serviceFor(ctx, obj, o.name || obj.metadata.name!.slice(0, 63));
    } catch (e) {
      if (e instanceof CommandError) throw e;
      throw new CommandError(`error: couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
    const overrides = str(ctx.flags.overrides);
    if (overrides) {
      const { applyPatch } = await import('../cluster/api/patch.js');
      const type = str(ctx.flags['override-type']) as 'json' | 'merge' | 'strategic';
      svc = applyPatch(svc, type, JSON.parse(overrides), client.kinds.forKind('Service', '')!);
    }
    let shown = svc;
    if (o.dryRun !== 'client') {
      const spec = client.kinds.forKind('Service', '')!;
      shown = await client.create(spec, svc, ctx.namespace, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager });
    }
    if (o.output.kind === 'table') ctx.io.out(createdMessage(shown, o.dryRun, 'exposed'));
    else ctx.io.out(await printObjects(o.output, [shown], true, false));
  }
  return 0;
}

const flags: FlagSpec[] = [
  ...generatorFlags('kubectl-expose').filter((f) => f.name !== 'validate'),
  { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
  {
    name: 'external-ip',
    type: 'string',
    usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
  },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to expose a service' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'labels', short: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
  { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
  { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
  { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
  {
    name: 'overrides',
    type: 'string',
    usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
  },
  { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
  { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
  { name: 'recursive', short: 'R', type: 'bool' },
  {
    name: 'selector',
    type: 'string',
    usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
  },
  { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
  { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
  { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
];

const help = `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)

Examples:
  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rc nginx --port=80 --target-port=8000
  
  # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
  kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000
  
  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend
  
  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https
  
  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
  kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream
  
  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rs nginx --port=80 --target-port=8000
  
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

Usage:
  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'expose', flags, help, run };
