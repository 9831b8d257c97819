import type { KubeObject } from '../../cluster/api/types.js';
import { isDNS1123Subdomain } from '../../cluster/api/validation.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError, UsageError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** validation.IsValidPortName */
export function portNameErrors(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.length > 0 && (p.startsWith('-') || p.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** parsePorts: `port[:targetPort]`, the target a number or a port name. */
function parsePorts(spec: string): [number, number | string] {
  const parts = spec.split(':');
  if (!/^\d+$/.test(parts[0])) throw new CommandError(`error: strconv.ParseUint: parsing ${JSON.stringify(parts[0])}: invalid syntax`);
  const port = Number(parts[0]);
  if (port > 65535) throw new CommandError(`error: strconv.ParseUint: parsing ${JSON.stringify(parts[0])}: value out of range`);
  if (parts.length === 1) return [port, port];
  const t = parts[1];
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new CommandError('error: must be between 1 and 65535, inclusive');
    return [port, n];
  }
  const errs = portNameErrors(t);
  if (errs.length) throw new CommandError(`error: ${errs.join(',')}`);
  return [port, t];
}

async function runService(ctx: CommandContext, type: ServiceType): Promise<number> {
  // kubectl's service generators never read --save-config: no annotation is written
  const o = { ...completeGenerator(ctx), saveConfig: false };
  const tcp = ctx.flags.tcp as string[];
  const clusterIP = str(ctx.flags.clusterip);
  const externalName = str(ctx.flags['external-name']);
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new CommandError('error: ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') throw new CommandError('error: at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length) throw new CommandError(`error: invalid service external name ${externalName}`);
  const nodePort = (ctx.flags['node-port'] as number | undefined) ?? 0;
  const ports = tcp.map((t) => {
    const [port, targetPort] = parsePorts(t);
    const p: Record<string, unknown> = { name: t.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (nodePort) p.nodePort = nodePort;
    return p;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: o.name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (externalName) spec.externalName = externalName;
  const svc = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, labels: { app: o.name } }),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  return createGenerated(ctx, o, svc, `failed to create ${type} service: `);
}

const tcpFlag: FlagSpec = { name: 'tcp', type: 'stringSlice' };

const clusterip: Verb = {
  name: 'clusterip',
  flags: [...generatorFlags(), { name: 'clusterip', type: 'string' }, tcpFlag],
  help: `Create a ClusterIP service with the specified name.

Examples:
  # Create a new ClusterIP service named my-cs
  kubectl create service clusterip my-cs --tcp=5678:8080
  
  # Create a new ClusterIP service named my-cs (in headless mode)
  kubectl create service clusterip my-cs --clusterip="None"

Usage:
  kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run: (ctx) => runService(ctx, 'ClusterIP'),
};

const nodeport: Verb = {
  name: 'nodeport',
  flags: [...generatorFlags(), { name: 'node-port', type: 'int', default: 0 }, tcpFlag],
  help: `Create a NodePort service with the specified name.

Examples:
  # Create a new NodePort service named my-ns
  kubectl create service nodeport my-ns --tcp=5678:8080

Usage:
  kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run: (ctx) => runService(ctx, 'NodePort'),
};

const loadbalancer: Verb = {
  name: 'loadbalancer',
  flags: [...generatorFlags(), tcpFlag],
  help: `Create a LoadBalancer service with the specified name.

Examples:
  # Create a new LoadBalancer service named my-lbs
  kubectl create service loadbalancer my-lbs --tcp=5678:8080

Usage:
  kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run: (ctx) => runService(ctx, 'LoadBalancer'),
};

const externalname: Verb = {
  name: 'externalname',
  flags: [...generatorFlags(), { name: 'external-name', type: 'string', required: true }, tcpFlag],
  help: `Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.

Examples:
  # Create a new ExternalName service named my-ns
  kubectl create service externalname my-ns --external-name bar.com

Usage:
  kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run: (ctx) => runService(ctx, 'ExternalName'),
};

/** `kubectl create service` alone prints its help on stderr and fails. */
async function run(ctx: CommandContext): Promise<number> {
  if (!ctx.args.length) {
    ctx.io.err(verb.help);
    return 1;
  }
  throw new UsageError(`unknown command ${JSON.stringify(ctx.args[0])}`);
}

export const verb: Verb = {
  name: 'service',
  aliases: ['svc'],
  flags: [],
  help: `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  subcommands: {
    clusterip: async () => clusterip,
    nodeport: async () => nodeport,
    loadbalancer: async () => loadbalancer,
    externalname: async () => externalname,
  },
  run,
};
