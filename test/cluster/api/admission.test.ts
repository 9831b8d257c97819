import t from 'tap';
import { newTestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { addNode, listAdmissionPlugins, setAdmissionPluginEnabled, setControllerEnabled, setNodeStopped } from '../../../src/cluster/machine.js';

const pod = (name: string, resources = '', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
${resources ? `    resources:\n${resources}` : ''}${extra}`;

t.test('LimitRanger: defaults, the annotation, and each bound with its message', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace lr');
  const limits = `apiVersion: v1
kind: LimitRange
metadata:
  name: bounds
  namespace: lr
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 200m}
    max: {cpu: "1", memory: 1Gi}
    min: {cpu: 100m}
    maxLimitRequestRatio: {cpu: "4"}
  - type: Pod
    max: {cpu: 1500m}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
    max: {storage: 5Gi}
`;
  t.equal((await k('create -f -', limits)).code, 0);
  t.equal((await k('create -n lr -f -', pod('plain'))).code, 0);
  const plain = JSON.parse((await k('get pod plain -n lr -o json')).stdout);
  t.same(plain.spec.containers[0].resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '200m', memory: '256Mi' } }, 'defaults fill what the container left out');
  t.equal(plain.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');

  const refused = (name: string, why: string) => ({
    stdout: '',
    stderr: `Error from server (Forbidden): error when creating "STDIN": pods "${name}" is forbidden: ${why}\n`,
    code: 1,
  });
  t.same(await k('create -n lr -f -', pod('big', '      limits: {cpu: "2"}\n')), refused('big', '[maximum cpu usage per Container is 1, but limit is 2, maximum cpu usage per Pod is 1500m, but limit is 2]'), 'a limit alone is also the request (pod defaulting), so no ratio problem');
  t.same(await k('create -n lr -f -', pod('small', '      requests: {cpu: 50m}\n')), refused('small', '[minimum cpu usage per Container is 100m, but request is 50m, cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000]'), 'the default limit counts in the ratio');
  t.same(
    await k('create -n lr -f -', pod('greedy', '      requests: {cpu: 100m}\n      limits: {cpu: 800m}\n')),
    refused('greedy', 'cpu max limit to request ratio per Container is 4, but provided ratio is 8.000000'),
  );
  const two = `${pod('two', '      requests: {cpu: 400m}\n      limits: {cpu: 800m}\n')}  - name: side
    image: busybox
    resources:
      requests: {cpu: 400m}
      limits: {cpu: 800m}
`;
  t.same(await k('create -n lr -f -', two), refused('two', 'maximum cpu usage per Pod is 1500m, but limit is 1600m'), 'the Pod bound sums the containers');

  const claim = (name: string, size: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
`;
  t.same(await k('create -n lr -f -', claim('huge', '10Gi')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi\n',
    code: 1,
  });
  t.equal((await k('create -n lr -f -', claim('fine', '2Gi'))).code, 0);

  t.equal((await k('create -n default -f -', pod('elsewhere'))).code, 0, 'other namespaces are not bound');
  t.same(JSON.parse((await k('get pod elsewhere -o json')).stdout).spec.containers[0].resources, {});
});

t.test('ResourceQuota: required resources, exceeded amounts, and a Deployment stopped at the quota', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace rq');
  t.equal((await k('create quota compute -n rq --hard=pods=2,requests.cpu=1,limits.cpu=2,requests.memory=1Gi')).code, 0);
  t.same(await k('create -n rq -f -', pod('bare')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: app; requests.cpu for: app; requests.memory for: app\n',
    code: 1,
  });
  const sized = (name: string, cpu: string) => pod(name, `      requests: {cpu: ${cpu}, memory: 256Mi}\n      limits: {cpu: ${cpu}}\n`);
  t.equal((await k('create -n rq -f -', sized('a', '600m'))).code, 0);
  t.same(await k('create -n rq -f -', sized('b', '600m')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1\n',
    code: 1,
  });
  t.equal((await k('create -n rq -f -', sized('b', '400m'))).code, 0, 'exactly at the limit is allowed');
  t.same(await k('create -n rq -f -', sized('c', '0')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "c" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2\n',
    code: 1,
  });
  t.equal((await k('get quota compute -n rq -o jsonpath={.status.used}')).stdout, '{"limits.cpu":"1","pods":"2","requests.cpu":"1","requests.memory":"512Mi"}', 'the controller counts what admission let in');

  // a Deployment scaled past a count quota: the ReplicaSet controller is refused the extra pods
  await k('create namespace counted');
  await k('create quota pods -n counted --hard=pods=2');
  t.equal((await k('create deployment web -n counted --image=nginx --replicas=3')).code, 0);
  c.advance(5000);
  t.equal((await k('get pods -n counted --no-headers -o name')).stdout.trim().split('\n').length, 2);
  const events = (JSON.parse((await k('get events -n counted -o json')).stdout).items as { reason: string; message: string }[])
    .filter((e) => e.reason === 'FailedCreate')
    .map((e) => e.message)
    .join('\n');
  t.match(events, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]+" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2$/m);
});

t.test('NodeRestriction: a kubelet creates only its own mirror pods and deletes only its own pods', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  const asNode = '--as system:node:node01 --as-group system:nodes --as-group system:authenticated';
  t.same(await k(`create -f - ${asNode}`, pod('sneaky', '', '  nodeName: node01\n')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "sneaky" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can only create mirror pods\n',
    code: 1,
  });
  const mirror = (node: string) => pod('mirror', '', `  nodeName: ${node}\n`).replace('  name: mirror\n', '  name: mirror\n  annotations:\n    kubernetes.io/config.mirror: abc\n');
  t.same(await k(`create -f - ${asNode}`, mirror('node02')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "mirror" is forbidden: node "node01" can only create pods with spec.nodeName set to itself\n',
    code: 1,
  });
  t.equal((await k(`create -f - ${asNode}`, mirror('node01'))).code, 0);
  await k('create -f -', pod('theirs', '', '  nodeName: node02\n'));
  t.equal((await k(`delete pod theirs ${asNode}`)).code, 1, 'the Node authorizer already refuses another node\'s pod');
  t.equal((await k(`delete pod mirror ${asNode} --wait=false`)).code, 0, 'its own pod it may delete');
});

t.test('admission plugins run in kube-apiserver\'s order and can be switched off and on', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  t.same(
    (await listAdmissionPlugins(c.engine)).map((p) => `${p.name}:${p.enabled}`),
    [
      'NamespaceLifecycle:true',
      'LimitRanger:true',
      'ServiceAccount:true',
      'NodeRestriction:true',
      'TaintNodesByCondition:true',
      'PodSecurity:true',
      'Priority:true',
      'DefaultTolerationSeconds:true',
      'DefaultStorageClass:true',
      'PersistentVolumeClaimResize:true',
      'RuntimeClass:true',
      'CertificateApproval:true',
      'CertificateSubjectRestriction:true',
      'DefaultIngressClass:true',
      'ResourceQuota:true',
    ],
  );
  t.equal(await setAdmissionPluginEnabled(c.engine, 'AlwaysPullImages', true), false, 'only the plugins kubecadet runs');
  t.equal(await setAdmissionPluginEnabled(c.engine, 'NamespaceLifecycle', false), true);
  t.equal((await k('create configmap x -n ghost')).code, 0, 'without NamespaceLifecycle, content lands in a namespace that does not exist');
  t.equal(await setAdmissionPluginEnabled(c.engine, 'NamespaceLifecycle', true), true);
  t.equal((await k('create configmap y -n ghost')).stderr, 'error: failed to create configmap: namespaces "ghost" not found\n');
  await setAdmissionPluginEnabled(c.engine, 'DefaultTolerationSeconds', false);
  await k('run bare --image=nginx');
  t.equal(JSON.parse((await k('get pod bare -o json')).stdout).spec.tolerations, undefined, 'a plugin switched off no longer mutates');
  t.same(
    (await listAdmissionPlugins(c.engine)).filter((p) => !p.enabled).map((p) => p.name),
    ['DefaultTolerationSeconds'],
  );
});

t.test('PodSecurity: the namespace labels pick the level; enforce refuses pods, warn warns, workloads only warn', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace psa');
  await k('run old --image=nginx -n psa');
  await k('run older --image=nginx -n psa');
  await k('create -n psa -f -', pod('root', '', '  securityContext: {runAsUser: 0}\n'));
  t.same(await k('label ns psa pod-security.kubernetes.io/enforce=restricted'), {
    stdout: 'namespace/psa labeled\n',
    stderr:
      'Warning: existing pods in namespace "psa" violate the new PodSecurity enforce level "restricted:latest"\n' +
      'Warning: old (and 1 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n' +
      'Warning: root: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, runAsUser=0, seccompProfile\n',
    code: 0,
  }, 'the pods already there stay, and the answer names them');
  await k('delete pod old older root -n psa --grace-period=0 --force');
  t.equal((await k('label ns psa pod-security.kubernetes.io/enforce=restricted --overwrite')).stderr, '', 'the same level again: nothing to say');
  t.same(await k('run nginx --image=nginx -n psa'), {
    stdout: '',
    stderr:
      'Error from server (Forbidden): pods "nginx" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n',
    code: 1,
  });
  const hardened = `apiVersion: v1
kind: Pod
metadata:
  name: hardened
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
`;
  t.same(await k('create -n psa -f -', hardened), { stdout: 'pod/hardened created\n', stderr: '', code: 0 });

  await k('create namespace base');
  await k('label ns base pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=v1.32 pod-security.kubernetes.io/warn=restricted');
  const loud = `apiVersion: v1
kind: Pod
metadata:
  name: loud
spec:
  hostNetwork: true
  volumes:
  - name: host
    hostPath: {path: /var/log}
  containers:
  - name: a
    image: nginx
    securityContext: {privileged: true, capabilities: {add: [NET_ADMIN, SYS_TIME]}}
  - name: b
    image: nginx
    ports: [{containerPort: 80, hostPort: 8080}]
    securityContext: {privileged: true}
`;
  t.same(await k('create -n base -f -', loud), {
    stdout: '',
    stderr:
      'Error from server (Forbidden): error when creating "STDIN": pods "loud" is forbidden: violates PodSecurity "baseline:v1.32": non-default capabilities (container "a" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add), host namespaces (hostNetwork=true), hostPath volumes (volume "host"), hostPort (container "b" uses hostPort 8080), privileged (containers "a", "b" must not set securityContext.privileged=true)\n',
    code: 1,
  });
  t.same(await k('run quiet --image=nginx -n base'), {
    stdout: 'pod/quiet created\n',
    stderr:
      'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "quiet" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "quiet" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "quiet" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "quiet" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n',
    code: 0,
  }, 'baseline lets it in; the warn level says what restricted would refuse');

  // a Deployment is never refused: only its pods are, which the ReplicaSet controller then cannot create
  const d = await k('create deployment web --image=nginx -n psa');
  t.equal(d.stdout, 'deployment.apps/web created\n');
  t.equal(d.stderr, '', 'enforce alone does not warn about templates');
  c.advance(2000);
  t.equal((await k('get pods -n psa -o name')).stdout, 'pod/hardened\n', 'the Deployment\'s pods were refused');
  await k('label ns psa pod-security.kubernetes.io/warn=restricted');
  t.match((await k('create deployment web2 --image=nginx -n psa')).stderr, /^Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx" must set/);
});

t.test('DefaultStorageClass and DefaultIngressClass fill in the default class, the newest of several', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  const claim = (name: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${extra}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
  await k('create -f -', claim('before'));
  t.equal(JSON.parse((await k('get pvc before -o json')).stdout).spec.storageClassName, undefined, 'no default class, nothing to fill in');
  const sc = (name: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
`;
  await k('create -f -', sc('local-path'));
  c.advance(1000);
  await k('create -f -', sc('fast'));
  await k('create -f -', claim('after'));
  await k('create -f -', claim('none', '  storageClassName: ""\n'));
  t.equal(JSON.parse((await k('get pvc after -o json')).stdout).spec.storageClassName, 'fast', 'the newest default class');
  t.equal(JSON.parse((await k('get pvc none -o json')).stdout).spec.storageClassName, '', 'an explicit "" asks for no class');

  await k('create -f -', `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
`);
  await k('create ingress web --rule=example.com/=web:80');
  t.equal(JSON.parse((await k('get ingress web -o json')).stdout).spec.ingressClassName, 'nginx');
  await k('create ingress other --class=traefik --rule=example.com/=web:80');
  t.equal(JSON.parse((await k('get ingress other -o json')).stdout).spec.ingressClassName, 'traefik', 'a class named is kept');
});

t.test('TaintNodesByCondition: a new node starts not-ready tainted; the node lifecycle controller lifts it once Ready', async (t) => {
  const c = await newTestCluster();
  const k = (line: string | string[], stdin?: string) => kubectl(c.engine, line, { stdin });
  const taints = async (node: string) => (await k(`get node ${node} -o jsonpath={.spec.taints}`)).stdout;
  t.equal(
    (await k(`get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.spec.taints}{" "}{end}'`)).stdout,
    'controlplane=[{"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}] node01= node02= ',
    'the fixture\'s nodes were tainted at creation and are untainted now, as on a kubeadm cluster',
  );
  await setControllerEnabled(c.engine, 'node-lifecycle-controller', false);
  await addNode(c.engine, 'node03');
  t.equal(await taints('node03'), '[{"effect":"NoSchedule","key":"node.kubernetes.io/not-ready"}]', 'the taint the plugin adds, while no controller lifts it');
  t.match((await k('describe node node03')).stdout, /\nTaints: {13}node\.kubernetes\.io\/not-ready:NoSchedule\n/);
  await setControllerEnabled(c.engine, 'node-lifecycle-controller', true);
  c.advance(1000);
  await c.engine.sync();
  t.equal(await taints('node03'), '', 'Ready: the node lifecycle controller took the taint off');

  // a node that brings its own not-ready taint (any value) gets no second one
  const own = await k(['create', '--dry-run=server', '-o', 'jsonpath={.spec.taints}', '-f', '-'], 'apiVersion: v1\nkind: Node\nmetadata:\n  name: node09\nspec:\n  taints:\n  - {key: node.kubernetes.io/not-ready, value: x, effect: NoSchedule}\n');
  t.equal(own.stdout, '[{"effect":"NoSchedule","key":"node.kubernetes.io/not-ready","value":"x"}]');
  // a Node written by hand: tainted at creation, then its kubelet reports Ready and the taint comes off
  t.equal(
    (await k(['create', '-o', 'jsonpath={.spec.taints}', '-f', '-'], 'apiVersion: v1\nkind: Node\nmetadata:\n  name: node05\n')).stdout,
    '[{"effect":"NoSchedule","key":"node.kubernetes.io/not-ready"}]',
    'as stored',
  );
  c.advance(1000);
  await c.engine.sync();
  t.equal((await k(`get node node05 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`)).stdout, 'True');
  t.equal(await taints('node05'), '');

  await setAdmissionPluginEnabled(c.engine, 'TaintNodesByCondition', false);
  await setControllerEnabled(c.engine, 'node-lifecycle-controller', false);
  await addNode(c.engine, 'node04');
  t.equal(await taints('node04'), '', 'switched off, new nodes come untainted');
});

t.test('PersistentVolumeClaimResize: only a bound claim of a class that allows expansion may grow', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  const sc = (name: string, expand: boolean) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: ${expand}
`;
  const pv = (name: string, cls: string) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  storageClassName: ${cls}
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data/${name}}
`;
  const pvc = (name: string, cls: string, size = '1Gi') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: ${cls}
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: ${size}}
`;
  for (const doc of [sc('expandable', true), sc('fixed', false), pv('pv-a', 'expandable'), pv('pv-b', 'fixed'), pvc('grow', 'expandable'), pvc('stuck', 'fixed'), pvc('pending', 'nowhere')])
    t.equal((await k('create -f -', doc)).code, 0);
  c.advance(2000);
  await c.engine.sync();
  t.equal((await k(`get pvc -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase}{" "}{end}'`)).stdout, 'grow=Bound pending=Pending stuck=Bound ');
  const resize = (name: string, size: string) => k(`patch pvc ${name} -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'`);
  t.same(await resize('grow', '2Gi'), { stdout: 'persistentvolumeclaim/grow patched\n', stderr: '', code: 0 });
  t.equal((await k('get pvc grow -o jsonpath={.spec.resources.requests.storage}')).stdout, '2Gi');
  t.same(await resize('stuck', '2Gi'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): persistentvolumeclaims "stuck" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    code: 1,
  });
  t.same(await resize('pending', '2Gi'), {
    stdout: '',
    stderr: 'The PersistentVolumeClaim "pending" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n',
    code: 1,
  }, 'an unbound claim fails validation before the plugin is asked');
  t.same(await resize('grow', '1Gi'), {
    stdout: '',
    stderr: 'The PersistentVolumeClaim "grow" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n',
    code: 1,
  }, 'back down to the volume\'s size: refused (RecoverVolumeExpansionFailure lets it go down only to above status.capacity)');
  t.same(await resize('grow', '1536Mi'), { stdout: 'persistentvolumeclaim/grow patched\n', stderr: '', code: 0 }, 'down to a smaller expansion that is still an expansion');

  await setAdmissionPluginEnabled(c.engine, 'PersistentVolumeClaimResize', false);
  t.equal((await resize('stuck', '2Gi')).code, 0, 'switched off, any bound claim may grow');
});

t.test('RuntimeClass: the kind, and the plugin that copies its overhead and scheduling into pods', async (t) => {
  const c = await newTestCluster();
  const k = (line: string | string[], stdin?: string) => kubectl(c.engine, line, { stdin });
  t.equal((await k('api-resources --api-group=node.k8s.io')).stdout, 'NAME             SHORTNAMES   APIVERSION       NAMESPACED   KIND\nruntimeclasses                node.k8s.io/v1   false        RuntimeClass\n');
  const rc = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
overhead:
  podFixed: {cpu: 250m, memory: 120Mi}
scheduling:
  nodeSelector: {sandbox: "true"}
  tolerations:
  - {key: sandbox, operator: Exists, effect: NoSchedule}
`;
  t.same(await k('create -f -', rc), { stdout: 'runtimeclass.node.k8s.io/gvisor created\n', stderr: '', code: 0 });
  t.equal((await k('create -f -', 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: plain\nhandler: runc\n')).code, 0);
  c.advance(65_000);
  t.equal((await k('get runtimeclass')).stdout, 'NAME     HANDLER   AGE\ngvisor   runsc     65s\nplain    runc      65s\n');
  t.same(await k('create -f -', 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: bad\nhandler: Run_C\n'), {
    stdout: '',
    stderr: 'The RuntimeClass "bad" is invalid: handler: Invalid value: "Run_C": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n',
    code: 1,
  });
  t.same(await k(['patch', 'runtimeclass', 'plain', '-p', '{"handler":"crun"}']), { stdout: '', stderr: 'The RuntimeClass "plain" is invalid: handler: Invalid value: "crun": field is immutable\n', code: 1 });

  const pod = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: 100m}
`;
  t.equal((await k('create -f -', pod('sandboxed', '  runtimeClassName: gvisor\n  nodeSelector: {disk: ssd}\n'))).code, 0);
  const got = JSON.parse((await k('get pod sandboxed -o json')).stdout).spec;
  t.same(got.overhead, { cpu: '250m', memory: '120Mi' }, 'the class\'s overhead');
  t.same(got.nodeSelector, { disk: 'ssd', sandbox: 'true' }, 'the class\'s nodeSelector merged into the pod\'s');
  t.same(
    got.tolerations,
    [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' },
    ],
    'the class\'s tolerations after the default ones',
  );
  t.match((await k('describe pod sandboxed')).stdout, /\nRuntime Class Name:  gvisor\n/);
  t.equal((await k('create -f -', pod('same', '  runtimeClassName: gvisor\n  overhead: {cpu: "0.25", memory: 120Mi}\n'))).code, 0, 'an overhead equal to the class\'s is accepted');

  const refused = (name: string, why: string) => ({ stdout: '', stderr: `Error from server (Forbidden): error when creating "STDIN": pods "${name}" is forbidden: ${why}\n`, code: 1 });
  t.same(await k('create -f -', pod('ghost', '  runtimeClassName: kata\n')), refused('ghost', 'pod rejected: RuntimeClass "kata" not found'));
  t.same(await k('create -f -', pod('greedy', '  runtimeClassName: gvisor\n  overhead: {cpu: 10m}\n')), refused('greedy', "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"));
  t.same(await k('create -f -', pod('sneaky', '  runtimeClassName: plain\n  overhead: {cpu: 10m}\n')), refused('sneaky', 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'));
  t.same(await k('create -f -', pod('sneaky', '  overhead: {cpu: 10m}\n')), refused('sneaky', 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'));
  t.same(
    await k('create -f -', pod('torn', '  runtimeClassName: gvisor\n  nodeSelector: {sandbox: "false"}\n')),
    refused('torn', 'conflict: runtimeClass.scheduling.nodeSelector[sandbox] = true; pod.spec.nodeSelector[sandbox] = false'),
  );

  // the scheduler counts the overhead: 1800m of requests fit a 2-CPU worker, 1800m + 250m do not
  await k('label node node01 node02 sandbox=true');
  await k('taint node node01 node02 sandbox=yes:NoSchedule');
  const big = (name: string, rcName: string) => pod(name, `  runtimeClassName: ${rcName}\n  tolerations: [{key: sandbox, operator: Exists}]\n`).replace('cpu: 100m', 'cpu: 1800m');
  await k('delete pod sandboxed same --wait=false');
  await k('create -f -', big('fits', 'plain'));
  await k('create -f -', big('heavy', 'gvisor'));
  c.advance(2000);
  await c.engine.sync();
  t.equal((await k('get pod fits -o jsonpath={.spec.nodeName}')).stdout.replace(/\d$/, 'N'), 'node0N');
  t.match((await k('get events --field-selector involvedObject.name=heavy -o jsonpath={.items[*].message}')).stdout, /Insufficient cpu/);

  await setAdmissionPluginEnabled(c.engine, 'RuntimeClass', false);
  t.equal((await k('create -f -', pod('unchecked', '  runtimeClassName: kata\n'))).code, 0, 'switched off, the name is not checked');
  t.equal(JSON.parse((await k('get pod unchecked -o json')).stdout).spec.overhead, undefined);
});

t.test('ResourceQuota: updates that raise usage are charged, and the controller counts what the quota counts', async (t) => {
  const c = await newTestCluster();
  const k = (line: string | string[], stdin?: string) => kubectl(c.engine, line, { stdin });
  const sync = async () => {
    c.advance(1000);
    await c.engine.sync();
  };
  await k('create namespace rq');
  await k('create quota svc -n rq --hard=services=3,services.nodeports=2,services.loadbalancers=1');
  await k('create service clusterip web -n rq --tcp=80:80,443:443');
  await k('create service nodeport one -n rq --tcp=80:80');
  const patch = (what: string, body: string) => k(['patch', what, '-n', 'rq', '-p', body]);
  t.same(await patch('svc/web', '{"spec":{"type":"NodePort"}}'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): services "web" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2\n',
    code: 1,
  }, 'ClusterIP to NodePort: the update is charged its two node ports');
  t.same(await patch('svc/one', '{"spec":{"type":"LoadBalancer"}}'), { stdout: 'service/one patched\n', stderr: '', code: 0 }, 'NodePort to LoadBalancer adds a load balancer and no node port');
  await k('create service nodeport two -n rq --tcp=81:81');
  t.same(await patch('svc/two', '{"spec":{"type":"LoadBalancer"}}'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): services "two" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=1, limited: services.loadbalancers=1\n',
    code: 1,
  });
  t.equal((await patch('svc/web', '{"metadata":{"labels":{"tier":"web"}}}')).code, 0, 'an update that adds nothing is not charged');
  await sync();
  t.equal(
    (await k('describe quota svc -n rq')).stdout,
    `Name:                   svc
Namespace:              rq
Resource                Used  Hard
--------                ----  ----
services                3     3
services.loadbalancers  1     1
services.nodeports      2     2
`,
  );

  // storage: a claim that grows is charged the difference, per class too
  await k('create quota disk -n rq --hard=requests.storage=3Gi,persistentvolumeclaims=2,fast.storageclass.storage.k8s.io/requests.storage=2Gi');
  await k('create -f -', `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: true
`);
  await k('create -f -', `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-fast
spec:
  storageClassName: fast
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data/fast}
`);
  const claim = (name: string, cls: string, size: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: rq
spec:
  storageClassName: ${cls}
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: ${size}}
`;
  t.equal((await k('create -f -', claim('data', 'fast', '1Gi'))).code, 0);
  t.equal((await k('create -f -', claim('logs', 'slow', '1Gi'))).code, 0);
  await sync();
  t.equal((await k('get pvc data -n rq -o jsonpath={.status.phase}')).stdout, 'Bound');
  t.same(await patch('pvc/data', '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: exceeded quota: disk, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi,requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=1Gi,requests.storage=2Gi, limited: fast.storageclass.storage.k8s.io/requests.storage=2Gi,requests.storage=3Gi\n',
    code: 1,
  });
  t.same(await patch('pvc/data', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'), { stdout: 'persistentvolumeclaim/data patched\n', stderr: '', code: 0 });
  await sync();
  t.equal(
    (await k('describe quota disk -n rq')).stdout,
    `Name:                                              disk
Namespace:                                         rq
Resource                                           Used  Hard
--------                                           ----  ----
fast.storageclass.storage.k8s.io/requests.storage  2Gi   2Gi
persistentvolumeclaims                             2     2
requests.storage                                   3Gi   3Gi
`,
    'the controller counts claims\' storage, per class too',
  );

  // scopes: the controller counts only the pods a scoped quota covers, init containers and overhead included
  await k('create namespace scoped');
  await k('create quota besteffort -n scoped --hard=pods=5 --scopes=BestEffort');
  await k('create quota sized -n scoped --hard=pods=5,requests.cpu=4,requests.memory=4Gi --scopes=NotBestEffort');
  await k('create -f -', 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: kata\nhandler: kata\noverhead:\n  podFixed: {cpu: 250m, memory: 64Mi}\n');
  await k('run bare -n scoped --image=nginx');
  await k('create -f -', `apiVersion: v1
kind: Pod
metadata:
  name: sized
  namespace: scoped
spec:
  runtimeClassName: kata
  initContainers:
  - name: setup
    image: busybox
    resources:
      requests: {cpu: "1", memory: 128Mi}
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: 500m, memory: 256Mi}
`);
  await sync();
  t.equal((await k('get quota besteffort -n scoped -o jsonpath={.status.used}')).stdout, '{"pods":"1"}');
  t.equal(
    (await k('get quota sized -n scoped -o jsonpath={.status.used}')).stdout,
    '{"pods":"1","requests.cpu":"1250m","requests.memory":"320Mi"}',
    'the larger of the init container and the app containers, plus the RuntimeClass overhead',
  );

  // a PriorityClass scope selector
  await k('create priorityclass gold --value=1000');
  await k('create namespace prio');
  await k('create -f -', `apiVersion: v1
kind: ResourceQuota
metadata:
  name: gold-only
  namespace: prio
spec:
  hard: {pods: "1"}
  scopeSelector:
    matchExpressions:
    - {scopeName: PriorityClass, operator: In, values: [gold]}
`);
  const prio = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: prio
spec:
  priorityClassName: gold
  containers:
  - name: app
    image: nginx
`;
  t.equal((await k('create -f -', prio('g1'))).code, 0);
  t.same(await k('create -f -', prio('g2')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "g2" is forbidden: exceeded quota: gold-only, requested: pods=1, used: pods=1, limited: pods=1\n',
    code: 1,
  });
  t.equal((await k('run plain -n prio --image=nginx')).code, 0, 'a pod outside the scope is not counted');

  // a quota on requests.cpu alone still covers a pod that requests nothing, and asks it to say
  await k('create namespace cpu');
  await k('create quota cpu-only -n cpu --hard=requests.cpu=1');
  t.same(await k('run idle -n cpu --image=nginx'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods "idle" is forbidden: failed quota: cpu-only: must specify requests.cpu for: idle\n',
    code: 1,
  });
});

t.test('ResourceQuota: a terminating pod counts until its grace period has passed again past its deletionTimestamp', async (t) => {
  const c = await newTestCluster();
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { stdin });
  await k('create namespace q');
  await k('create quota one -n q --hard=pods=1');
  t.equal((await k('create -n q -f -', pod('stuck', '', '  nodeName: node01\n'))).code, 0);
  c.advance(5000);
  await c.engine.sync();
  await setNodeStopped(c.engine, 'node01', true);
  t.equal((await k('delete pod stuck -n q --wait=false')).code, 0);
  const refused = 'Error from server (Forbidden): error when creating "STDIN": pods "next" is forbidden: exceeded quota: one, requested: pods=1, used: pods=1, limited: pods=1\n';
  t.equal((await k('create -n q -f -', pod('next'))).stderr, refused, 'terminating, on a node whose kubelet is gone: it still counts');
  c.advance(45_000);
  await c.engine.sync();
  t.equal((await k('create -n q -f -', pod('next'))).stderr, refused, 'past its deletionTimestamp (30 s) but within the grace after it');
  t.equal((await k('get quota one -n q -o jsonpath={.status.used.pods}')).stdout, '1');
  c.advance(16_000);
  await c.engine.sync();
  t.equal((await k('get quota one -n q -o jsonpath={.status.used.pods}')).stdout, '0', 'the controller measures again once it is released');
  t.equal((await k('create -n q -f -', pod('next'))).code, 0, 'and admission lets the next pod in');
  t.match((await k('get pods -n q')).stdout, /stuck +0\/1 +Terminating/, 'still there: the node that would remove it is down');
});
