import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import type { Verb } from './verb.js';

const TRAILER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

/**
 * The REST config's Host: the server of the cluster the context in use points at, as `config view` shows
 * it; clientcmd's default, localhost:8080, when that cluster entry has none.
 */
function host(ctx: CommandContext): string {
  const context = ctx.kubeconfig.contexts.find((c) => c.name === ctx.contextName);
  return ctx.kubeconfig.clusters.find((c) => c.name === context?.context.cluster)?.cluster.server || 'http://localhost:8080';
}

/** utilnet.JoinSchemeNamePort */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

/** Where a cluster service is reached: its load balancer's ports, else the API server's service proxy. */
function linkOf(server: string, svc: KubeObject): string {
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const ip = ingress.ip || ingress.hostname || '';
    return (svc.spec?.ports ?? []).map((p: { port: number }) => `http://${ip}:${p.port} `).join('');
  }
  let name = svc.metadata.name!;
  const port = svc.spec?.ports?.[0];
  if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '');
  return `${server}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
}

/**
 * `cluster-info`: the control plane's address and each service labelled kubernetes.io/cluster-service=true
 * in kube-system (or -n), by its kubernetes.io/name label. kubectl v1.32 prints no colours.
 */
async function run(ctx: CommandContext): Promise<number> {
  const client = await ctx.client();
  const server = host(ctx);
  const namespace = ctx.explicitNamespace ? ctx.namespace : 'kube-system';
  let services: KubeObject[];
  try {
    services = client.list(client.kinds.forKind('Service', '')!, namespace, { labelSelector: 'kubernetes.io/cluster-service=true' }).items;
  } catch (e) {
    // the trailer is written whatever happened before the error is reported
    if (e instanceof StatusError) ctx.io.out(TRAILER);
    throw e;
  }
  let out = `Kubernetes control plane is running at ${server}\n`;
  for (const svc of services) out += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${linkOf(server, svc)}\n`;
  ctx.io.out(out + TRAILER);
  return 0;
}

const help = `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info

Available Commands:
  dump          Dump relevant information for debugging and diagnosis

Usage:
  kubectl cluster-info [flags] [options]

Use "kubectl cluster-info <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'cluster-info',
  flags: [],
  help,
  subcommands: { dump: async () => (await import('./clusterInfo/dump.js')).verb },
  run,
};
