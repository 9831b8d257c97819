import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { localGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import type { KubeObject } from '../../src/cluster/api/types.js';

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const PROMPT = "If you don't see a command prompt, try pressing enter.\n";
const NAME = /Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n/;

async function withWeb() {
  const c = await newTestCluster();
  const k = (line: string, opts: { stdin?: string; terminal?: boolean } = {}) => kubectl(c.engine, line, opts);
  await k('run web --image=nginx --labels=app=web,tier=front');
  c.advance(10_000);
  await c.engine.sync();
  const client = c.engine.client();
  const pods = client.kinds.forKind('Pod', '')!;
  const pod = (name = 'web') => client.get(pods, 'default', name);
  return { c, k, pod };
}

t.test("kubectl debug's own checks match the real kubectl's, byte for byte", async (t) => {
  const { c } = await withWeb();
  const cases = localGoldens(['debug-']);
  t.equal(cases.length, 15);
  for (const g of cases) t.same(await kubectl(c.engine, g.args), { stdout: g.stdout, stderr: g.stderr, code: g.code }, g.name);
});

t.test('debug POD -it: an ephemeral container, named, targeted, waited for and attached to', async (t) => {
  const { c, k, pod } = await withWeb();
  const r = await k('debug web -it --image=busybox --target=web', { terminal: true, stdin: 'hostname\ncurl web\nexit\n' });
  const name = NAME.exec(r.stdout)?.[1];
  t.ok(name, 'a generated name');
  t.equal(
    r.stdout,
    `Targeting container "web". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n` +
      `Defaulting debug container name to ${name}.\n` +
      '/ # hostname\nweb\n/ # curl web\nsh: curl: not found\n/ # exit\n' +
      `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c ${name} -i -t' if it is still running\n`,
  );
  t.equal(r.stderr, LEGACY + PROMPT);
  t.equal(r.code, 0);
  t.same(
    pod().spec.ephemeralContainers,
    [{ name, image: 'busybox', imagePullPolicy: 'Always', resources: {}, stdin: true, targetContainerName: 'web', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', tty: true }],
    'what kubectl sends (legacy profile: no security context), defaulted by the server',
  );
  t.match(pod().status.ephemeralContainerStatuses[0], { restartCount: 0, state: { terminated: { exitCode: 127, reason: 'Error' } } }, '`exit` ended the shell with the last status (curl\'s 127), and with it the container, which is not restarted');
  t.match((await k('get pod web')).stdout, /\nweb +1\/1 +Running +0 /, 'the pod runs on, READY counting its own containers');

  const tools = await k('debug web --image=busybox -c tools -q -- sleep 3600');
  t.same(tools, { stdout: '', stderr: LEGACY, code: 0 });
  c.advance(5000);
  await c.engine.sync();
  t.same(await k('exec web -c tools -- hostname'), { stdout: 'web\n', stderr: '', code: 0 }, 'exec reaches a running ephemeral container');
  t.equal((await k('exec web -- hostname')).stderr, `Defaulted container "web" out of: web, ${name} (ephem), tools (ephem)\n`, 'the default container is still the pod\'s own');
});

t.test('each profile shapes the ephemeral container as profiles.go does', async (t) => {
  const { k, pod } = await withWeb();
  const cases: { profile: string; want: Record<string, unknown> | undefined }[] = [
    { profile: 'legacy', want: undefined },
    { profile: 'general', want: { capabilities: { add: ['SYS_PTRACE'] } } },
    { profile: 'baseline', want: undefined },
    { profile: 'restricted', want: { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } } },
    { profile: 'netadmin', want: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } },
    { profile: 'sysadmin', want: { privileged: true } },
  ];
  for (const { profile, want } of cases) {
    const r = await k(`debug web --image=busybox -c dbg-${profile} --profile=${profile} --quiet`);
    t.same(r, { stdout: '', stderr: profile === 'legacy' ? LEGACY : '', code: 0 }, `${profile}: --quiet says nothing but the deprecation`);
    const ec = pod().spec.ephemeralContainers.find((e: KubeObject) => e.name === `dbg-${profile}`);
    t.same(ec.securityContext, want, profile);
  }
});

t.test('--env, --image-pull-policy, --arguments-only and a command reach the container', async (t) => {
  const { k, pod } = await withWeb();
  const r = await k('debug web --image=busybox:1.36 -c tools --env=A=1,B=2 --env C=3 --image-pull-policy=IfNotPresent --arguments-only --profile=general -- sleep 3600');
  t.same(r, { stdout: '', stderr: '', code: 0 });
  const ec = pod().spec.ephemeralContainers[0];
  t.same(ec.env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }]);
  t.equal(ec.imagePullPolicy, 'IfNotPresent');
  t.same(ec.args, ['sleep', '3600']);
  t.notOk(ec.command);
  const cmd = await k('debug web --image=busybox -c cmd --profile=general -- sh -c "echo hi"');
  t.same(cmd.stdout, '');
  t.same(pod().spec.ephemeralContainers[1].command, ['sh', '-c', 'echo hi'], 'without --arguments-only the words are the command');
  t.notOk('stdin' in pod().spec.ephemeralContainers[1], 'no -i: no stdin');
});

t.test('-i with a command already finished shows its log; a waiting container is reported while kubectl waits', async (t) => {
  const { k } = await withWeb();
  const done = await k('debug web -i --image=busybox -c hi --profile=general -- sh -c "echo hello from debug"');
  t.same(done, { stdout: 'hello from debug\n', stderr: '', code: 0 });

  const stuck = await k('debug web -i --image=busybox:doesnotexist -c stuck --profile=general');
  t.match(stuck.stderr, /^Warning: container stuck: rpc error: code = NotFound desc = /, 'the waiting message, as a warning');
  t.match(stuck.stderr, /\nWarning: container stuck: Back-off pulling image "busybox:doesnotexist": ErrImagePull: /);
  t.match(stuck.stderr, /error: timed out waiting for the condition\n$/);
  t.equal(stuck.code, 1);
});

t.test('debug refuses what the API server or kubectl refuses', async (t) => {
  const { k } = await withWeb();
  await k('create deployment app --image=nginx');
  await k('expose pod web --port=80');
  const cases: { args: string; stderr: string }[] = [
    { args: 'debug nope --image=busybox --profile=general', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
    { args: 'debug node/nope --image=busybox --profile=general', stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
    { args: 'debug web --image=busybox --target=app --profile=general -q', stderr: 'The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "app"\n' },
    { args: 'debug web --image=busybox -c web --profile=general', stderr: 'The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"\n' },
    { args: 'debug -n kube-system etcd-controlplane --image=busybox -c x --profile=general', stderr: 'The Pod "etcd-controlplane" is invalid: : Forbidden: static pods do not support ephemeral containers\n' },
    { args: 'debug deploy/app --image=busybox --profile=general', stderr: 'error: "apps/v1, Kind=Deployment" not supported by debug\n' },
    { args: 'debug svc/web --image=busybox --profile=general', stderr: 'error: "/v1, Kind=Service" not supported by debug\n' },
  ];
  for (const c of cases) t.same(await k(c.args), { stdout: '', stderr: c.stderr, code: 1 }, c.args);
});

t.test('--copy-to: a new pod from the target, with a debug container or changed images', async (t) => {
  const { c, k, pod } = await withWeb();
  const r = await k('debug web -it --image=busybox --copy-to=web-debug --share-processes --profile=general', { terminal: true, stdin: 'hostname\n' });
  const name = NAME.exec(r.stdout)?.[1];
  t.equal(r.stdout, `Defaulting debug container name to ${name}.\n/ # hostname\nweb-debug\n/ # Session ended, resume using 'kubectl attach web-debug -c ${name} -i -t' command when the pod is running\n`);
  t.equal(r.stderr, PROMPT);
  const copy = pod('web-debug');
  t.notOk(copy.metadata.labels, 'the general profile drops labels: the copy is no backend of the Services');
  t.equal(copy.spec.shareProcessNamespace, true);
  t.same(
    copy.spec.containers.map((x: KubeObject) => [x.name, x.image, x.stdin, x.tty, x.securityContext]),
    [
      ['web', 'nginx', undefined, undefined, undefined],
      [name, 'busybox', true, true, { capabilities: { add: ['SYS_PTRACE'] } }],
    ],
  );

  t.same(await k('debug web --copy-to=web-img --set-image=*=busybox:1.36 --same-node --keep-labels --profile=general'), { stdout: '', stderr: '', code: 0 }, 'only --set-image: nothing more to say');
  const img = pod('web-img');
  t.equal(img.spec.containers[0].image, 'busybox:1.36');
  t.equal(img.spec.nodeName, pod().spec.nodeName, '--same-node keeps the node');
  t.same(img.metadata.labels, { app: 'web', tier: 'front' }, '--keep-labels');

  const legacy = await k('debug web --copy-to=web-sh -c web -- sh -c "sleep 1d"');
  t.same(legacy, { stdout: '', stderr: LEGACY, code: 0 }, 'an existing container changed: no name to default');
  const sh = pod('web-sh');
  t.same(sh.spec.containers.map((x: KubeObject) => [x.name, x.image, x.command]), [['web', 'nginx', ['sh', '-c', 'sleep 1d']]]);
  t.notOk(sh.metadata.labels, 'legacy drops labels');
  t.notOk('shareProcessNamespace' in sh.spec, 'legacy leaves process sharing alone');

  t.same(await k('debug web --image=busybox --copy-to=web-new --replace --profile=general -q'), { stdout: '', stderr: '', code: 0 });
  c.advance(1000);
  await c.engine.sync();
  t.match((await k('get pod web')).stderr, 'Error from server (NotFound): pods "web" not found', '--replace deleted the original');
  t.equal(pod('web-new').spec.containers.length, 2);
  void c;
});

t.test('debug node/NAME: a pod in the host namespaces with the host at /host', async (t) => {
  const { c, k, pod } = await withWeb();
  const r = await k('debug node/node01 -it --image=busybox', { terminal: true, stdin: 'hostname\nls /host\ncat /host/etc/hostname\nexit\n' });
  const pn = /^Creating debugging pod (node-debugger-node01-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node node01\.\n/.exec(r.stdout)?.[1];
  t.ok(pn, 'the pod is named after the node');
  t.equal(r.stdout.slice(r.stdout.indexOf('\n') + 1), '/ # hostname\nnode01\n/ # ls /host\netc\nvar\n/ # cat /host/etc/hostname\nnode01\n/ # exit\n', 'no resume hint: the pod never restarts');
  t.equal(r.stderr, LEGACY + PROMPT);
  const p = pod(pn);
  t.same(
    { hostNetwork: p.spec.hostNetwork, hostPID: p.spec.hostPID, hostIPC: p.spec.hostIPC, nodeName: p.spec.nodeName, restartPolicy: p.spec.restartPolicy, volumes: p.spec.volumes.filter((v: KubeObject) => v.hostPath) },
    { hostNetwork: true, hostPID: true, hostIPC: true, nodeName: 'node01', restartPolicy: 'Never', volumes: [{ name: 'host-root', hostPath: { path: '/', type: '' } }] },
  );
  t.same(p.spec.tolerations[0], { operator: 'Exists' }, 'it runs on any node, tainted or not');
  t.same(p.spec.containers[0].volumeMounts[0], { mountPath: '/host', name: 'host-root' });
  const node = c.engine.client().get(c.engine.client().kinds.forKind('Node', '')!, undefined, 'node01');
  t.equal(p.status.podIP, node.status.addresses.find((a: KubeObject) => a.type === 'InternalIP').address, 'on the host network: the node\'s address');

  const general = await k('debug node/controlplane --image=busybox --profile=general -c shell');
  t.match(general.stdout, /^Creating debugging pod node-debugger-controlplane-\w{5} with container shell on node controlplane\.\n$/);
  const baseline = await k('debug node/node02 --image=busybox --profile=baseline -q');
  t.same(baseline, { stdout: '', stderr: '', code: 0 });
  const b = (await k('get pods -o name')).stdout.split('\n').find((n) => n.startsWith('pod/node-debugger-node02-'))!;
  const bp = pod(b.slice(4));
  t.notOk(bp.spec.hostPID, 'baseline: no host namespaces');
  t.notOk(bp.spec.volumes?.some((v: KubeObject) => v.hostPath), 'and no host file system');
});

t.test('ps in a debug container: the target\'s processes with --target, the whole pod\'s in a copy sharing them', async (t) => {
  const { c, k } = await withWeb();
  const target = await k('debug web -it --image=busybox --target=web -c dbg --profile=general -q', { terminal: true, stdin: 'ps\n' });
  t.equal(
    target.stdout,
    '/ # ps\n' +
      'PID   USER     TIME  COMMAND\n' +
      '    1 root      0:00 nginx: master process nginx -g daemon off;\n' +
      '    7 101       0:00 nginx: worker process\n' +
      '   19 101       0:00 nginx: worker process\n' +
      '   37 root      0:00 sh\n' +
      '   61 root      0:00 ps\n' +
      '/ # ',
  );
  const alone = await k('debug web -it --image=busybox -c alone --profile=general -q', { terminal: true, stdin: 'ps\n' });
  t.equal(alone.stdout, '/ # ps\nPID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    7 root      0:00 ps\n/ # ', 'without a target, only its own');
  await k('debug web --image=busybox --copy-to=shared -c dbg --profile=general -q -- sleep 1d');
  c.advance(10_000);
  await c.engine.sync();
  t.equal(
    (await k('exec shared -c dbg -- ps')).stdout,
    'PID   USER     TIME  COMMAND\n' +
      '    1 65535     0:00 /pause\n' +
      '    7 root      0:00 nginx: master process nginx -g daemon off;\n' +
      '   19 101       0:00 nginx: worker process\n' +
      '   37 101       0:00 nginx: worker process\n' +
      '   61 root      0:00 sleep 1d\n' +
      '   91 root      0:00 ps\n',
    'the copy shares one PID namespace, behind the pause process',
  );
});

t.test('-f names the pod from a manifest; --custom merges a partial container spec into the profile\'s', async (t) => {
  const { k, pod } = await withWeb();
  const dir = t.testdir({
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
    'custom.yaml': 'env:\n- name: DEBUG\n  value: "1"\nsecurityContext:\n  runAsUser: 1000\n',
    'bad.json': '{"name": "x"}',
  });
  const r = await k(`debug -f ${dir}/pod.yaml --image=busybox -c fromfile --profile=general --custom=${dir}/custom.yaml`);
  t.same(r, { stdout: '', stderr: '', code: 0 });
  const ec = pod().spec.ephemeralContainers[0];
  t.equal(ec.name, 'fromfile');
  t.same(ec.env, [{ name: 'DEBUG', value: '1' }]);
  t.same(ec.securityContext, { capabilities: { add: ['SYS_PTRACE'] }, runAsUser: 1000 }, 'merged over the general profile');
  t.same(await k(`debug web --image=busybox --profile=general --custom=${dir}/bad.json`), {
    stdout: '',
    stderr: 'error: name, command, image, lifecycle and volume devices are not modifiable via custom profile\n',
    code: 1,
  });
  t.same(await k(`debug web --image=busybox --profile=general --custom=${dir}/none.json`), {
    stdout: '',
    stderr: `error: must pass a container spec json file for custom profile: open ${dir}/none.json: no such file or directory\n`,
    code: 1,
  });
});
