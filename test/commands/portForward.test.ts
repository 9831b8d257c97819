import http from 'node:http';
import net from 'node:net';
import t from 'tap';
import { newTestCluster, settle, type TestCluster } from '../helpers/cluster.js';
import { kubectl, splitArgs } from '../helpers/kubectl.js';
import { cli, cliSpawn } from '../helpers/cli.js';
import { localGoldens } from '../helpers/golden.js';
import { runKubectl } from '../../src/commands/kubectl.js';
import type { Engine } from '../../src/cluster/engine.js';
import type { KubeObject } from '../../src/cluster/api/types.js';
import { convertPodNamedPortToNumber, parseAddresses, parsePorts, translateServicePortToTargetPort } from '../../src/commands/portForward/ports.js';

/** Whether this machine has an IPv6 loopback: kubectl's `localhost` then listens on [::1] too. */
const ipv6 = await new Promise<boolean>((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(false));
  s.listen({ host: '::1', port: 0, ipv6Only: true }, () => s.close(() => resolve(true)));
});

/** The lines kubectl prints as it starts forwarding local port `port` to `remote` on localhost. */
const forwarding = (port: number, remote: number) => `Forwarding from 127.0.0.1:${port} -> ${remote}\n${ipv6 ? `Forwarding from [::1]:${port} -> ${remote}\n` : ''}`;

/** A port-forward running in-process: what it printed so far, a wait for a line, Ctrl-C, and its end. */
function start(engine: Engine, args: string) {
  const ac = new AbortController();
  const seen = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const io = {
    out: (s: string) => ((seen.stdout += s), wake()),
    err: (s: string) => ((seen.stderr += s), wake()),
    isTTY: false,
  };
  const done = runKubectl(splitArgs(args), {
    io,
    engine,
    env: { ...process.env, KUBECADET_HOME: '/nonexistent-kubecadet-home' },
    signal: ac.signal,
    sleep: async (ms) => engine.shiftClock(ms),
  }).then((code) => {
    ended = true;
    wake();
    return { ...seen, code };
  });
  let ended = false;
  /** Resolves with the match once stdout or stderr matches `re`; fails if the command ends first. */
  const until = async (re: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const m = re.exec(seen.stdout) ?? re.exec(seen.stderr);
      if (m) return m;
      if (ended) throw new Error(`ended without ${re}: ${JSON.stringify(seen)}`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { seen, until, done, stop: () => ac.abort() };
}

/** GETs a path on localhost:port over the agent's connections, answering status and body. */
function get(port: number, agent?: http.Agent, path = '/'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** A cluster with a Deployment `web` (nginx, its port named http) behind Service `web` (8080 -> http), and a busybox pod. */
async function withWeb(): Promise<{ c: TestCluster; k: (args: string) => ReturnType<typeof kubectl>; pod: string }> {
  const c = await newTestCluster();
  const k = (args: string) => kubectl(c.engine, args);
  const client = c.engine.client();
  await client.create(client.kinds.forKind('Deployment', 'apps')!, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } },
    },
  });
  await client.create(client.kinds.forKind('Service')!, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 8080, targetPort: 'http' }, { name: 'dns', port: 53, protocol: 'UDP' }] },
  });
  await k('run box --image=busybox -- sleep 3600');
  await k('run cache --image=redis');
  await settle(c.engine, c.clock, '20s');
  const pod = (await k('get pods -l app=web -o name')).stdout.trim().replace('pod/', '');
  return { c, k, pod };
}

t.test('port-forward svc/web: the Service port maps to the pod\'s named targetPort; kept-alive requests get what wget in the cluster gets', async (t) => {
  const { c, k, pod } = await withWeb();
  const inCluster = await k('exec box -- wget -qO- web:8080');
  t.match(inCluster.stdout, /<title>Welcome to nginx!<\/title>/, 'the page nginx serves in the cluster');
  const pf = start(c.engine, 'port-forward svc/web :8080');
  const port = Number((await pf.until(/^Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/))[1]);
  t.ok(port > 0, 'a random local port');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = await get(port, agent);
  const second = await get(port, agent, '/index.html');
  agent.destroy();
  t.same([first.status, first.body], [200, inCluster.stdout], 'the same page through the forwarded port');
  t.same([second.status, second.body], [200, inCluster.stdout], 'a second request on the same connection');
  t.equal(first.headers['content-length'], String(Buffer.byteLength(inCluster.stdout)));
  t.equal(first.headers.connection, 'keep-alive');
  pf.stop();
  const r = await pf.done;
  t.same(r, { stdout: `${forwarding(port, 80)}Handling connection for ${port}\n`, stderr: '', code: 0 }, 'one connection for both requests; Ctrl-C ends it with 0');
  await t.rejects(get(port), { code: 'ECONNREFUSED' }, 'the port is closed after Ctrl-C');
  void pod;
});

t.test('port-forward deploy/web with several ports, past a NetworkPolicy; a port nobody listens on ends the session with the kubelet\'s error', async (t) => {
  const { c, k } = await withWeb();
  // no ingress to the web pods from the pod network: port-forward enters the pod's own network namespace, so it still reaches them
  const client = c.engine.client();
  await client.create(client.kinds.forKind('NetworkPolicy', 'networking.k8s.io')!, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'default' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
  });
  t.equal((await k('exec box -- wget -T 2 -qO- web:8080')).stderr, 'wget: download timed out\ncommand terminated with exit code 1\n', 'the policy drops traffic from other pods');
  const pf = start(c.engine, 'port-forward deployment/web :http :81');
  const m = await pf.until(/Forwarding from 127\.0\.0\.1:(\d+) -> 80\n[^]*Forwarding from 127\.0\.0\.1:(\d+) -> 81\n/);
  const [web, closed] = [Number(m[1]), Number(m[2])];
  t.equal((await get(web)).status, 200, 'port 80 answers');
  // the connection to port 81 is accepted locally, then closed without an answer
  const reply = await new Promise<string>((resolve) => {
    const s = net.connect(closed, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('error', () => undefined);
    s.on('close', () => resolve(got));
  });
  t.equal(reply, '', 'no answer on a port the container does not listen on');
  const r = await pf.done;
  t.equal(r.stdout, `${forwarding(web, 80)}${forwarding(closed, 81)}Handling connection for ${web}\nHandling connection for ${closed}\n`);
  t.match(
    r.stderr,
    new RegExp(
      `^E\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ portforward\\.go:424\\] "Unhandled Error" err="an error occurred forwarding ${closed} -> 81: error forwarding port 81 to pod ([0-9a-f]{64}), uid : failed to execute portforward in network namespace \\\\"/var/run/netns/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\\\": failed to connect to localhost:81 inside namespace \\\\"\\1\\\\", IPv4: dial tcp4 127\\.0\\.0\\.1:81: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address found "\nerror: lost connection to pod\n$`,
    ),
  );
  t.equal(r.code, 1);
});

t.test('a server that does not speak HTTP drops the request, and forwarding goes on', async (t) => {
  const { c } = await withWeb();
  const pf = start(c.engine, 'port-forward cache :6379');
  const port = Number((await pf.until(/^Forwarding from 127\.0\.0\.1:(\d+) -> 6379\n/))[1]);
  for (let i = 0; i < 2; i++) {
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d));
      s.on('close', () => resolve(got));
    });
    t.equal(reply, '', 'closed without an answer');
  }
  pf.stop();
  t.same(await pf.done, { stdout: `${forwarding(port, 6379)}Handling connection for ${port}\nHandling connection for ${port}\n`, stderr: '', code: 0 });
});

t.test('port-forward ends with "lost connection to pod" when the pod goes away', async (t) => {
  const { c, k, pod } = await withWeb();
  const pf = start(c.engine, `port-forward pod/${pod} :80`);
  await pf.until(/Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
  await k(`delete pod ${pod} --grace-period=0 --force`);
  const r = await pf.done;
  t.same([r.stderr, r.code], ['error: lost connection to pod\n', 1]);
});

t.test('errors before forwarding read like kubectl', async (t) => {
  const { c, k, pod } = await withWeb();
  const client = c.engine.client();
  await client.create(client.kinds.forKind('Service')!, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plain', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
  await k('create deployment empty --image=nginx --replicas=0');
  // no node has the label: the pod stays Pending
  await client.create(client.kinds.forKind('Pod')!, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck', namespace: 'default' }, spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
  await k('create configmap cfg');
  await settle(c.engine, c.clock, '4s');
  const cases = [
    { args: `port-forward ${pod} 70000`, err: `error: error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range\n` },
    { args: `port-forward ${pod} abc:80`, err: `error: error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax\n` },
    { args: `port-forward ${pod} 8080:0`, err: 'error: remote port must be > 0\n' },
    // the UDP check looks the empty name up first: only a pod with an unnamed port gets to the emptiness check
    { args: `port-forward ${pod} 8080:`, err: `error: Pod '${pod}' does not have a named port ''\n` },
    { args: 'port-forward stuck 8080:', err: 'error: remote port cannot be empty\n' },
    { args: `port-forward ${pod} :nope`, err: `error: Pod '${pod}' does not have a named port 'nope'\n` },
    { args: `port-forward ${pod} :80 --address nowhere`, err: 'error: nowhere is not a valid IP\n' },
    { args: 'port-forward svc/web 9999', err: 'error: Service web does not have a service port 9999\n' },
    { args: 'port-forward svc/web :https', err: "error: Service 'web' does not have a named port 'https'\n" },
    { args: 'port-forward svc/web :53', err: 'error: UDP protocol is not supported for 53\n' },
    { args: 'port-forward svc/plain :80', err: "error: cannot attach to *v1.Service: invalid service 'plain': Service is defined without a selector\n" },
    { args: 'port-forward cm/cfg :80', err: 'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n' },
    { args: 'port-forward foo/web :80', err: 'error: the server doesn\'t have a resource type "foo"\n' },
    { args: 'port-forward nope :80', err: 'Error from server (NotFound): pods "nope" not found\n' },
    { args: 'port-forward stuck :80', err: 'error: unable to forward port because pod is not running. Current status=Pending\n' },
    { args: 'port-forward deploy/empty :80 --pod-running-timeout=3s', err: 'error: timed out waiting for the condition\n' },
  ];
  for (const x of cases) t.same(await k(x.args), { stdout: '', stderr: x.err, code: 1 }, x.args);
  // the recordings of the real kubectl, for what it decides before asking the server
  for (const g of localGoldens(['port-forward-'])) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
});

t.test('a local port already in use: kubectl\'s listener errors, and localhost needs only one of its addresses', async (t) => {
  const { c, pod } = await withWeb();
  const taken = await new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen({ host: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  t.teardown(() => void taken.close());
  const port = (taken.address() as net.AddressInfo).port;
  const only4 = start(c.engine, `port-forward ${pod} ${port}:80 --address 127.0.0.1`);
  t.same(await only4.done, {
    stdout: '',
    stderr: `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${port} 80}]\n`,
    code: 1,
  });
  const local = start(c.engine, `port-forward ${pod} ${port}:80`);
  if (ipv6) {
    // 127.0.0.1 is taken, [::1] is free: enough for localhost, and nothing is said about the other
    await local.until(/Forwarding from \[::1\]:\d+ -> 80\n/);
    local.stop();
    t.same(await local.done, { stdout: `Forwarding from [::1]:${port} -> 80\n`, stderr: '', code: 0 });
  } else {
    t.same(await local.done, {
      stdout: '',
      stderr: `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${port}: bind: cannot assign requested address]\nerror: unable to listen on any of the requested ports: [{${port} 80}]\n`,
      code: 1,
    });
  }
});

t.test('port-forward is the request create pods/portforward, which RBAC must allow', async (t) => {
  const { c, k, pod } = await withWeb();
  await k('create role reader --verb=get,list --resource=pods');
  await k('create rolebinding reader --role=reader --user=jane');
  t.same(await k(`port-forward ${pod} :80 --as jane`), {
    stdout: '',
    stderr: `error: error upgrading connection: pods "${pod}" is forbidden: User "jane" cannot create resource "pods/portforward" in API group "" in the namespace "default"\n`,
    code: 1,
  });
  await k('create role forwarder --verb=create --resource=pods/portforward');
  await k('create rolebinding forwarder --role=forwarder --user=jane');
  const pf = start(c.engine, `port-forward ${pod} :80 --as jane`);
  const port = Number((await pf.until(/Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/))[1]);
  t.equal((await get(port)).status, 200, 'granted: it forwards');
  pf.stop();
  t.equal((await pf.done).code, 0);
});

t.test('port specs as kubectl and client-go read them', async (t) => {
  t.same(parsePorts(['5000', '8888:5000', ':5000', '0:5000']), [
    { local: 5000, remote: 5000 },
    { local: 8888, remote: 5000 },
    { local: 0, remote: 5000 },
    { local: 0, remote: 5000 },
  ]);
  t.throws(() => parsePorts(['1:2:3']), { message: "invalid port format '1:2:3'" });
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }] } };
  t.same(convertPodNamedPortToNumber(['http', '9000:http', '1:2:3'], pod), ['8080', '9000:8080', '1'], 'kubectl reads 1:2:3 as 1');
  const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'web', port: 80, targetPort: 'http' }, { port: 443, targetPort: 8443 }] } };
  t.same(translateServicePortToTargetPort(['web', '80', '9000:443'], svc, pod), ['80:8080', '80:8080', '9000:8443'], 'a named Service port alone listens on its number locally');
  t.same(translateServicePortToTargetPort(['80'], { ...svc, spec: { ...svc.spec, clusterIP: 'None' } }, pod), ['80'], 'a headless Service keeps the port');
  t.same(
    parseAddresses(['localhost', '0.0.0.0', '::']).map((a) => `${a.address} ${a.protocol} ${a.failureMode}`),
    ['0.0.0.0 tcp4 any', '127.0.0.1 tcp4 all', ':: tcp6 any', '::1 tcp6 all'],
    'sorted by address, as client-go does',
  );
});

t.test('kubecadet kubectl port-forward: forwards until Ctrl-C, then exits 0 as kubectl does', async (t) => {
  const home = t.testdir();
  t.equal(cli(home, ['kubectl', 'run', 'web', '--image=nginx']).stdout, 'pod/web created\n');
  t.equal(cli(home, ['cluster', 'advance', '30s']).code, 0, 'the pod has had time to start');
  const child = cliSpawn(home, ['kubectl', 'port-forward', 'pod/web', ':80']);
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/.exec(stdout);
      if (m && stdout.endsWith('\n') && (!ipv6 || stdout.includes('[::1]'))) resolve(Number(m[1]));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', () => reject(new Error(`ended: ${stdout} ${stderr}`)));
  });
  const page = await get(port);
  t.match(page.body, /<title>Welcome to nginx!<\/title>/);
  await new Promise<void>((resolve) => {
    const check = () => (stdout.includes('Handling connection') ? resolve() : child.stdout.once('data', check));
    check();
  });
  child.kill('SIGINT');
  t.equal(await exited, 0);
  t.equal(stdout, `${forwarding(port, 80)}Handling connection for ${port}\n`);
  t.equal(stderr, '');
});
