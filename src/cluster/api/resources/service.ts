import { age } from '../../meta/duration.js';
import { formatLabels } from './podTemplate.js';
import {
  duplicate,
  forbiddenField,
  invalid,
  invalidError,
  isDNS1123Label,
  isDNS1123Subdomain,
  notSupported,
  required,
  validateLabels,
  validatePort,
  type FieldError,
} from '../validation.js';
import { internalError } from '../status.js';
import type { KindSpec, ServerContext } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/** kubeadm's --service-cluster-ip-range and the API server's default --service-node-port-range. */
const SERVICE_CIDR = '10.96.0.0/12';
const RANGE_BASE = ipToInt('10.96.0.0');
const RANGE_SIZE = 2 ** 20;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isIPv4(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((p) => Number(p) <= 255 && String(Number(p)) === p);
}

const isHeadless = (o: KubeObject) => o.spec?.clusterIP === 'None';
const needsClusterIP = (o: KubeObject) => o.spec?.type !== 'ExternalName';
/** NodePort and LoadBalancer services get node ports (a LoadBalancer may opt out). */
const needsNodePorts = (o: KubeObject) =>
  o.spec?.type === 'NodePort' || (o.spec?.type === 'LoadBalancer' && o.spec?.allocateLoadBalancerNodePorts !== false);

function allocationError(name: string, errs: FieldError[]) {
  return invalidError('Service', '', name, errs);
}

function usedClusterIPs(ctx: ServerContext, self?: KubeObject): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.list('/services')) {
    if (self && s.metadata.uid === self.metadata.uid) continue;
    for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP]) if (ip && ip !== 'None') used.add(ip);
  }
  return used;
}

function usedNodePorts(ctx: ServerContext, self?: KubeObject): Set<number> {
  const used = new Set<number>();
  for (const s of ctx.list('/services')) {
    if (self && s.metadata.uid === self.metadata.uid) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}

/**
 * The ClusterIP allocator: random, from the upper (dynamic) part of the range first; the lower static band
 * of min(max(16, size/16), 256) addresses is left for addresses users ask for.
 */
function allocateClusterIP(ctx: ServerContext, used: Set<string>): string {
  const staticBand = Math.min(Math.max(16, RANGE_SIZE / 16), 256);
  const first = 1; // the network address is never handed out
  const last = RANGE_SIZE - 2; // nor the broadcast address
  const dynamicSize = last - staticBand + 1;
  const start = staticBand + Math.floor(ctx.random() * dynamicSize);
  for (let i = 0; i < dynamicSize; i++) {
    const ip = intToIp(RANGE_BASE + staticBand + ((start - staticBand + i) % dynamicSize));
    if (!used.has(ip)) return ip;
  }
  for (let off = first; off < staticBand; off++) {
    const ip = intToIp(RANGE_BASE + off);
    if (!used.has(ip)) return ip;
  }
  throw internalError('failed to allocate a serviceIP: range is full');
}

/** The node-port allocator, with the same static/dynamic split (static band 30000-30085 by default). */
function allocateNodePort(ctx: ServerContext, used: Set<number>): number {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const staticBand = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  const dynamicSize = size - staticBand;
  const start = Math.floor(ctx.random() * dynamicSize);
  for (let i = 0; i < dynamicSize; i++) {
    const port = NODE_PORT_MIN + staticBand + ((start + i) % dynamicSize);
    if (!used.has(port)) return port;
  }
  for (let port = NODE_PORT_MIN; port < NODE_PORT_MIN + staticBand; port++) if (!used.has(port)) return port;
  throw internalError('failed to allocate a nodePort: range is full');
}

function assignClusterIP(obj: KubeObject, ctx: ServerContext): void {
  const spec = obj.spec;
  if (!needsClusterIP(obj)) return;
  const name = obj.metadata.name ?? '';
  const requested: string | undefined = spec.clusterIPs?.[0] || spec.clusterIP || undefined;
  if (requested === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    return;
  }
  if (requested) {
    if (!isIPv4(requested))
      throw allocationError(name, [invalid('spec.clusterIPs[0]', requested, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]);
    const n = ipToInt(requested);
    const ips = [requested];
    if (n <= RANGE_BASE || n >= RANGE_BASE + RANGE_SIZE - 1) {
      throw allocationError(name, [
        {
          type: 'FieldValueInvalid',
          field: 'spec.clusterIPs',
          value: `[]string{${ips.map((s) => JSON.stringify(s)).join(', ')}}`,
          detail: `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        },
      ]);
    }
    if (usedClusterIPs(ctx, obj).has(requested)) {
      throw allocationError(name, [
        {
          type: 'FieldValueInvalid',
          field: 'spec.clusterIPs',
          value: `[]string{${ips.map((s) => JSON.stringify(s)).join(', ')}}`,
          detail: `failed to allocate IP ${requested}: provided IP is already allocated`,
        },
      ]);
    }
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
    return;
  }
  const ip = allocateClusterIP(ctx, usedClusterIPs(ctx, obj));
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

function assignNodePorts(obj: KubeObject, ctx: ServerContext): void {
  const ports: any[] = obj.spec?.ports ?? [];
  if (!needsNodePorts(obj) || isHeadless(obj)) return;
  const used = usedNodePorts(ctx, obj);
  const errs: FieldError[] = [];
  ports.forEach((p, i) => {
    if (p.nodePort) {
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
        errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
      else if (used.has(p.nodePort)) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
      used.add(p.nodePort);
    }
  });
  if (errs.length) throw allocationError(obj.metadata.name ?? '', errs);
  for (const p of ports) {
    if (p.nodePort) continue;
    // two ports with the same number (TCP and UDP) share one node port
    const twin = ports.find((q) => q !== p && q.port === p.port && q.nodePort);
    p.nodePort = twin ? twin.nodePort : allocateNodePort(ctx, used);
    used.add(p.nodePort);
  }
  // a LoadBalancer that keeps traffic node-local gets a health-check port from the same range
  if (obj.spec.type === 'LoadBalancer' && obj.spec.externalTrafficPolicy === 'Local' && !obj.spec.healthCheckNodePort) {
    obj.spec.healthCheckNodePort = allocateNodePort(ctx, used);
  }
}

/** The registry's IP family fields: a single-stack IPv4 cluster (headless services without a selector may span both). */
function assignIPFamilies(obj: KubeObject): void {
  const spec = obj.spec;
  if (!needsClusterIP(obj)) {
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
    return;
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= isHeadless(obj) && !spec.selector ? 'RequireDualStack' : 'SingleStack';
}

function externalIP(o: KubeObject): string {
  const spec = o.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [
        ...new Set(((o.status?.loadBalancer?.ingress ?? []) as any[]).map((i) => i.ip || i.hostname).filter(Boolean)),
      ].sort() as string[];
      // the server always builds the wide cells, so the address is never clipped
      if (externalIPs.length) return [...lb, ...externalIPs].join(',');
      return lb.length ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

function portsCell(o: KubeObject): string {
  const s = ((o.spec?.ports ?? []) as any[])
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
  return s || '<none>';
}

function validateTargetPort(field: string, tp: unknown, errs: FieldError[]): void {
  if (typeof tp === 'number') validatePort(field, tp, errs);
  else if (typeof tp === 'string') {
    // an IANA service name: at most 15 characters, lower case, letters and dashes
    if (tp.length > 15) errs.push(invalid(field, tp, 'must be no more than 15 characters'));
    if (!/^[-a-z0-9]+$/.test(tp)) errs.push(invalid(field, tp, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
    if (!/[a-z]/.test(tp)) errs.push(invalid(field, tp, 'must contain at least one letter (a-z)'));
    if (tp.includes('--')) errs.push(invalid(field, tp, "must not contain consecutive hyphens"));
    if (tp.startsWith('-') || tp.endsWith('-')) errs.push(invalid(field, tp, 'must not begin or end with a hyphen'));
  }
}

/** ValidateService, the parts a learner meets. */
function validateService(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  const type = spec.type;
  if (!TYPES.includes(type)) errs.push(notSupported('spec.type', type, TYPES));
  const ports: any[] = spec.ports ?? [];
  if ((type === 'NodePort' || type === 'LoadBalancer') && isHeadless(obj))
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  if (type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length || spec.clusterIP) errs.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (!spec.externalName) errs.push(required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(String(spec.externalName).replace(/\.$/, ''))) errs.push(invalid('spec.externalName', spec.externalName, m));
  } else if (!ports.length && !isHeadless(obj)) {
    errs.push(required('spec.ports'));
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${f}.name`));
    else if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(invalid(`${f}.name`, p.name, m));
      if (names.has(p.name)) errs.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    validatePort(`${f}.port`, p.port, errs);
    if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
    validateTargetPort(`${f}.targetPort`, p.targetPort, errs);
    if (p.nodePort && type === 'ClusterIP') errs.push(forbiddenField(`${f}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  // (protocol, port) pairs must be unique; the error shows the pair as Go prints a core.ServicePort
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key))
      errs.push({
        type: 'FieldValueDuplicate',
        field: `spec.ports[${i}]`,
        value: `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
      });
    seen.add(key);
  });
  if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  if (spec.externalTrafficPolicy !== undefined && !TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy))
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  if (spec.internalTrafficPolicy !== undefined && !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy))
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIPv4(ip)) errs.push(invalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (old && type !== 'ExternalName' && old.spec?.type !== 'ExternalName' && !(isHeadless(old) && isHeadless(obj))) {
    const was: string[] = old.spec?.clusterIPs ?? [];
    const now: string[] = spec.clusterIPs ?? [];
    was.forEach((ip, i) => {
      if (now[i] !== undefined && now[i] !== ip)
        errs.push({ type: 'FieldValueInvalid', field: `spec.clusterIPs[${i}]`, value: `[]string{${now.map((s) => JSON.stringify(s)).join(', ')}}`, detail: 'may not change once set' });
    });
  }
  return errs;
}

export const service = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  nameRule: 'dns1035',
  statusSubresource: true,
  defaults(obj) {
    // SetDefaults_Service
    const spec = (obj.spec ??= {});
    spec.sessionAffinity ||= 'None';
    if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
    if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined)
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    spec.type ||= 'ClusterIP';
    for (const p of spec.ports ?? []) {
      p.protocol ||= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    const externallyAccessible =
      spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
    if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
    if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
      spec.internalTrafficPolicy = 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  },
  prepareForCreate(obj, ctx) {
    assignClusterIP(obj, ctx);
    assignIPFamilies(obj);
    assignNodePorts(obj, ctx);
    obj.status = { loadBalancer: {} };
  },
  prepareForUpdate(obj, old, ctx) {
    const spec = obj.spec;
    // an update that leaves the allocated values out keeps them (patchAllocatedValues)
    if (needsClusterIP(obj) && needsClusterIP(old) && !spec.clusterIP && !(spec.clusterIPs ?? []).length) {
      spec.clusterIP = old.spec?.clusterIP;
      spec.clusterIPs = old.spec?.clusterIPs;
    } else if (spec.clusterIP && spec.clusterIP !== old.spec?.clusterIP && JSON.stringify(spec.clusterIPs) === JSON.stringify(old.spec?.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP];
    }
    if (needsNodePorts(obj) && needsNodePorts(old)) {
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const was = (old.spec?.ports ?? []).find((q: any) => q.port === p.port && q.protocol === p.protocol) ?? (old.spec?.ports?.length === 1 && spec.ports.length === 1 ? old.spec.ports[0] : undefined);
        if (was?.nodePort) p.nodePort = was.nodePort;
      }
    }
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') spec.healthCheckNodePort ??= old.spec?.healthCheckNodePort;
    if (!needsNodePorts(obj)) for (const p of spec.ports ?? []) if (old.spec?.ports?.some((q: any) => q.nodePort === p.nodePort)) delete p.nodePort;
    if (needsClusterIP(obj) && (!spec.clusterIP || !needsClusterIP(old))) assignClusterIP(obj, ctx);
    if (!needsClusterIP(obj)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    assignIPFamilies(obj);
    // dropTypeDependentFields: what the old type needed and the user left as it was goes with the type
    const externallyAccessible = (o: KubeObject) =>
      o.spec?.type === 'LoadBalancer' || o.spec?.type === 'NodePort' || (o.spec?.type === 'ClusterIP' && (o.spec?.externalIPs ?? []).length > 0);
    if (!externallyAccessible(obj) && spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy) delete spec.externalTrafficPolicy;
    if (spec.type !== 'LoadBalancer') {
      for (const f of ['allocateLoadBalancerNodePorts', 'loadBalancerClass', 'healthCheckNodePort'])
        if (spec[f] === old.spec?.[f]) delete spec[f];
    }
    // the service's own ports are not in the taken set: the store's copy has the same uid
    assignNodePorts(obj, ctx);
  },
  validate: validateService,
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Type' },
      { name: 'Cluster-IP' },
      { name: 'External-IP' },
      { name: 'Port(s)' },
      { name: 'Age' },
      { name: 'Selector', priority: 1 },
    ],
    row: (o, now) => [
      o.metadata.name!,
      o.spec?.type ?? '',
      o.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(o),
      portsCell(o),
      age(o.metadata.creationTimestamp, now),
      formatLabels(o.spec?.selector),
    ],
  },
  fieldSelectors: {
    'spec.clusterIP': (o) => o.spec?.clusterIP ?? '',
    'spec.type': (o) => o.spec?.type ?? '',
  },
} satisfies KindSpec;

