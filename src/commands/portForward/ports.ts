import { isIPv4, isIPv6 } from 'node:net';
import type { KubeObject } from '../../cluster/api/types.js';

/** A local:remote pair, as client-go's ForwardedPort (printed by %v as `{8080 80}`). */
export interface ForwardedPort {
  local: number;
  remote: number;
}

/** Where to listen: 127.0.0.1 and ::1 for `localhost` (one of them is enough), any other address must work. */
export interface ListenAddress {
  address: string;
  protocol: 'tcp4' | 'tcp6';
  failureMode: 'all' | 'any';
}

/** Go's strconv.Atoi: an optional sign and decimal digits. */
function isAtoi(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

/** kubectl's splitPort: `[LOCAL:]REMOTE`; anything but exactly one colon takes the first part for both. */
export function splitPort(port: string): [local: string, remote: string] {
  const parts = port.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

/** util.LookupContainerPortNumberByName: a named port of the pod's containers, then its init containers. */
function containerPortByName(pod: KubeObject, name: string): number {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])])
    for (const p of c.ports ?? []) if ((p.name ?? '') === name) return p.containerPort;
  throw new Error(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** util.LookupServicePortNumberByName */
function servicePortByName(svc: KubeObject, name: string): number {
  for (const p of svc.spec?.ports ?? []) if ((p.name ?? '') === name) return p.port;
  throw new Error(`Service '${svc.metadata.name}' does not have a named port '${name}'`);
}

/** util.LookupContainerPortNumberByServicePort: the targetPort behind a Service port (a headless Service keeps the port). */
function containerPortByServicePort(svc: KubeObject, pod: KubeObject, port: number): number {
  for (const p of svc.spec?.ports ?? []) {
    if (p.port !== port) continue;
    if (svc.spec?.clusterIP === 'None') return port;
    const target = p.targetPort;
    if (target === undefined || typeof target === 'number' || isAtoi(String(target))) return Number(target ?? 0) || p.port;
    return containerPortByName(pod, String(target));
  }
  throw new Error(`Service ${svc.metadata.name} does not have a service port ${port}`);
}

/** kubectl's translateServicePortToTargetPort: each `[LOCAL:]REMOTE` with REMOTE a Service port (number or name), as the pod's port. */
export function translateServicePortToTargetPort(ports: string[], svc: KubeObject, pod: KubeObject): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let portnum: number;
    if (isAtoi(remote)) portnum = Number(remote);
    else {
      portnum = servicePortByName(svc, remote);
      if (local === remote) local = String(portnum);
    }
    remote = String(containerPortByServicePort(svc, pod, portnum));
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** kubectl's convertPodNamedPortToNumber: a named REMOTE as the container port of that name. */
export function convertPodNamedPortToNumber(ports: string[], pod: KubeObject): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === '') throw new Error('remote port cannot be empty');
    const containerPort = isAtoi(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${containerPort}` : containerPort;
  });
}

/** kubectl's checkUDPPorts: a remote port declared for UDP only cannot be forwarded (port-forward carries TCP). */
function checkUDPPorts(udpOnly: Set<number>, ports: string[], lookup: (name: string) => number): void {
  for (const port of ports) {
    const [, remote] = splitPort(port);
    const num = isAtoi(remote) ? Number(remote) : lookup(remote);
    if (udpOnly.has(num)) throw new Error(`UDP protocol is not supported for ${remote}`);
  }
}

function udpOnly(ports: { port: number; protocol?: string }[]): Set<number> {
  // an absent protocol counts as neither, as in kubectl (the API server defaults it to TCP anyway)
  const udp = new Set(ports.filter((p) => p.protocol === 'UDP').map((p) => p.port));
  for (const p of ports) if (p.protocol === 'TCP') udp.delete(p.port);
  return udp;
}

export function checkUDPPortInService(ports: string[], svc: KubeObject): void {
  checkUDPPorts(udpOnly((svc.spec?.ports ?? []).map((p: KubeObject) => ({ port: p.port, protocol: p.protocol }))), ports, (name) => servicePortByName(svc, name));
}

export function checkUDPPortInPod(ports: string[], pod: KubeObject): void {
  const declared = (pod.spec?.containers ?? []).flatMap((c: KubeObject) => (c.ports ?? []).map((p: KubeObject) => ({ port: p.containerPort, protocol: p.protocol })));
  checkUDPPorts(udpOnly(declared), ports, (name) => containerPortByName(pod, name));
}

/** Go's strconv.ParseUint(s, 10, 16), with its error text. */
function parseUint16(s: string): number {
  if (!/^\d+$/.test(s)) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** client-go's parsePorts: `5000`, `8888:5000`, `:5000` and `0:5000` (a random local port). */
export function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw new Error(`invalid port format '${spec}'`);
    const localString = parts.length === 1 ? parts[0] : parts[0] || '0';
    const remoteString = parts.length === 1 ? parts[0] : parts[1];
    let local: number;
    let remote: number;
    try {
      local = parseUint16(localString);
    } catch (e) {
      throw new Error(`error parsing local port '${localString}': ${(e as Error).message}`);
    }
    try {
      remote = parseUint16(remoteString);
    } catch (e) {
      throw new Error(`error parsing remote port '${remoteString}': ${(e as Error).message}`);
    }
    if (remote === 0) throw new Error('remote port must be > 0');
    return { local, remote };
  });
}

/** client-go's parseAddresses: `localhost` is 127.0.0.1 and ::1; the list comes back sorted by address. */
export function parseAddresses(addresses: string[]): ListenAddress[] {
  const parsed = new Map<string, ListenAddress>();
  for (const address of addresses) {
    if (address === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', protocol: 'tcp4', failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', protocol: 'tcp6', failureMode: 'all' });
    } else if (isIPv4(address)) parsed.set(address, { address, protocol: 'tcp4', failureMode: 'any' });
    else if (isIPv6(address)) parsed.set(address, { address, protocol: 'tcp6', failureMode: 'any' });
    else throw new Error(`${address} is not a valid IP`);
  }
  return [...parsed.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Go's net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
