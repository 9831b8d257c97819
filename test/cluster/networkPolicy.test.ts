import t, { type Test } from 'tap';
import { newTestCluster, type TestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

const NGINX_TITLE = /<title>Welcome to nginx!<\/title>/;
/** A spec or a fragment of one, as a manifest would hold it. */
type Fields = Record<string, unknown>;

const TERMINATED = 'command terminated with exit code';

/**
 * A cluster with `web` (nginx behind Service `web`, container port 80 named http) and clients in three
 * namespaces: default (client role=client, other), prod (env=prod: prodclient role=client, prodother), dev
 * (devclient role=client); curler is a curl image with role=client in default.
 */
async function setup(): Promise<{ c: TestCluster; ip: Record<string, string>; policy: (ns: string, name: string, spec: Fields) => Promise<void>; drop: (ns: string, name: string) => Promise<void> }> {
  const c = await newTestCluster();
  const client = c.engine.client();
  const k = client.kinds;
  for (const [name, labels] of [
    ['prod', { env: 'prod' }],
    ['dev', {}],
  ] as const)
    await client.create(k.forKind('Namespace')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const pod = (ns: string, name: string, labels: Record<string, string>, image: string, extra: Fields = {}) =>
    client.create(k.forKind('Pod')!, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels },
      spec: { containers: [{ name, image, command: image === 'nginx' ? undefined : ['sleep', '3600'], ...extra }] },
    });
  await pod('default', 'web', { app: 'web' }, 'nginx', { ports: [{ name: 'http', containerPort: 80 }] });
  await pod('default', 'client', { role: 'client' }, 'busybox:1.36');
  await pod('default', 'other', {}, 'busybox:1.36');
  await pod('default', 'curler', { role: 'client' }, 'curlimages/curl');
  await pod('prod', 'prodclient', { role: 'client' }, 'busybox:1.36');
  await pod('prod', 'prodother', {}, 'busybox:1.36');
  await pod('dev', 'devclient', { role: 'client' }, 'busybox:1.36');
  await client.create(k.forKind('Pod')!, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hostbox', namespace: 'default', labels: { role: 'client' } },
    spec: { hostNetwork: true, containers: [{ name: 'hostbox', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });
  await client.create(k.forKind('Service')!, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await c.engine.sync();
  c.advance(10_000);
  await c.engine.sync();
  const np = k.forKind('NetworkPolicy', 'networking.k8s.io')!;
  const ip: Record<string, string> = {
    svc: client.get(k.forKind('Service')!, 'default', 'web').spec.clusterIP,
    web: client.get(k.forKind('Pod')!, 'default', 'web').status.podIP,
    client: client.get(k.forKind('Pod')!, 'default', 'client').status.podIP,
  };
  return {
    c,
    ip,
    policy: async (ns, name, spec) => {
      await client.create(np, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
    },
    drop: async (ns, name) => {
      await client.delete(np, ns, name);
    },
  };
}

/** Runs `kubectl exec` lines and compares [stdout, stderr, code] with what each should print. */
async function expectAll(t: Test, c: TestCluster, cases: [string, string | RegExp, string, number][]): Promise<void> {
  for (const [args, out, err, code] of cases) {
    const r = await kubectl(c.engine, `exec ${args}`);
    if (out instanceof RegExp) t.same([out.test(r.stdout), r.stderr, r.code], [true, err, code], args);
    else t.same([r.stdout, r.stderr, r.code], [out, err, code], args);
  }
}

t.test('ingress: default deny, then allow from labelled pods, namespaces (AND vs OR), and from the pod itself', async (t) => {
  const { c, ip, policy, drop } = await setup();
  const denied = `wget: download timed out\n${TERMINATED} 1\n`;
  await expectAll(t, c, [['client -- wget -qO- --timeout=2 http://web', NGINX_TITLE, '', 0]]);

  await policy('default', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
  await expectAll(t, c, [
    ['client -- wget -qO- --timeout=2 http://web', '', denied, 1],
    ['client -- wget -qO- -T 2 http://web', '', denied, 1],
    ['client -- wget -T 2 http://web', '', `Connecting to web (${ip.svc}:80)\nwget: download timed out\n${TERMINATED} 1\n`, 1],
    ['client -- wget -qO- http://web', '', `wget: can't connect to remote host (${ip.svc}): Connection timed out\n${TERMINATED} 1\n`, 1],
    [`client -- wget -qO- -T 2 http://${ip.web}`, '', denied, 1],
    ['client -- nc -zv -w 2 web 80', '', `nc: web (${ip.svc}:80): Connection timed out\n${TERMINATED} 1\n`, 1],
    ['client -- nc -z -w 2 web 80', '', `${TERMINATED} 1\n`, 1],
    ['curler -- curl -m 2 http://web', '', `curl: (28) Connection timed out after 2002 milliseconds\n${TERMINATED} 28\n`, 28],
    ['curler -- curl --connect-timeout 5 web', '', `curl: (28) Connection timed out after 5002 milliseconds\n${TERMINATED} 28\n`, 28],
    ['curler -- curl -s -m 2 web', '', `${TERMINATED} 28\n`, 28],
    ['curler -- curl web', '', `curl: (28) Failed to connect to web port 80 after 130213 ms: Couldn't connect to server\n${TERMINATED} 28\n`, 28],
    // DNS is untouched: the policy isolates default's pods, not CoreDNS in kube-system
    ['client -- nslookup web', `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip.svc}\n\n`, '', 0],
    // a pod cannot block traffic to itself
    [`web -- curl -s -m 2 http://${ip.web}`, NGINX_TITLE, '', 0],
  ]);

  await policy('default', 'allow-clients', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
    ['client -- nc -zv -w 2 web 80', '', `web (${ip.svc}:80) open\n`, 0],
    ['curler -- curl -s -m 2 web', NGINX_TITLE, '', 0],
    ['other -- wget -qO- -T 2 http://web', '', denied, 1],
    // a podSelector alone means pods of the policy's own namespace
    ['-n prod prodclient -- wget -qO- -T 2 http://web.default', '', denied, 1],
  ]);
  await drop('default', 'allow-clients');

  await policy('default', 'prod-clients', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
  });
  await expectAll(t, c, [
    ['-n prod prodclient -- wget -qO- -T 2 http://web.default', NGINX_TITLE, '', 0],
    ['-n prod prodother -- wget -qO- -T 2 http://web.default', '', denied, 1],
    ['-n dev devclient -- wget -qO- -T 2 http://web.default', '', denied, 1],
    ['client -- wget -qO- -T 2 http://web', '', denied, 1],
  ]);
  await drop('default', 'prod-clients');

  await policy('default', 'prod-or-clients', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }],
  });
  await expectAll(t, c, [
    ['-n prod prodclient -- wget -qO- -T 2 http://web.default', NGINX_TITLE, '', 0],
    ['-n prod prodother -- wget -qO- -T 2 http://web.default', NGINX_TITLE, '', 0],
    ['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
    ['other -- wget -qO- -T 2 http://web', '', denied, 1],
    ['-n dev devclient -- wget -qO- -T 2 http://web.default', '', denied, 1],
  ]);
  await drop('default', 'prod-or-clients');

  // every namespace carries kubernetes.io/metadata.name, the usual way to pick one by name
  await policy('default', 'from-dev', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }] }] });
  await expectAll(t, c, [
    ['-n dev devclient -- wget -qO- -T 2 http://web.default', NGINX_TITLE, '', 0],
    ['-n prod prodclient -- wget -qO- -T 2 http://web.default', '', denied, 1],
  ]);
  await drop('default', 'from-dev');

  // an empty rule admits everyone; a policy in another namespace changes nothing here
  await policy('prod', 'prod-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  await expectAll(t, c, [['client -- wget -qO- -T 2 http://web', '', denied, 1]]);
  await policy('default', 'allow-all', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
    ['-n prod prodclient -- wget -qO- -T 2 http://web.default', '', `wget: bad address 'web.default'\n${TERMINATED} 1\n`, 1],
  ]);
});

t.test('ingress ports: numbers, named ports, endPort ranges and protocols', async (t) => {
  const { c, ip, policy, drop } = await setup();
  const open = ['client -- nc -zv -w 2 web 80', '', `web (${ip.svc}:80) open\n`, 0] as [string, string, string, number];
  const closed = ['client -- nc -zv -w 2 web 80', '', `nc: web (${ip.svc}:80): Connection timed out\n${TERMINATED} 1\n`, 1] as [string, string, string, number];
  const cases: [string, Fields[], typeof open][] = [
    ['port 80', [{ port: 80 }], open],
    ['port 8080', [{ port: 8080 }], closed],
    ['named port http', [{ port: 'http' }], open],
    ['a name no container port has', [{ port: 'metrics' }], closed],
    ['range 79-81', [{ port: 79, endPort: 81 }], open],
    ['range 81-90', [{ port: 81, endPort: 90 }], closed],
    ['UDP 80', [{ protocol: 'UDP', port: 80 }], closed],
    ['every TCP port', [{ protocol: 'TCP' }], open],
    ['empty ports', [], open],
  ];
  await policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
  for (const [name, ports, expected] of cases) {
    await policy('default', 'web-ports', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }], ports }] });
    const r = await kubectl(c.engine, `exec ${expected[0]}`);
    t.same([r.stdout, r.stderr, r.code], expected.slice(1), name);
    await drop('default', 'web-ports');
  }
  // no endpoint listening is still refused at once: single -v keeps quiet about refusals, -vv does not
  await expectAll(t, c, [
    ['client -- nc -zv -w 2 web 81', '', `${TERMINATED} 1\n`, 1],
    [`client -- nc -zvv -w 2 ${ip.web} 81`, '', `nc: ${ip.web} (${ip.web}:81): Connection timed out\nsent 0, rcvd 0\n${TERMINATED} 1\n`, 1],
  ]);
  await drop('default', 'deny');
  await expectAll(t, c, [[`client -- nc -zvv -w 2 ${ip.web} 81`, '', `nc: ${ip.web} (${ip.web}:81): Connection refused\nsent 0, rcvd 0\n${TERMINATED} 1\n`, 1]]);
});

t.test('egress: default deny breaks DNS until port 53 is allowed; ipBlock with except; host network is exempt', async (t) => {
  const { c, ip, policy, drop } = await setup();
  const noDNS = `wget: bad address 'web'\n${TERMINATED} 1\n`;
  const denied = `wget: download timed out\n${TERMINATED} 1\n`;
  await policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', '', noDNS, 1],
    ['client -- nslookup web', ';; connection timed out; no servers could be reached\n\n', `${TERMINATED} 1\n`, 1],
    ['client -- nc -zv -w 2 web 80', '', `nc: bad address 'web'\n${TERMINATED} 1\n`, 1],
    [`client -- wget -qO- -T 2 http://${ip.svc}`, '', denied, 1],
    ['curler -- curl -m 2 web', '', `curl: (28) Resolving timed out after 2002 milliseconds\n${TERMINATED} 28\n`, 28],
    ['curler -- curl web', '', `curl: (6) Could not resolve host: web\n${TERMINATED} 6\n`, 6],
    // host-network pods are not subject to NetworkPolicies
    ['hostbox -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
  ]);

  // resolvers ask over UDP: allowing TCP 53 alone does not bring DNS back
  await policy('default', 'dns-tcp', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP', port: 53 }] }] });
  await expectAll(t, c, [['client -- wget -qO- -T 2 http://web', '', noDNS, 1]]);
  await drop('default', 'dns-tcp');

  await policy('default', 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
  await expectAll(t, c, [
    ['client -- nslookup web', `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip.svc}\n\n`, '', 0],
    ['client -- wget -qO- -T 2 http://web', '', denied, 1],
    ['curler -- curl -m 2 web', '', `curl: (28) Connection timed out after 2002 milliseconds\n${TERMINATED} 28\n`, 28],
  ]);

  await policy('default', 'to-web', { podSelector: { matchLabels: { role: 'client' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
    ['curler -- curl -s -m 2 web', NGINX_TITLE, '', 0],
    ['other -- wget -qO- -T 2 http://web', '', denied, 1],
  ]);
  await drop('default', 'to-web');

  // ipBlock acts on the pod's address after the Service's DNAT, less its exceptions
  await policy('default', 'pod-range', { podSelector: { matchLabels: { role: 'client' } }, egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except: [`${ip.web}/32`] } }] }] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', '', denied, 1],
    [`client -- wget -qO- -T 2 http://${ip.web}`, '', denied, 1],
  ]);
  await drop('default', 'pod-range');
  await policy('default', 'pod-range', { podSelector: { matchLabels: { role: 'client' } }, egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] });
  await expectAll(t, c, [['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0]]);
  // the Service's own address is not what policies see
  await drop('default', 'pod-range');
  await policy('default', 'svc-range', { podSelector: { matchLabels: { role: 'client' } }, egress: [{ to: [{ ipBlock: { cidr: '10.96.0.0/12' } }] }] });
  await expectAll(t, c, [['client -- wget -qO- -T 2 http://web', '', denied, 1]]);
  await drop('default', 'svc-range');

  // ingress by ipBlock: only the client's address
  await drop('default', 'default-deny-egress');
  await drop('default', 'allow-dns');
  await policy('default', 'web-from-client-ip', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: `${ip.client}/32` } }] }] });
  await expectAll(t, c, [
    ['client -- wget -qO- -T 2 http://web', NGINX_TITLE, '', 0],
    ['other -- wget -qO- -T 2 http://web', '', denied, 1],
  ]);
});
