import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

/** `host/path=svcname:svcport[,tls[=secret]]` (kubectl's regex, anchored at the start only). */
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

function backend(service: string): Record<string, unknown> {
  const [name, port] = service.split(':');
  return { service: { name, port: /^[+-]?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

/** buildHTTPIngressPath: a trailing `*` makes a Prefix path, anything else is Exact. */
function httpPath(pathsvc: string): Record<string, unknown> {
  const parts = pathsvc.split('=');
  let path = `/${parts[0]}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(parts[1]) };
}

function tlsRules(rules: string[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretParts = parts[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    if (seen.has(host)) continue;
    const existing = out.findIndex((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (existing > -1) {
      (out[existing].hosts ??= []).push(host);
      continue;
    }
    const tls: { hosts?: string[]; secretName?: string } = {};
    if (host) tls.hosts = [host];
    if (secret) tls.secretName = secret;
    if (tls.hosts || tls.secretName) out.push(tls);
  }
  return out;
}

function ingressRules(rules: string[]): Record<string, unknown>[] {
  const out: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
  for (const rule of rules) {
    const noTLS = rule.split(',')[0];
    const slash = noTLS.indexOf('/');
    const host = noTLS.slice(0, slash);
    const path = httpPath(noTLS.slice(slash + 1));
    const same = out.find((r) => (r.host ?? '') === host);
    if (same) {
      same.http.paths.push(path);
      continue;
    }
    out.push(host ? { host, http: { paths: [path] } } : { http: { paths: [path] } });
  }
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const rules = ctx.flags.rule as string[];
  const annotations = ctx.flags.annotation as string[];
  const defaultBackend = str(ctx.flags['default-backend']);
  if (!defaultBackend && !rules.length)
    throw new CommandError(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  for (const r of rules) if (!RULE.test(r)) throw new CommandError(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  const ann: Record<string, string> = {};
  for (const a of annotations) {
    const eq = a.indexOf('=');
    if (eq < 0) throw new CommandError(`error: annotation ${a} is invalid and should be in format key=[value]`);
    ann[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (defaultBackend && defaultBackend.split(':').length !== 2) throw new CommandError('error: default-backend should be in format servicename:serviceport');
  const spec: Record<string, unknown> = {};
  if (str(ctx.flags.class)) spec.ingressClassName = str(ctx.flags.class);
  if (defaultBackend) spec.defaultBackend = backend(defaultBackend);
  const tls = tlsRules(rules);
  if (tls.length) spec.tls = tls;
  const ir = ingressRules(rules);
  if (ir.length) spec.rules = ir;
  const ingress = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, annotations: ann }),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  return createGenerated(ctx, o, ingress, 'failed to create ingress: ');
}

export const verb: Verb = {
  name: 'ingress',
  aliases: ['ing'],
  flags: [
    ...generatorFlags(),
    { name: 'annotation', type: 'stringArray' },
    { name: 'class', type: 'string' },
    { name: 'default-backend', type: 'string' },
    { name: 'rule', type: 'stringArray' },
  ],
  help: `Create an ingress with the specified name.

Aliases:
ingress, ing

Examples:
  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret "my-cert"
  kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"
  
  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
  kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"
  
  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
  kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
  --annotation ingress.annotation1=foo \\
  --annotation ingress.annotation2=bla
  
  # Create an ingress with the same host and multiple paths
  kubectl create ingress multipath --class=default \\
  --rule="foo.com/=svc:port" \\
  --rule="foo.com/admin/=svcadmin:portadmin"
  
  # Create an ingress with multiple hosts and the pathType as Prefix
  kubectl create ingress ingress1 --class=default \\
  --rule="foo.com/path*=svc:8080" \\
  --rule="bar.com/admin*=svc2:http"
  
  # Create an ingress with TLS enabled using the default ingress certificate and different path types
  kubectl create ingress ingtls --class=default \\
  --rule="foo.com/=svc:https,tls" \\
  --rule="foo.com/path/subpath*=othersvc:8080"
  
  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix
  kubectl create ingress ingsecret --class=default \\
  --rule="foo.com/*=svc:8080,tls=secret1"
  
  # Create an ingress with a default backend
  kubectl create ingress ingdefault --class=default \\
  --default-backend=defaultsvc:http \\
  --rule="foo.com/*=svc:8080,tls=secret1"

Usage:
  kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
