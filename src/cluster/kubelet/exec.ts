import type { KubeObject } from '../api/types.js';
import type { ClusterView } from '../view.js';
import { dateString, filter, parseSleep } from './shell.js';
import { parseImage } from './images.js';
import { containerEnv } from './containerEnv.js';
import { splitWords } from '../meta/words.js';
import { imageServes } from './probes.js';
import { psLines } from './processes.js';
import { connectionAllowed, type Endpoint, type Protocol } from '../proxy/networkPolicy.js';

/** What a command run in a container (`kubectl exec`) printed and how it ended. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
  /** the runtime could not start the command at all (no such binary) */
  startError?: string;
  /** how long the command took, in ms: its sleeps and the timeouts it waited out (Infinity: until stopped) */
  took?: number;
}

const SHELL_IMAGES = new Set(['busybox', 'alpine', 'registry.k8s.io/busybox', 'ubuntu', 'debian', 'python', 'node', 'perl']);
/** Programs each kind of image ships, beyond the shell built-ins. */
function hasProgram(image: string, prog: string): boolean {
  const repo = parseImage(image).repository;
  const busybox = repo === 'busybox' || repo === 'registry.k8s.io/busybox' || repo === 'alpine';
  if (['sh', 'echo', 'cat', 'ls', 'env', 'printenv', 'hostname', 'date', 'true', 'false', 'sleep', 'pwd', 'id', 'whoami', 'uname', 'ps', 'mkdir', 'touch', 'rm', 'test', 'head', 'tail', 'grep', 'wc'].includes(prog)) return true;
  if (prog === 'bash') return !busybox;
  if (prog === 'wget' || prog === 'nslookup' || prog === 'nc' || prog === 'ping') return busybox;
  if (prog === 'curl') return repo === 'curlimages/curl' || repo === 'nginx' || repo === 'httpd' || repo.startsWith('registry.k8s.io/e2e-test-images/');
  if (prog === 'nginx') return repo === 'nginx';
  if (prog === 'python' || prog === 'python3') return repo === 'python';
  if (prog === 'node') return repo === 'node';
  return SHELL_IMAGES.has(repo) && false;
}

/** The files a container sees: its mounts (ConfigMaps, Secrets, the service account) and a few of /etc. */
export function containerFiles(view: Pick<ClusterView, 'get'>, pod: KubeObject, c: KubeObject): Map<string, string> {
  const files = new Map<string, string>();
  const ns = pod.metadata.namespace!;
  const host = pod.spec?.hostname ?? pod.metadata.name!;
  files.set('/etc/hostname', `${host}\n`);
  files.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${pod.status?.podIP ?? ''}\t${host}\n`);
  files.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  for (const m of c.volumeMounts ?? []) {
    const v = (pod.spec?.volumes ?? []).find((x: KubeObject) => x.name === m.name);
    if (!v) continue;
    const base = m.mountPath.replace(/\/$/, '');
    const put = (data: Record<string, string>, items?: { key: string; path: string }[], decode = false) => {
      for (const [k, val] of Object.entries(data)) {
        const item = items?.find((i) => i.key === k);
        if (items && !item) continue;
        const text = decode ? Buffer.from(val, 'base64').toString('utf8') : val;
        if (m.subPath) {
          if ((item?.path ?? k) === m.subPath) files.set(base, text);
        } else files.set(`${base}/${item?.path ?? k}`, text);
      }
    };
    if (v.configMap) put(view.get('/configmaps', ns, v.configMap.name)?.data ?? {}, v.configMap.items);
    if (v.secret) put(view.get('/secrets', ns, v.secret.secretName)?.data ?? {}, v.secret.items, true);
    if (v.projected) {
      for (const src of v.projected.sources ?? []) {
        if (src.serviceAccountToken) files.set(`${base}/${src.serviceAccountToken.path}`, 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.eyJzdWIiOiJzaW11bGF0ZWQifQ.c2ltdWxhdGVk');
        if (src.configMap) put(view.get('/configmaps', ns, src.configMap.name)?.data ?? {}, src.configMap.items);
        if (src.secret) put(view.get('/secrets', ns, src.secret.name)?.data ?? {}, src.secret.items, true);
        if (src.downwardAPI) for (const i of src.downwardAPI.items ?? []) if (i.fieldRef?.fieldPath === 'metadata.namespace') files.set(`${base}/${i.path}`, ns);
      }
    }
    if (v.emptyDir) files.set(`${base}/`, '');
    if (v.hostPath) for (const [f, text] of hostFiles(view, pod, v.hostPath.path)) files.set(`${base}${f}`, text);
  }
  return files;
}

/**
 * What a hostPath volume shows of the node it runs on (`kubectl debug node/NAME` mounts `/` at /host): the
 * node's identity files, for the part of the host's tree the volume's path covers.
 */
function hostFiles(view: Pick<ClusterView, 'get'>, pod: KubeObject, hostPath: string): Map<string, string> {
  const nodeName = pod.spec?.nodeName ?? '';
  const node = view.get('/nodes', undefined, nodeName);
  const os = node?.status?.nodeInfo?.osImage ?? 'Ubuntu 24.04.1 LTS';
  const version = /(\d+\.\d+)/.exec(os)?.[1] ?? '24.04';
  const host = new Map<string, string>([
    ['/etc/hostname', `${nodeName}\n`],
    ['/etc/os-release', `PRETTY_NAME="${os}"\nNAME="Ubuntu"\nVERSION_ID="${version}"\nID=ubuntu\nID_LIKE=debian\n`],
    ['/var/lib/kubelet/', ''],
    ['/etc/kubernetes/', ''],
  ]);
  const root = hostPath.replace(/\/$/, '');
  const out = new Map<string, string>();
  for (const [f, text] of host) if (f.startsWith(`${root}/`)) out.set(f.slice(root.length), text);
  return out;
}

interface Resolved {
  fqdn: string;
  ip: string;
  service?: KubeObject;
}

/** Cluster DNS as CoreDNS answers it for Services (and plain IPs). */
function resolve(view: Pick<ClusterView, 'get' | 'list'>, name: string, ns: string): Resolved | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    const svc = view.list('/services').find((s) => s.spec?.clusterIP === name);
    return { fqdn: name, ip: name, service: svc };
  }
  const parts = name.replace(/\.$/, '').replace(/\.svc\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
  const svcName = parts[0];
  const svcNs = parts[1] ?? ns;
  if (parts.length > 2) return undefined;
  const svc = view.get('/services', svcNs, svcName);
  if (!svc) return undefined;
  return { fqdn: `${svcName}.${svcNs}.svc.cluster.local`, ip: svc.spec?.clusterIP ?? '', service: svc };
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** A ready endpoint of a Service port: the pod behind it and the port traffic is DNATed to. */
function readyBackends(view: Pick<ClusterView, 'get' | 'list'>, svc: KubeObject, sp: KubeObject): { ip: string; port: number; pod?: KubeObject }[] {
  const slices = view.list('discovery.k8s.io/endpointslices', svc.metadata.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  return slices.flatMap((s) => {
    const port = (s.ports ?? []).find((p: KubeObject) => (p.name ?? '') === (sp.name ?? ''))?.port ?? sp.port;
    return (s.endpoints ?? [])
      .filter((e: KubeObject) => e.conditions?.ready !== false)
      .map((e: KubeObject) => ({ ip: e.addresses?.[0] ?? '', port, pod: e.targetRef ? view.get('/pods', e.targetRef.namespace, e.targetRef.name) : undefined }));
  });
}

/** The pod as one end of a connection: its address (its node's, on the host network). */
function endpointOf(pod: KubeObject): Endpoint {
  return { ip: pod.status?.podIP ?? pod.status?.hostIP ?? '', pod };
}

/**
 * Whether the pod's DNS queries reach CoreDNS: UDP 53 to a kube-dns endpoint must get through the
 * NetworkPolicies (a default-deny egress policy without a port 53 rule makes every name lookup time out).
 */
function dnsReachable(view: Pick<ClusterView, 'get' | 'list'>, pod: KubeObject): boolean {
  const svc = view.get('/services', 'kube-system', 'kube-dns');
  const sp = (svc?.spec?.ports ?? []).find((p: KubeObject) => p.port === 53 && p.protocol === 'UDP');
  if (!svc || !sp) return true;
  const backends = readyBackends(view, svc, sp);
  if (!backends.length) return true;
  return backends.some((b) => connectionAllowed(view, endpointOf(pod), b.pod ? endpointOf(b.pod) : { ip: b.ip }, b.port, 'UDP'));
}

/** How a connection from a pod to host:port ended: established with a backend, or why not. */
type Dialed =
  | { ok: true; ip: string; backend: KubeObject; targetPort: number }
  | { ok: false; why: 'dns' | 'dns-timeout' | 'refused' | 'timeout'; ip?: string };

/**
 * A connection from a pod to host:port, as the node's network carries it: a name lookup through cluster
 * DNS, a Service's DNAT to its first ready endpoint, then the NetworkPolicies of both ends. Packets a policy
 * drops get no answer (the client times out); a Service without ready endpoints rejects at once.
 */
function dial(view: Pick<ClusterView, 'get' | 'list'>, from: KubeObject, host: string, port: number, protocol: Protocol = 'TCP'): Dialed {
  const literal = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  if (!literal && !dnsReachable(view, from)) return { ok: false, why: 'dns-timeout' };
  const r = resolve(view, host, from.metadata.namespace!);
  if (!r || !r.ip) return { ok: false, why: 'dns' };
  let ip = r.ip;
  let backend: KubeObject | undefined;
  let targetPort = port;
  if (r.service) {
    const sp = (r.service.spec?.ports ?? []).find((p: KubeObject) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    const ready = sp ? readyBackends(view, r.service, sp) : [];
    if (ip === 'None') {
      if (!ready.length) return { ok: false, why: 'dns' };
      ip = ready[0].ip;
    }
    if (!ready.length) return { ok: false, why: 'refused', ip };
    backend = ready[0].pod;
    targetPort = ready[0].port;
    if (!connectionAllowed(view, endpointOf(from), backend ? endpointOf(backend) : { ip: ready[0].ip }, targetPort, protocol)) return { ok: false, why: 'timeout', ip };
  } else {
    const owners = view.list('/pods').filter((p) => p.status?.podIP === ip && p.status?.phase === 'Running');
    backend = owners.find((p) => (p.spec?.containers ?? []).some((c: KubeObject) => imageServes(String(c.image ?? ''), port))) ?? owners[0];
    if (!connectionAllowed(view, endpointOf(from), backend ? endpointOf(backend) : { ip }, port, protocol)) return { ok: false, why: 'timeout', ip };
  }
  if (!backend || backend.status?.phase !== 'Running') return { ok: false, why: 'refused', ip };
  return { ok: true, ip, backend, targetPort };
}

/** The host, port and path of a URL as wget and curl read it (http:// by default). */
function parseURL(url: string): { host: string; hostPort: string; port: number } | undefined {
  const m = /^(?:https?:\/\/)?([^/:?#]+)(?::(\d+))?([/?#].*)?$/.exec(url);
  if (!m) return undefined;
  return { host: m[1], hostPort: m[2] ? `${m[1]}:${m[2]}` : m[1], port: Number(m[2] ?? (url.startsWith('https://') ? 443 : 80)) };
}

/** What an HTTP GET to a connected backend returns (from wget in a pod, or through port-forward): the page its image serves, or a refusal. */
export function httpBody(backend: KubeObject, targetPort: number): string | undefined {
  const image = parseImage(String(backend.spec?.containers?.[0]?.image ?? '')).repository;
  if (image === 'nginx' && targetPort === 80) return NGINX_PAGE;
  if (image === 'httpd' && targetPort === 80) return '<html><body><h1>It works!</h1></body></html>\n';
  if (image === 'kodekloud/webapp-color' && targetPort === 8080) return `<!doctype html>\n<title>Hello from Flask</title>\n<body style="background: #2980b9;"></body>\n<h2>Hello from ${backend.metadata.name}!</h2>\n`;
  if (image === 'registry.k8s.io/e2e-test-images/agnhost') return `${backend.metadata.name}`;
  return undefined;
}

/** Splits short option clusters (`-qO-`, `-m2`) and long options (`--timeout=2`) into [name, value] pairs and operands. */
function parseOptions(args: string[], withValue: string, longWithValue: string[]): { opts: [string, string][]; operands: string[] } {
  const opts: [string, string][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      opts.push([name, eq >= 0 ? a.slice(eq + 1) : longWithValue.includes(name) ? (args[++i] ?? '') : '']);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        if (withValue.includes(a[j])) {
          opts.push([a[j], a.slice(j + 1) || (args[++i] ?? '')]);
          break;
        }
        opts.push([a[j], '']);
      }
    } else operands.push(a);
  }
  return { opts, operands };
}

/** A timeout option's seconds as milliseconds (curl takes fractions), or undefined when absent. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || Number.isNaN(Number(v))) return undefined;
  return Math.round(Number(v) * 1000);
}

/** busybox nc's usage (bb_show_usage), as the 1.36.1 image prints it for missing operands. */
const NC_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n' +
  '\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n' +
  '\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n' +
  "\t-n\tDon't do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n";

/** How long the kernel keeps retrying a SYN nobody answers (tcp_syn_retries=6) before connect() fails. */
const SYN_TIMEOUT_MS = 130_213;
/** How long musl's resolver waits for a server that never answers, over the search domains. */
const RESOLVER_TIMEOUT_MS = 20_000;

/**
 * Runs a command in a container, as the kubelet's exec would: a busybox-like set of programs over the
 * container's files (its mounts), its environment, cluster DNS and HTTP to Services. Images decide which
 * programs exist (busybox has wget and nslookup; nginx has curl).
 */
export function execInContainer(view: Pick<ClusterView, 'get' | 'list'>, pod: KubeObject, c: KubeObject, argv: string[], now: number): ExecResult {
  const files = containerFiles(view, pod, c);
  const env = containerEnv(view, pod, c);
  const ns = pod.metadata.namespace!;
  let stdout = '';
  let stderr = '';
  let took = 0;
  const expand = (w: string) => w.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, v: string) => env[v] ?? '');
  const runOne = (words: string[]): number => {
    const [prog0, ...args] = words;
    if (!prog0) return 0;
    const prog = prog0.split('/').pop()!;
    if (!hasProgram(String(c.image), prog)) {
      throw Object.assign(new Error(prog0), { startError: `exec: "${prog0}": executable file not found in $PATH` });
    }
    switch (prog) {
      case 'echo':
        stdout += `${(args[0] === '-n' ? args.slice(1) : args).map(expand).join(' ')}${args[0] === '-n' ? '' : '\n'}`;
        return 0;
      case 'sleep':
        took += parseSleep(args[0]);
        return 0;
      case 'true':
      case 'mkdir':
      case 'touch':
      case 'rm':
        return 0;
      case 'false':
        return 1;
      case 'hostname':
        // a pod on the host's network sees the node's name
        stdout += `${pod.spec?.hostNetwork ? pod.spec.nodeName : (pod.spec?.hostname ?? pod.metadata.name)}\n`;
        return 0;
      case 'date':
        stdout += `${dateString(now)}\n`;
        return 0;
      case 'pwd':
        stdout += '/\n';
        return 0;
      case 'ps':
        stdout += psLines(pod, c);
        return 0;
      case 'whoami':
        stdout += 'root\n';
        return 0;
      case 'id':
        stdout += 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n';
        return 0;
      case 'uname':
        stdout += args.includes('-a') ? `Linux ${pod.metadata.name} 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n';
        return 0;
      case 'env':
      case 'printenv': {
        if (args[0]) {
          if (!(args[0] in env)) return 1;
          stdout += `${env[args[0]]}\n`;
          return 0;
        }
        stdout += Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join('');
        return 0;
      }
      case 'cat': {
        let code = 0;
        for (const f of args) {
          const content = files.get(f);
          if (content === undefined) {
            stderr += `cat: can't open '${f}': No such file or directory\n`;
            code = 1;
          } else stdout += content;
        }
        return code;
      }
      case 'ls': {
        const dir = (args.filter((a) => !a.startsWith('-'))[0] ?? '/').replace(/\/$/, '');
        const names = new Set<string>();
        for (const path of files.keys()) if (path.startsWith(`${dir}/`)) names.add(path.slice(dir.length + 1).split('/')[0]);
        if (!names.size && !files.has(dir)) {
          stderr += `ls: ${dir}: No such file or directory\n`;
          return 1;
        }
        stdout += [...names].filter(Boolean).sort().map((n) => `${n}\n`).join('');
        return 0;
      }
      case 'nslookup': {
        const name = args.filter((a) => !a.startsWith('-'))[0] ?? '';
        if (!dnsReachable(view, pod)) {
          // busybox waits -timeout (5 s) for each server of resolv.conf, and prints the header only once one answered
          took += (seconds(args.map((a) => /^-(?:t|timeout)=(.*)$/.exec(a)?.[1]).filter(Boolean).pop()) ?? 5000);
          stdout += ';; connection timed out; no servers could be reached\n\n';
          return 1;
        }
        const r = resolve(view, name, ns);
        stdout += 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
        if (!r || !r.ip || r.ip === 'None') {
          const fq = name.includes('.') ? name : `${name}.${ns}.svc.cluster.local`;
          stdout += `** server can't find ${fq}: NXDOMAIN\n\n`;
          return 1;
        }
        stdout += `Name:\t${r.fqdn}\nAddress: ${r.ip}\n\n`;
        return 0;
      }
      case 'wget': {
        const { opts, operands } = parseOptions(args, 'OoPYUTt', ['output-document', 'output-file', 'directory-prefix', 'proxy', 'user-agent', 'timeout', 'tries', 'header', 'post-data', 'post-file']);
        const opt = (...names: string[]) => opts.filter(([k]) => names.includes(k)).pop()?.[1];
        const quiet = opts.some(([k]) => k === 'q' || k === 'quiet');
        const url = operands[0] ?? '';
        const u = parseURL(url) ?? { host: url, hostPort: url, port: 80 };
        const d = dial(view, pod, u.host, u.port);
        if (!d.ok && (d.why === 'dns' || d.why === 'dns-timeout')) {
          if (d.why === 'dns-timeout') took += RESOLVER_TIMEOUT_MS;
          stderr += `wget: bad address '${u.hostPort}'\n`;
          return 1;
        }
        if (!quiet) stderr += `Connecting to ${u.hostPort} (${d.ip}:${u.port})\n`;
        const body = d.ok ? httpBody(d.backend, d.targetPort) : undefined;
        if (!d.ok && d.why === 'timeout') {
          // -T arms an alarm around connect(); without it (900 s) the kernel gives up on the SYN first
          const timeout = seconds(opt('T', 'timeout'));
          const alarm = !!timeout && timeout < SYN_TIMEOUT_MS;
          took += alarm ? timeout : SYN_TIMEOUT_MS;
          stderr += alarm ? 'wget: download timed out\n' : `wget: can't connect to remote host (${d.ip}): Connection timed out\n`;
          return 1;
        }
        if (body === undefined) {
          stderr += `wget: can't connect to remote host (${d.ip}): Connection refused\n`;
          return 1;
        }
        if (opt('O', 'output-document') === '-') stdout += body;
        else if (!quiet) stderr += `saving to 'index.html'\nindex.html           100% |********************************|   ${body.length}  0:00:00 ETA\n'index.html' saved\n`;
        return 0;
      }
      case 'curl': {
        const { opts, operands } = parseOptions(args, 'moHXdwuAeEbcxrTKUYyzCQF', ['max-time', 'connect-timeout', 'output', 'header', 'request', 'data', 'data-raw', 'data-binary', 'write-out', 'user', 'user-agent', 'referer', 'cookie', 'proxy', 'resolve', 'retry', 'form', 'url']);
        const opt = (...names: string[]) => opts.filter(([k]) => names.includes(k)).pop()?.[1];
        const silent = opts.some(([k]) => k === 's' || k === 'silent') && !opts.some(([k]) => k === 'S' || k === 'show-error');
        const limits = [seconds(opt('m', 'max-time')), seconds(opt('connect-timeout'))].filter((x): x is number => !!x);
        const limit = limits.length ? Math.min(...limits) : undefined;
        const url = opt('url') ?? operands[0] ?? '';
        const u = parseURL(url) ?? { host: url, hostPort: url, port: 80 };
        const d = dial(view, pod, u.host, u.port);
        const fail = (code: number, message: string) => {
          if (!silent) stderr += `curl: (${code}) ${message}\n`;
          return code;
        };
        if (!d.ok) {
          switch (d.why) {
            case 'dns':
              return fail(6, `Could not resolve host: ${u.host}`);
            case 'dns-timeout':
              // musl's resolver tries each search domain for 5 s before curl hears "no such host"
              took += limit !== undefined && limit < RESOLVER_TIMEOUT_MS ? limit : RESOLVER_TIMEOUT_MS;
              return limit !== undefined && limit < RESOLVER_TIMEOUT_MS ? fail(28, `Resolving timed out after ${limit + 2} milliseconds`) : fail(6, `Could not resolve host: ${u.host}`);
            case 'timeout':
              // a connect() that failed with ETIMEDOUT is reported as a timeout (28), with the connect message
              took += limit !== undefined && limit < SYN_TIMEOUT_MS ? limit : SYN_TIMEOUT_MS;
              return limit !== undefined && limit < SYN_TIMEOUT_MS ? fail(28, `Connection timed out after ${limit + 2} milliseconds`) : fail(28, `Failed to connect to ${u.host} port ${u.port} after ${SYN_TIMEOUT_MS} ms: Couldn't connect to server`);
          }
        }
        const body = d.ok ? httpBody(d.backend, d.targetPort) : undefined;
        if (body === undefined) return fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
        stdout += body;
        return 0;
      }
      case 'nc': {
        // busybox's nc is netcat 1.10 (NC_110_COMPAT): -z scans, -v reports, -w bounds the connect
        const { opts, operands } = parseOptions(args, 'pswio', []);
        if (opts.some(([k]) => k === 'l')) return 0;
        const verbose = opts.filter(([k]) => k === 'v').length;
        const udp = opts.some(([k]) => k === 'u');
        const [host, portArg] = operands;
        if (!host || !portArg) {
          stderr += NC_USAGE;
          return 1;
        }
        const port = /^\d+$/.test(portArg) ? Number(portArg) : ({ http: 80, https: 443 } as Record<string, number>)[portArg] ?? 0;
        const d = dial(view, pod, host, port, udp ? 'UDP' : 'TCP');
        if (!d.ok && (d.why === 'dns' || d.why === 'dns-timeout')) {
          if (d.why === 'dns-timeout') took += RESOLVER_TIMEOUT_MS;
          stderr += `nc: bad address '${host}'\n`;
          return 1;
        }
        const dotted = `${d.ip}:${port}`;
        // a UDP "connect" always succeeds: nothing answers to say otherwise
        const open = udp || (d.ok && (d.backend.spec?.containers ?? []).some((c: KubeObject) => imageServes(String(c.image ?? ''), d.targetPort)));
        let code = 0;
        if (open) {
          if (verbose) stderr += `${host} (${dotted}) open\n`;
        } else {
          code = 1;
          const timedOut = !d.ok && d.why === 'timeout';
          if (timedOut) {
            const w = seconds(opts.filter(([k]) => k === 'w').pop()?.[1]);
            took += w && w < SYN_TIMEOUT_MS ? w : SYN_TIMEOUT_MS;
          }
          // one -v does not report refusals, two do
          if (verbose > 1 || (verbose && timedOut)) stderr += `nc: ${host} (${dotted}): ${timedOut ? 'Connection timed out' : 'Connection refused'}\n`;
        }
        if (verbose > 1) stderr += 'sent 0, rcvd 0\n';
        return code;
      }
      case 'sh':
      case 'bash': {
        const i = args.indexOf('-c');
        if (i < 0) return 0;
        return runScript(args[i + 1] ?? '');
      }
      default:
        return 0;
    }
  };
  const runScript = (script: string): number => {
    let code = 0;
    for (const chunk of script.split(/\s*;\s*|\n/)) {
      const parts = chunk.split(/\s*(&&|\|\|)\s*/);
      let op = '';
      for (const part of parts) {
        if (part === '&&' || part === '||') {
          op = part;
          continue;
        }
        if ((op === '&&' && code !== 0) || (op === '||' && code === 0)) continue;
        // `a | head -n 1`: what follows a pipe filters what the first command printed
        const [first, ...filters] = part.split(/\s*\|\s*/);
        const words = splitWords(first.trim());
        if (words[0] === 'exit') return Number(words[1] ?? code) || 0;
        const mark = stdout.length;
        code = runOne(words);
        if (filters.length) stdout = stdout.slice(0, mark) + filters.reduce((text, f) => filter(text, splitWords(f.trim())), stdout.slice(mark));
      }
    }
    return code;
  };
  try {
    const code = runOne(argv);
    return { stdout, stderr, code, took };
  } catch (e) {
    const startError = (e as { startError?: string }).startError;
    if (startError) return { stdout, stderr, code: 126, startError, took };
    throw e;
  }
}
