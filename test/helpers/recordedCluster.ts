import type { KubeObject } from '../../src/cluster/api/types.js';
import { newTestCluster, type TestCluster } from './cluster.js';

/**
 * The cluster the shared describe recordings were made on (their fixtures' seed: a kubeadm-like three-node
 * cluster three days old, deployment `web` at its second revision, pods in many states), rebuilt object by
 * object through the API with nothing running, so every field and every age is the recorded one when the
 * clock reads RECORDED_NOW.
 */
export const RECORDED_NOW = Date.parse('2026-11-26T21:17:20Z');

const CONTAINER_ID = 'containerd://3b8f2b0f7c9e1a2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c';
const DIGEST = 'sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac';
const API_ACCESS = 'kube-api-access-x7k2p';
const SA_MOUNT = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: API_ACCESS, readOnly: true };
const API_ACCESS_VOLUME = {
  name: API_ACCESS,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
};
const TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const ago = (s: number) => iso(RECORDED_NOW - s * 1000);

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are written as manifests */
function container(name: string, image: string, extra: Record<string, unknown> = {}): any {
  return { name, image, volumeMounts: [SA_MOUNT], ...extra };
}

/** A pod template as the recorded workloads carried it: service account, token volume and tolerations spelled out. */
function template(labels: Record<string, string>, containers: any[], extra: Record<string, unknown> = {}): any {
  return { metadata: { labels }, spec: { serviceAccountName: 'default', containers, volumes: [API_ACCESS_VOLUME], tolerations: TOLERATIONS, ...extra } };
}

function runningStatus(node: 'node01' | 'node02' | 'controlplane', podIP: string, start: string, containers: { name: string; image: string; started: string }[]): any {
  const hostIP = { controlplane: '172.30.1.2', node01: '172.30.2.2', node02: '172.30.2.3' }[node];
  return {
    phase: 'Running',
    hostIP,
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: start,
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      containerID: CONTAINER_ID,
      imageID: `docker.io/library/${c.image.split(':')[0]}@${DIGEST}`,
      state: { running: { startedAt: c.started } },
      ready: true,
      restartCount: 0,
    })),
  };
}

function kubeadmNode(name: string, ip: string, heartbeat: string, ready: string, labels: Record<string, string> = {}): { object: KubeObject; status: any } {
  const condition = (type: string, status: string, reason: string, message: string, transition: string) => ({ type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason, message });
  const born = ready.replace(/:38Z$|:39Z$/, (m) => (m === ':38Z' ? ':08Z' : ':09Z'));
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels },
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {},
    },
    status: {
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', born),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', born),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', born),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', ready),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4015536Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '18556039957', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3913136Ki', pods: '110' },
      nodeInfo: {
        machineID: 'f3a0c8f6b2d94c2c8d1e5a7b9c0d1e2f',
        systemUUID: 'f3a0c8f6-b2d9-4c2c-8d1e-5a7b9c0d1e2f',
        bootID: '0d5e6f70-8192-4a3b-9c4d-5e6f70819203',
        kernelVersion: '6.8.0-1015-gcp',
        osImage: 'Ubuntu 24.04.1 LTS',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
      },
    },
  };
}

export async function recordedCluster(): Promise<TestCluster> {
  const c = await newTestCluster({ fixture: 'bare', simulate: false, start: Date.parse('2026-11-23T21:17:09Z') });
  const client = c.engine.client();
  const kind = (k: string, group = '') => client.kinds.forKind(k, group)!;
  const at = (t: string) => c.clock.set(Date.parse(t));
  const create = (k: string, obj: any, group = '') => client.create(kind(k, group), obj, obj.metadata.namespace);
  const setStatus = (k: string, obj: KubeObject, status: unknown, group = '') =>
    client.patch(kind(k, group), obj.metadata.namespace, obj.metadata.name!, 'merge', { status }, { subresource: 'status' });
  const owner = (o: KubeObject) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  let seq = 0;
  const event = (o: KubeObject, type: string, reason: string, message: string, component: string, first: string, last = first, count = 1, uid = o.metadata.uid) =>
    create('Event', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${o.metadata.name}.${String(++seq).padStart(4, '0')}`, namespace: o.metadata.namespace ?? 'default' },
      involvedObject: { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, uid },
      type,
      reason,
      message,
      source: { component },
      firstTimestamp: first,
      lastTimestamp: last,
      count,
    });
  const pod = async (t: string, name: string, ns: string, labels: Record<string, string>, spec: any, status: any, ownerObj?: KubeObject) => {
    at(t);
    const p = await create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels, ...(ownerObj ? { ownerReferences: owner(ownerObj) } : {}) }, spec });
    return setStatus('Pod', p, status);
  };

  // nodes, as kubeadm and the kubelets left them three days ago
  const cp = kubeadmNode('controlplane', '172.30.1.2', '2026-11-26T21:16:49Z', '2026-11-23T21:17:39Z', { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' });
  const controlplane = await client.patch(kind('Node'), undefined, 'controlplane', 'merge', { metadata: { annotations: cp.object.metadata.annotations } });
  await setStatus('Node', controlplane, cp.status);
  const n1 = kubeadmNode('node01', '172.30.2.2', '2026-11-26T21:16:48Z', '2026-11-23T21:17:38Z');
  const node01 = await create('Node', { ...n1.object, spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } });
  await setStatus('Node', node01, n1.status);
  // TaintNodesByCondition tainted both nodes not-ready at creation; the node lifecycle controller took the
  // taint off once their kubelets reported Ready
  for (const name of ['controlplane', 'node01']) {
    const node = client.get(kind('Node'), undefined, name);
    const taints = (node.spec.taints ?? []).filter((t: { key: string }) => t.key !== 'node.kubernetes.io/not-ready');
    await client.update(kind('Node'), { ...node, spec: { ...node.spec, taints: taints.length ? taints : undefined } });
  }
  const lease = (name: string, renew: string) =>
    create('Lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renew } }, 'coordination.k8s.io');
  await event({ ...node01, metadata: { ...node01.metadata, namespace: undefined } }, 'Normal', 'NodeReady', 'Node node01 status is now: NodeReady', 'kubelet', '2026-11-23T21:17:38Z', '2026-11-23T21:17:38Z', 1, 'node01');

  // kube-system: kube-proxy on every node, the API server's static pod
  at('2026-11-23T21:17:10Z');
  const proxyTemplate = template({ 'k8s-app': 'kube-proxy' }, [container('kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.4')], { nodeSelector: { 'kubernetes.io/os': 'linux' } });
  const ds = await create('DaemonSet', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } }, spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: proxyTemplate } }, 'apps');
  await setStatus('DaemonSet', ds, { desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3, numberMisscheduled: 0 }, 'apps');
  const started = '2026-11-23T21:17:15Z';
  for (const [name, node, ip] of [
    ['kube-proxy-7xk2m', 'controlplane', '172.30.1.2'],
    ['kube-proxy-9dz4h', 'node01', '172.30.2.2'],
    ['kube-proxy-w6c4d', 'node02', '172.30.2.3'],
  ] as const)
    await pod(started, name, 'kube-system', { 'k8s-app': 'kube-proxy' }, { ...proxyTemplate.spec, nodeName: node }, runningStatus(node, ip, started, [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.4', started }]), ds);
  await pod(
    started,
    'kube-apiserver-controlplane',
    'kube-system',
    { component: 'kube-apiserver', tier: 'control-plane' },
    { nodeName: 'controlplane', containers: [{ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.32.4', resources: { requests: { cpu: '250m' } } }] },
    runningStatus('controlplane', '172.30.1.2', started, [{ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.32.4', started }]),
  );

  // deployment web: revision 1 (nginx:1.26) scaled down, revision 2 (nginx:1.27) running three pods
  at('2026-11-26T19:17:10Z');
  const webTemplate = (image: string) => template({ app: 'web' }, [container('nginx', image, { ports: [{ containerPort: 80, protocol: 'TCP' }] })]);
  const web = await create('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: webTemplate('nginx:1.27') },
  }, 'apps');
  await setStatus('Deployment', web, {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-7d9c8b6f5d" has successfully progressed.' },
    ],
  }, 'apps');
  const replicaSet = async (hash: string, image: string, replicas: number, revision: string) => {
    const t = webTemplate(image);
    t.metadata.labels['pod-template-hash'] = hash;
    const rs = await create('ReplicaSet', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        namespace: 'default',
        labels: { app: 'web', 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': revision },
        ownerReferences: owner(web),
      },
      spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: t },
    }, 'apps');
    await setStatus('ReplicaSet', rs, { replicas, readyReplicas: replicas, availableReplicas: replicas }, 'apps');
    return rs;
  };
  await replicaSet('5f6c8d9b7c', 'nginx:1.26', 0, '1');
  await event(web, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5f6c8d9b7c from 0 to 3', 'deployment-controller', ago(120 * 60));
  at('2026-11-26T21:06:10Z');
  const rs = await replicaSet('7d9c8b6f5d', 'nginx:1.27', 3, '2');
  await event(web, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-7d9c8b6f5d from 0 to 1', 'deployment-controller', ago(11 * 60));
  await event(web, 'Normal', 'ScalingReplicaSet', 'Scaled down replica set web-5f6c8d9b7c from 3 to 0', 'deployment-controller', ago(10 * 60));
  const webStart = '2026-11-26T21:06:11Z';
  const webPods: KubeObject[] = [];
  for (const [name, node, ip] of [
    ['web-7d9c8b6f5d-x2xkz', 'node01', '10.244.1.5'],
    ['web-7d9c8b6f5d-m4v9t', 'node01', '10.244.1.7'],
    ['web-7d9c8b6f5d-q8fzn', 'node02', '10.244.2.6'],
  ] as const) {
    const spec = { ...webTemplate('nginx:1.27').spec, nodeName: node };
    webPods.push(await pod(webStart, name, 'default', { app: 'web', 'pod-template-hash': '7d9c8b6f5d' }, spec, runningStatus(node, ip, webStart, [{ name: 'nginx', image: 'nginx:1.27', started: '2026-11-26T21:06:16Z' }]), rs));
  }
  const x2xkz = webPods[0];
  await event(x2xkz, 'Normal', 'Scheduled', 'Successfully assigned default/web-7d9c8b6f5d-x2xkz to node01', 'default-scheduler', ago(11 * 60));
  await event(x2xkz, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"', 'kubelet', ago(10 * 60));
  await event(x2xkz, 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 4.12s (4.12s including waiting). Image size: 72188133 bytes.', 'kubelet', ago(10 * 60));
  await event(x2xkz, 'Normal', 'Created', 'Created container: nginx', 'kubelet', ago(10 * 60));
  await event(x2xkz, 'Normal', 'Started', 'Started container nginx', 'kubelet', ago(10 * 60));

  // services: web in front of the three pods, web-np with no endpoints
  const svc = (name: string, labels: Record<string, string> | undefined, spec: any) =>
    create('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec: { selector: { app: 'web' }, ...spec } });
  await svc('web', { app: 'web' }, { clusterIP: '10.96.45.120', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
  await svc('web-np', undefined, { type: 'NodePort', clusterIP: '10.104.7.3', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] });
  await create(
    'EndpointSlice',
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-vx2ck', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: ['10.244.1.5', '10.244.1.7', '10.244.2.6'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    },
    'discovery.k8s.io',
  );

  // bare pods in many states
  const bare = (name: string, containers: any[], node?: string, extra: Record<string, unknown> = {}) => ({
    serviceAccountName: 'default',
    containers,
    volumes: [API_ACCESS_VOLUME],
    ...(node ? { nodeName: node } : {}),
    ...extra,
  });
  await pod('2026-11-26T20:44:20Z', 'cache-6b7f9c-r2d2x', 'default', { app: 'cache' }, bare('cache', [container('redis', 'redis:7')], 'node01'), runningStatus('node01', '10.244.1.20', '2026-11-26T20:44:20Z', [{ name: 'redis', image: 'redis:7', started: '2026-11-26T20:44:25Z' }]));
  await pod('2026-11-26T21:00:39Z', 'standalone', 'default', { run: 'standalone' }, bare('standalone', [container('standalone', 'nginx')], 'node01'), runningStatus('node01', '10.244.1.30', '2026-11-26T21:00:39Z', [{ name: 'standalone', image: 'nginx', started: '2026-11-26T21:00:44Z' }]));
  await pod('2026-11-26T21:03:53Z', 'sidecar', 'default', { app: 'sidecar' }, bare('sidecar', [container('app', 'nginx:1.27'), container('log-agent', 'busybox:1.36')], 'node02'), runningStatus('node02', '10.244.2.40', '2026-11-26T21:03:53Z', [
    { name: 'app', image: 'nginx:1.27', started: '2026-11-26T21:03:58Z' },
    { name: 'log-agent', image: 'busybox:1.36', started: '2026-11-26T21:03:58Z' },
  ]));
  const crashyStatus = runningStatus('node02', '10.244.2.9', '2026-11-26T21:07:01Z', [{ name: 'crashy', image: 'busybox:1.36', started: '' }]);
  crashyStatus.conditions.find((x: any) => x.type === 'Ready').status = 'False';
  crashyStatus.conditions.find((x: any) => x.type === 'ContainersReady').status = 'False';
  Object.assign(crashyStatus.containerStatuses[0], {
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=crashy pod=crashy_default(1c1e0c8a-7b67-4e0e-a4c5-93f1e8f1a001)' } },
    lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-11-26T21:16:16Z', finishedAt: '2026-11-26T21:16:21Z' } },
    ready: false,
    restartCount: 3,
  });
  const crashy = await pod('2026-11-26T21:07:01Z', 'crashy', 'default', { run: 'crashy' }, bare('crashy', [container('crashy', 'busybox:1.36')], 'node02'), crashyStatus);
  await event(crashy, 'Warning', 'BackOff', 'Back-off restarting failed container crashy in pod crashy_default(1c1e0c8a-7b67-4e0e-a4c5-93f1e8f1a001)', 'kubelet', ago(200), ago(10), 9);
  const initStatus = runningStatus('node02', '10.244.2.14', '2026-11-26T21:07:02Z', [{ name: 'app', image: 'nginx', started: '' }]);
  initStatus.phase = 'Pending';
  initStatus.conditions.find((x: any) => x.type === 'Ready').status = 'False';
  initStatus.conditions.find((x: any) => x.type === 'ContainersReady').status = 'False';
  Object.assign(initStatus.containerStatuses[0], { state: { waiting: { reason: 'PodInitializing' } }, ready: false });
  initStatus.initContainerStatuses = [{ name: 'wait-db', image: 'busybox:1.36', containerID: '', imageID: '', state: { running: { startedAt: '2026-11-26T21:16:52Z' } }, ready: false, restartCount: 0 }];
  await pod('2026-11-26T21:07:02Z', 'initwait', 'default', { run: 'initwait' }, bare('initwait', [container('app', 'nginx')], 'node02', { initContainers: [{ name: 'wait-db', image: 'busybox:1.36' }] }), initStatus);
  await pod('2026-11-26T21:15:50Z', 'badimage', 'default', { run: 'badimage' }, bare('badimage', [container('badimage', 'nginx:no-such-tag')], 'node01'), {
    phase: 'Pending',
    hostIP: '172.30.2.2',
    podIP: '10.244.1.41',
    podIPs: [{ ip: '10.244.1.41' }],
    startTime: '2026-11-26T21:15:50Z',
  });
  const pending = await pod('2026-11-26T21:16:50Z', 'pending', 'default', { run: 'pending' }, bare('pending', [container('pending', 'nginx', { resources: { requests: { cpu: '8' } } })]), {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
  });
  await event(
    pending,
    'Warning',
    'FailedScheduling',
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    'default-scheduler',
    ago(30),
  );

  // deployment slow: created a minute ago, one of three pods available
  at('2026-11-26T21:16:30Z');
  const slow = await create('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'slow', namespace: 'default', labels: { app: 'slow' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'slow' } }, template: template({ app: 'slow' }, [container('app', 'nginx:1.27')]) },
  }, 'apps');
  await setStatus('Deployment', slow, {
    replicas: 3,
    updatedReplicas: 3,
    availableReplicas: 1,
    unavailableReplicas: 2,
    conditions: [
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "slow-6c9d8f7b5c" is progressing.' },
    ],
  }, 'apps');

  // configuration
  await create('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { MODE: 'prod', LEVEL: 'debug' } });
  await create('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-pass', namespace: 'default' }, type: 'Opaque', data: { password: Buffer.from('s3cr3t').toString('base64') } });

  await lease('controlplane', '2026-11-26T21:17:04.000000Z');
  await lease('node01', '2026-11-26T21:17:03.000000Z');
  c.clock.set(RECORDED_NOW);
  return c;
}
