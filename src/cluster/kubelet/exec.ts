import type { KubeObject } from '../api/types.js';
import type { ClusterView } from '../view.js';
import { dateString, filter } from './shell.js';
import { parseImage } from './images.js';
import { containerEnv } from './containerEnv.js';
import { splitWords } from '../meta/words.js';

/** What a command run in a container (`kubectl exec`) printed and how it ended. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
  /** the runtime could not start the command at all (no such binary) */
  startError?: string;
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
  }
  return files;
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

/** What an HTTP GET to host:port returns inside the cluster: a ready backend's page, or a refusal. */
function httpGet(view: Pick<ClusterView, 'get' | 'list'>, url: string, ns: string): { ok: true; body: string } | { ok: false; why: 'dns' | 'refused'; host: string; ip?: string; port: number } {
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { ok: false, why: 'dns', host: url, port: 80 };
  const host = m[1];
  const port = Number(m[2] ?? 80);
  const r = resolve(view, host, ns);
  const pod = view.list('/pods').find((p) => p.status?.podIP === host);
  if (!r && !pod) return { ok: false, why: 'dns', host, port };
  let backend: KubeObject | undefined;
  let targetPort = port;
  if (r?.service) {
    const sp = (r.service.spec?.ports ?? []).find((p: KubeObject) => p.port === port);
    if (!sp) return { ok: false, why: 'refused', host, ip: r.ip, port };
    const slices = view.list('discovery.k8s.io/endpointslices', r.service.metadata.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === r.service!.metadata.name);
    const ready = slices.flatMap((s) => (s.endpoints ?? []).filter((e: KubeObject) => e.conditions?.ready !== false).map((e: KubeObject) => ({ e, port: (s.ports ?? []).find((p: KubeObject) => (p.name ?? '') === (sp.name ?? ''))?.port })));
    if (!ready.length) return { ok: false, why: 'refused', host, ip: r.ip, port };
    const first = ready[0];
    backend = view.get('/pods', first.e.targetRef?.namespace, first.e.targetRef?.name);
    targetPort = first.port ?? port;
  } else backend = pod;
  if (!backend || backend.status?.phase !== 'Running') return { ok: false, why: 'refused', host, ip: r?.ip ?? host, port };
  const image = parseImage(String(backend.spec?.containers?.[0]?.image ?? '')).repository;
  if (image === 'nginx' && targetPort === 80) return { ok: true, body: NGINX_PAGE };
  if (image === 'httpd' && targetPort === 80) return { ok: true, body: '<html><body><h1>It works!</h1></body></html>\n' };
  if (image === 'kodekloud/webapp-color' && targetPort === 8080) return { ok: true, body: `<!doctype html>\n<title>Hello from Flask</title>\n<body style="background: #2980b9;"></body>\n<h2>Hello from ${backend.metadata.name}!</h2>\n` };
  if (image === 'registry.k8s.io/e2e-test-images/agnhost') return { ok: true, body: `${backend.metadata.name}` };
  return { ok: false, why: 'refused', host, ip: r?.ip ?? host, port };
}


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
      case 'true':
      case 'sleep':
      case 'mkdir':
      case 'touch':
      case 'rm':
        return 0;
      case 'false':
        return 1;
      case 'hostname':
        stdout += `${pod.spec?.hostname ?? pod.metadata.name}\n`;
        return 0;
      case 'date':
        stdout += `${dateString(now)}\n`;
        return 0;
      case 'pwd':
        stdout += '/\n';
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
        const name = args[0] ?? '';
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
        const url = args.filter((a) => !a.startsWith('-') && a !== '-'  && a !== 'O' ).pop() ?? '';
        const r = httpGet(view, url, ns);
        const quiet = args.some((a) => a.startsWith('-q'));
        if (!r.ok) {
          stderr += r.why === 'dns' ? `wget: bad address '${r.host}:${r.port}'\n` : `wget: can't connect to remote host (${r.ip}): Connection refused\n`;
          return 1;
        }
        if (args.some((a) => a === '-O-' || a === '-qO-' || a === '-O' || a.endsWith('O-'))) stdout += r.body;
        else if (!quiet) stderr += `Connecting to ${url}\nsaving to 'index.html'\nindex.html           100% |********************************|   ${r.body.length}  0:00:00 ETA\n'index.html' saved\n`;
        return 0;
      }
      case 'curl': {
        const url = args.filter((a) => !a.startsWith('-')).pop() ?? '';
        const r = httpGet(view, url, ns);
        if (!r.ok) {
          stderr += r.why === 'dns' ? `curl: (6) Could not resolve host: ${r.host}\n` : `curl: (7) Failed to connect to ${r.host} port ${r.port} after 0 ms: Couldn't connect to server\n`;
          return r.why === 'dns' ? 6 : 7;
        }
        stdout += r.body;
        return 0;
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
    return { stdout, stderr, code };
  } catch (e) {
    const startError = (e as { startError?: string }).startError;
    if (startError) return { stdout, stderr, code: 126, startError };
    throw e;
  }
}
