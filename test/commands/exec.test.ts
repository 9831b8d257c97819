import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('exec runs commands in a simulated container: files, env, DNS and HTTP through a Service', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const k = client.kinds;
  await client.create(k.forKind('ConfigMap')!, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'fast' } });
  await client.create(k.forKind('Pod')!, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'box', namespace: 'default' },
    spec: {
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
      containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'GREETING', value: 'hi' }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] }],
    },
  });
  await client.create(k.forKind('Deployment', 'apps')!, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  const svc = await client.create(k.forKind('Service')!, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await c.engine.sync();
  c.advance(10_000);
  await c.engine.sync();
  const cases = [
    { args: 'exec box -- cat /etc/cfg/mode', out: 'fast', err: '', code: 0 },
    { args: 'exec box -- printenv GREETING', out: 'hi\n', err: '', code: 0 },
    { args: 'exec box -- cat /etc/nope', out: '', err: "cat: can't open '/etc/nope': No such file or directory\ncommand terminated with exit code 1\n", code: 1 },
    { args: 'exec box -- nslookup web', out: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svc.spec.clusterIP}\n\n`, err: '', code: 0 },
    { args: 'exec box -- sh -c "exit 3"', out: '', err: 'command terminated with exit code 3\n', code: 3 },
    { args: 'exec box ls', out: '', err: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", code: 1 },
    { args: 'exec box', out: '', err: 'error: you must specify at least one command for the container\n', code: 1 },
    { args: 'exec nope -- ls', out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 },
  ];
  for (const k2 of cases) {
    const r = await kubectl(c.engine, k2.args);
    t.same([r.stdout, r.stderr, r.code], [k2.out, k2.err, k2.code], k2.args);
  }
  const page = await kubectl(c.engine, 'exec box -- wget -qO- http://web');
  t.match(page.stdout, /<title>Welcome to nginx!<\/title>/, 'the Service leads to a ready nginx pod');
  await client.delete(k.forKind('Deployment', 'apps')!, 'default', 'web');
  await c.engine.sync();
  c.advance(5000);
  await c.engine.sync();
  const refused = await kubectl(c.engine, 'exec box -- wget -qO- http://web');
  t.equal(refused.stderr, `wget: can't connect to remote host (${svc.spec.clusterIP}): Connection refused\ncommand terminated with exit code 1\n`, 'no endpoints: refused');
  const curl = await kubectl(c.engine, 'exec box -- curl web');
  t.match(curl.stderr, /^error: Internal error occurred: error executing command in container: .*exec: "curl": executable file not found in \$PATH: unknown\n$/, 'busybox has no curl');
});

t.test('a command in a container takes its time: sleeps and the timeouts a blocked network makes it wait out', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, opts: { stdin?: string; terminal?: boolean; signal?: AbortSignal } = {}) => kubectl(c.engine, line, opts);
  await k('create deployment web --image=nginx');
  await k('expose deployment web --port=80');
  await k('run box --image=busybox -- sleep 3600');
  c.advance(10_000);
  await c.engine.sync();
  const timed = async (line: string, opts: { stdin?: string; terminal?: boolean } = {}) => {
    const before = c.engine.clock.now();
    const r = await k(line, opts);
    return { ...r, ms: c.engine.clock.now() - before };
  };
  t.match(await timed('exec box -- sleep 5'), { code: 0, ms: 5000 }, 'sleep 5 returns five seconds later');
  t.match(await timed('exec box -- sh -c "sleep 1; sleep 2m; echo done"'), { stdout: 'done\n', ms: 121_000 });
  t.match(await timed('exec box -- wget -qO- -T 2 web'), { code: 0, ms: 0 }, 'an answer comes at once');

  await c.engine.client().create(c.engine.client().kinds.forKind('NetworkPolicy', 'networking.k8s.io')!, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'default' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
  });
  t.match(await timed('exec box -- wget -qO- -T 2 web'), { stderr: 'wget: download timed out\ncommand terminated with exit code 1\n', ms: 2000 }, '-T 2: two seconds, then the alarm');
  t.match(await timed('exec box -- wget -qO- web'), { stderr: /Connection timed out/, ms: 130_213 }, 'no -T: the kernel gives up on the SYN after about 130 s');
  t.match(await timed('exec box -- curl -m 3 web'), { ms: 0 }, 'busybox has no curl: nothing to wait for');
  t.match(await timed('exec box -- nc -w 4 web 80'), { code: 1, ms: 4000 });
  t.match(await timed('exec -it box -- sh', { terminal: true, stdin: 'wget -qO- -T 3 web\nsleep 1\nexit\n' }), { stdout: /download timed out/, ms: 4000 }, 'a session waits for each line');

  const ac = new AbortController();
  const stopped = await kubectl(c.engine, 'exec box -- sleep 60', { signal: ac.signal, sleep: async (ms) => { c.engine.shiftClock(Math.min(ms, 5000)); ac.abort(); } });
  t.same(stopped, { stdout: '', stderr: '', code: 130 }, 'Ctrl-C while it runs: kubectl goes at once');
});
