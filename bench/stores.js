// Builds benchmark stores: a default cluster plus N running pods in the default namespace, shaped as
// pods are on a real cluster (bare pods, so no controller deletes them as orphans), written through
// the store in one transaction, then settled by one catch-up of the simulation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCluster } from '../dist/src/cluster/engine.js';
import { WATCH_LOG_SIZE } from '../dist/src/cluster/store/document.js';
import { newUid } from '../dist/src/cluster/meta/names.js';

const HASH = '7c79c4bf97';

/** The body a ReplicaSet controller sends for one of its pods. */
function podBody(name) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': HASH },
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
          volumeMounts: [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      enableServiceLinks: true,
      nodeName: 'controlplane',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      serviceAccount: 'default',
      serviceAccountName: 'default',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
    },
  };
}

function runningStatus(created, i) {
  const t = created.metadata.creationTimestamp;
  const ip = `10.244.${1 + (i >> 8) % 250}.${i % 256}`;
  const cond = (type) => ({ lastProbeTime: null, lastTransitionTime: t, status: 'True', type });
  return {
    ...created.status,
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    containerStatuses: [
      {
        containerID: `containerd://${newUid().replace(/-/g, '')}${newUid().replace(/-/g, '').slice(0, 32)}`,
        image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:6784fb0834aa7dbbe12e3d7471e69c290df3e6ba810dc38b34ae33d3c1c05f7d',
        lastState: {},
        name: 'nginx',
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: t } },
      },
    ],
    hostIP: '172.30.2.2',
    hostIPs: [{ ip: '172.30.2.2' }],
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    startTime: t,
  };
}

/**
 * A fresh home holding a cluster with `pods` running pods. The first pod goes through the API (so its
 * shape is what the API server stores); the rest are copies with their own name, uid, IP and
 * resourceVersion, added in one transaction together with the watch log a real run would have left.
 */
export async function buildStore(pods) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `kubecadet-bench-${pods}-`));
  const engine = await openCluster(home, 'kubernetes');
  const client = engine.client();
  const spec = client.kinds.resolve('pods');
  const first = await client.create(spec, podBody(`web-${HASH}-00000`));
  const template = await client.update(spec, { ...first, status: runningStatus(first, 0) }, { subresource: 'status' });
  await engine.store.transaction((doc) => {
    const map = { ...doc.objects['/pods'] };
    for (let i = 1; i < pods; i++) {
      const obj = structuredClone(template);
      obj.metadata.name = `web-${HASH}-${String(i).padStart(5, '0')}`;
      obj.metadata.uid = newUid();
      obj.status = runningStatus(obj, i);
      doc.resourceVersion += 1;
      obj.metadata.resourceVersion = String(doc.resourceVersion);
      map[`default/${obj.metadata.name}`] = obj;
      doc.events.push({ type: 'ADDED', resource: '/pods', object: obj, rv: doc.resourceVersion });
    }
    doc.objects['/pods'] = map;
    if (doc.events.length > WATCH_LOG_SIZE) doc.events.splice(0, doc.events.length - WATCH_LOG_SIZE);
  });
  // the control plane and kubelet react once here, so the measured commands find a settled cluster
  const start = Date.now();
  await engine.sync();
  return { home, settleMs: Date.now() - start, file: engine.store.file, bytes: fs.statSync(engine.store.file).size };
}
