import t from 'tap';
import { newTestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { violations } from '../../../src/cluster/api/admission/podSecurity.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

const pod = (spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec: { containers: [{ name: 'a', image: 'nginx' }], ...spec } }) as KubeObject;

t.test('PodSecurity baseline: AppArmor, procMount, SELinux, sysctls and Windows host processes, with the checks\' own texts', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace base');
  await k('label namespace base pod-security.kubernetes.io/enforce=baseline');
  const rare = `apiVersion: v1
kind: Pod
metadata:
  name: rare
  annotations:
    container.apparmor.security.beta.kubernetes.io/b: unconfined
spec:
  securityContext:
    seLinuxOptions: {type: spc_t}
    sysctls: [{name: kernel.msgmax, value: "65536"}, {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}, {name: net.core.somaxconn, value: "1024"}]
  containers:
  - name: a
    image: nginx
    securityContext:
      appArmorProfile: {type: Unconfined}
      procMount: Unmasked
      seLinuxOptions: {user: system_u, role: system_r}
      windowsOptions: {hostProcess: true}
  - name: b
    image: nginx
`;
  t.same(await k('create -n base -f -', rare), {
    stdout: '',
    stderr:
      'Error from server (Forbidden): error when creating "STDIN": pods "rare" is forbidden: violates PodSecurity "baseline:latest": ' +
      'forbidden AppArmor profiles (container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/b="unconfined""), ' +
      'procMount (container "a" must not set securityContext.procMount to "Unmasked"), ' +
      'seLinuxOptions (pod and container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set), ' +
      'forbidden sysctls (kernel.msgmax, net.core.somaxconn), ' +
      'hostProcess (container "a" must not set securityContext.windowsOptions.hostProcess=true)\n',
    code: 1,
  });

  t.same(violations('baseline', pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_wmem' }, { name: 'net.ipv4.ip_local_reserved_ports' }, { name: 'net.ipv4.tcp_keepalive_time' }] } })), [], 'the sysctls policy 1.32 counts as safe');
  t.same(violations('baseline', pod({ securityContext: { seLinuxOptions: { type: 'container_engine_t', level: 's0:c1' } }, containers: [{ name: 'a', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k' } } }] })), [], 'allowed SELinux types, a level, Localhost AppArmor');
  t.same(violations('baseline', pod({ hostUsers: false, containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] })), [], 'a pod in its own user namespace may unmask /proc');
  t.same(violations('baseline', pod({ securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'a', securityContext: { procMount: 'Default' } }, { name: 'b', securityContext: { seLinuxOptions: { type: 'x_t' } } }, { name: 'c', securityContext: { seLinuxOptions: { type: 'y_t' } } }] })), [
    'seLinuxOptions (containers "b", "c" set forbidden securityContext.seLinuxOptions: types "x_t", "y_t")',
    'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
  ]);
  t.same(violations('baseline', pod({}, { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/k8s-nginx' })), [], 'the beta annotation naming a local profile');
  t.same(violations('baseline', pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })), ['forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")']);
});

t.test('PodSecurity audit: the pod is let in without a word, and the violation goes to the request\'s audit annotations', async (t) => {
  const c = await newTestCluster();
  const k = (line: string) => kubectl(c.engine, line);
  await k('create namespace watched');
  await k('label namespace watched pod-security.kubernetes.io/audit=restricted pod-security.kubernetes.io/audit-version=v1.32');
  t.same(await k('run web --image=nginx -n watched'), { stdout: 'pod/web created\n', stderr: '', code: 0 }, 'no refusal and no warning');
  const { runTrace } = await import('../../../src/traceCli.js');
  const { bufferIO } = await import('../../../src/commands/util/io.js');
  const io = bufferIO();
  await runTrace(['--verb', 'create', '--user', 'kubernetes-admin', '--last', '1'], io, { engine: c.engine, env: { KUBECADET_HOME: c.home } });
  t.match(
    io.stdout,
    /\n {18}PodSecurity passed: audit annotation pod-security\.kubernetes\.io\/audit-violations: would violate PodSecurity "restricted:v1\.32": allowPrivilegeEscalation != false \(container "web" must set securityContext\.allowPrivilegeEscalation=false\), unrestricted capabilities/,
  );
  t.same(await k('create deployment api --image=nginx -n watched'), { stdout: 'deployment.apps/api created\n', stderr: '', code: 0 }, 'workloads are audited too, silently');
});
