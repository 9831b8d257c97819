import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { newTestCluster, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { builtinKinds } from '../../../src/cluster/api/resources/index.js';
import { StatusError } from '../../../src/cluster/api/status.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

const MIN = 60_000;

function kind(c: TestCluster, name: string) {
  const spec = c.engine.client().kinds.resolve(name);
  if (!spec) throw new Error(`no kind ${name}`);
  return spec;
}

async function create(c: TestCluster, obj: KubeObject, status?: Record<string, unknown>): Promise<KubeObject> {
  const client = c.engine.client();
  const spec = client.kinds.forObject(obj.apiVersion, obj.kind)!;
  const created = await client.create(spec, obj, obj.metadata.namespace ?? 'default');
  if (!status) return created;
  return client.update(spec, { ...created, status }, { subresource: 'status' });
}

/** The message of the StatusError a create (or an update, with `update`) fails with. */
async function createError(c: TestCluster, obj: KubeObject): Promise<string> {
  try {
    await create(c, obj);
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '(created)';
}

async function updateError(c: TestCluster, obj: KubeObject, change: (o: KubeObject) => void): Promise<string> {
  const client = c.engine.client();
  const spec = client.kinds.forObject(obj.apiVersion, obj.kind)!;
  const live = client.get(spec, obj.metadata.namespace ?? (spec.namespaced ? 'default' : undefined), obj.metadata.name!);
  change(live);
  try {
    await client.update(spec, live);
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '(updated)';
}

const labels = { app: 'web' };
const container = { name: 'nginx', image: 'nginx:1.27' };

function deployment(name = 'web', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } }, ...extra },
  };
}

function workload(kindName: string, name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: kindName,
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } }, ...extra },
  };
}

function job(name: string, extra: Record<string, unknown> = {}, templateSpec: Record<string, unknown> = { restartPolicy: 'Never' }): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], ...templateSpec } }, ...extra },
  };
}

function service(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

const defaultedContainer = {
  name: 'nginx',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};

const defaultedPodSpec = {
  containers: [defaultedContainer],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

t.test('registry', async (t) => {
  t.test('every kind file in resources/ is registered once, in discovery order', async (t) => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../src/cluster/api/resources');
    // a kind file declares its spec with `satisfies KindSpec`; the others are helpers the kinds share
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && fs.readFileSync(path.join(dir, f), 'utf8').includes('satisfies KindSpec'));
    const registered = new Set(builtinKinds.map((k) => k.kind.charAt(0).toLowerCase() + k.kind.slice(1) + '.ts'));
    for (const f of files) t.ok(registered.has(f), `${f} is registered`);
    t.equal(builtinKinds.length, files.length);
    // core first, then the groups in the API server's priority order, each group's resources sorted
    const order = [
      '',
      'apps',
      'autoscaling',
      'batch',
      'certificates.k8s.io',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'apiextensions.k8s.io',
      'scheduling.k8s.io',
      'coordination.k8s.io',
      'node.k8s.io',
      'discovery.k8s.io',
    ];
    const groups = [...new Set(builtinKinds.map((k) => k.group))];
    t.same(groups, order.filter((g) => groups.includes(g)));
    for (const g of groups) {
      const plurals = builtinKinds.filter((k) => k.group === g).map((k) => k.plural);
      t.same(plurals, [...plurals].sort(), `${g || 'core'} resources are sorted`);
    }
  });

  t.test('names, short names and categories resolve as in discovery', async (t) => {
    const c = await newTestCluster({ fixture: 'bare', simulate: false });
    const cases: [string, string, string][] = [
      ['svc', '', 'services'],
      ['ep', '', 'endpoints'],
      ['sa', '', 'serviceaccounts'],
      ['ev', '', 'events'],
      ['secret', '', 'secrets'],
      ['deploy', 'apps', 'deployments'],
      ['rs', 'apps', 'replicasets'],
      ['ds', 'apps', 'daemonsets'],
      ['sts', 'apps', 'statefulsets'],
      ['jobs', 'batch', 'jobs'],
      ['cj', 'batch', 'cronjobs'],
      ['endpointslices', 'discovery.k8s.io', 'endpointslices'],
      ['lease', 'coordination.k8s.io', 'leases'],
    ];
    for (const [name, group, plural] of cases) {
      const k = kind(c, name);
      t.equal(`${k.group}/${k.plural}`, `${group}/${plural}`, name);
    }
    const all = c.engine.client().kinds.all().filter((k) => (k.categories ?? []).includes('all')).map((k) => k.plural);
    t.same(
      all.filter((p) => ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs'].includes(p)),
      ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs'],
    );
    for (const p of ['jobs', 'secrets', 'leases', 'endpointslices']) t.same(c.engine.client().kinds.all().find((k) => k.plural === p)?.shortNames ?? [], [], `${p} has no short name`);
  });
  t.end();
});

t.test('defaults a learner sees in -o yaml', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });

  t.test('Deployment: strategy, history, deadline and the pod template', async (t) => {
    const d = await create(c, deployment('web'));
    t.same(d.spec, {
      progressDeadlineSeconds: 600,
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: { metadata: { creationTimestamp: null, labels }, spec: defaultedPodSpec },
    });
    t.same(d.status, {});
    t.equal(d.metadata.generation, 1);
    const sa = await create(c, { ...deployment('sa'), spec: { ...deployment('sa').spec, template: { metadata: { labels }, spec: { serviceAccountName: 'builder', containers: [container] } } } });
    t.same([sa.spec.template.spec.serviceAccountName, sa.spec.template.spec.serviceAccount], ['builder', 'builder'], 'serviceAccount mirrors serviceAccountName');
    const one = await create(c, { ...deployment('one'), spec: { ...deployment('one').spec, replicas: undefined, strategy: { type: 'Recreate' } } });
    t.equal(one.spec.replicas, 1);
    t.same(one.spec.strategy, { type: 'Recreate' });
  });

  t.test('ReplicaSet, DaemonSet, StatefulSet', async (t) => {
    const rs = await create(c, workload('ReplicaSet', 'rs'));
    t.equal(rs.spec.replicas, 1);
    t.same(rs.status, { replicas: 0 });
    const ds = await create(c, workload('DaemonSet', 'ds'));
    t.same(ds.spec.updateStrategy, { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' });
    t.equal(ds.spec.revisionHistoryLimit, 10);
    t.same(ds.status, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
    t.same(ds.metadata.annotations, { 'deprecated.daemonset.template.generation': '1' });
    const client = c.engine.client();
    const relabelled = await client.update(kind(c, 'ds'), { ...ds, metadata: { ...ds.metadata, labels: { tier: 'node' } } });
    t.equal(relabelled.metadata.annotations!['deprecated.daemonset.template.generation'], '1', 'a metadata change keeps the template generation');
    const retemplated = await client.update(kind(c, 'ds'), {
      ...relabelled,
      spec: { ...relabelled.spec, template: { ...relabelled.spec.template, spec: { ...relabelled.spec.template.spec, containers: [{ ...defaultedContainer, image: 'nginx:1.28' }] } } },
    });
    t.equal(retemplated.metadata.annotations!['deprecated.daemonset.template.generation'], '2', 'a template change bumps it');
    const sts = await create(
      c,
      workload('StatefulSet', 'db', {
        serviceName: 'db',
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      }),
    );
    t.same(sts.spec.updateStrategy, { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' });
    t.equal(sts.spec.podManagementPolicy, 'OrderedReady');
    t.same(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    t.equal(sts.spec.replicas, 1);
    t.same(sts.spec.volumeClaimTemplates[0], {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { creationTimestamp: null, name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  t.test('Job: counts, policies, the generated selector and labels; restartPolicy is not defaulted', async (t) => {
    const j = await create(c, job('pi'));
    const uid = j.metadata.uid!;
    const generated = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    t.same(j.metadata.labels, generated);
    t.same(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    t.same(j.spec.template.metadata, { creationTimestamp: null, labels: generated });
    t.match(j.spec, { backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', suspend: false });
    t.equal(j.spec.manualSelector, undefined);
    t.equal(j.spec.template.spec.restartPolicy, 'Never');
    t.same(j.status, {});
    const par = await create(c, job('par', { parallelism: 3 }));
    t.equal(par.spec.completions, undefined);
    t.equal(par.spec.parallelism, 3);
    const own = await create(c, { ...job('own'), metadata: { name: 'own', namespace: 'default', labels: { team: 'a' } } });
    t.same(own.metadata.labels, { team: 'a' });
  });

  t.test('CronJob: policies and history limits; the job template keeps no Job defaults', async (t) => {
    const cj = await create(c, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container] } } } } },
    });
    t.same(cj.spec, {
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { ...defaultedPodSpec, restartPolicy: 'OnFailure' } } },
      },
      schedule: '*/1 * * * *',
      successfulJobsHistoryLimit: 3,
      suspend: false,
    });
  });

  t.test('Service: type, affinity, protocol, targetPort, traffic policies, IP families', async (t) => {
    const s = await create(c, service('web', { selector: labels, ports: [{ port: 80 }] }));
    t.match(s.spec.clusterIP, /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    t.same(s.spec, {
      clusterIP: s.spec.clusterIP,
      clusterIPs: [s.spec.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: labels,
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    t.same(s.status, { loadBalancer: {} });
    const lb = await create(c, service('lb', { type: 'LoadBalancer', selector: labels, ports: [{ port: 443, targetPort: 'https' }], sessionAffinity: 'ClientIP' }));
    t.equal(lb.spec.allocateLoadBalancerNodePorts, true);
    t.equal(lb.spec.externalTrafficPolicy, 'Cluster');
    t.same(lb.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
    t.equal(lb.spec.ports[0].targetPort, 'https');
    t.equal(lb.spec.healthCheckNodePort, undefined);
    const local = await create(c, service('local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: labels, ports: [{ port: 80 }] }));
    t.ok(local.spec.healthCheckNodePort >= 30000 && local.spec.healthCheckNodePort <= 32767 && local.spec.healthCheckNodePort !== local.spec.ports[0].nodePort, 'a Local LoadBalancer gets a health-check node port');
    t.ok(lb.spec.ports[0].nodePort >= 30086 && lb.spec.ports[0].nodePort <= 32767, 'node port from the dynamic band');
    const headless = await create(c, service('db', { clusterIP: 'None', selector: labels, ports: [{ port: 5432 }] }));
    t.same([headless.spec.clusterIP, headless.spec.clusterIPs], ['None', ['None']]);
    const ext = await create(c, service('ext', { type: 'ExternalName', externalName: 'db.example.com' }));
    t.equal(ext.spec.clusterIP, undefined);
    t.equal(ext.spec.ipFamilies, undefined);
  });

  t.test('Secret: type Opaque, stringData folded into data', async (t) => {
    const s = await create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'hunter2' } });
    t.equal(s.type, 'Opaque');
    t.same(s.data, { password: 'aHVudGVyMg==' });
    t.equal(s.stringData, undefined);
  });
  t.end();
});

t.test('Service allocation', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const kubernetesSvc = await create(c, service('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }));
  t.equal(kubernetesSvc.spec.clusterIP, '10.96.0.1');
  const seen = new Set<string>(['10.96.0.1']);
  for (let i = 0; i < 20; i++) {
    const s = await create(c, service(`s${i}`, { ports: [{ port: 80 }] }));
    const ip = s.spec.clusterIP as string;
    const [a, b, x] = ip.split('.').map(Number);
    t.ok(a === 10 && b >= 96 && b <= 111, `${ip} is in 10.96.0.0/12`);
    t.ok(b > 96 || x >= 1, `${ip} is above the static band`);
    t.notOk(seen.has(ip), `${ip} is not handed out twice`);
    seen.add(ip);
  }
  const cases = [
    {
      name: 'a taken clusterIP is refused',
      svc: service('dup', { clusterIP: '10.96.0.1', ports: [{ port: 80 }] }),
      want: 'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    },
    {
      name: 'a clusterIP outside the range is refused',
      svc: service('out', { clusterIP: '10.0.0.5', ports: [{ port: 80 }] }),
      want: 'Service "out" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'a node port outside the range is refused',
      svc: service('np80', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
      want: 'Service "np80" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
  ];
  await create(c, service('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
  cases.push({
    name: 'a taken node port is refused',
    svc: service('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    want: 'Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
  });
  for (const k of cases) t.equal(await createError(c, k.svc), k.want, k.name);

  t.test('a full node-port range is an internal error, as from the allocator', async (t) => {
    const svcSpec = builtinKinds.find((k) => k.kind === 'Service')!;
    const taken = Array.from({ length: 32767 - 30000 + 1 }, (_, i) => ({ port: 80, nodePort: 30000 + i }));
    const ctx = {
      now: () => 0,
      list: () => [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'hog', uid: 'u' }, spec: { clusterIPs: ['10.96.0.1'], ports: taken } }],
      sim: {},
      random: () => 0.5,
    };
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'late', uid: 'v' }, spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP' }] } };
    t.throws(() => svcSpec.prepareForCreate!(obj, ctx), { reason: 'InternalError', message: 'Internal error occurred: failed to allocate a nodePort: range is full' });
  });

  t.test('an update keeps the allocated IP and node ports, and may not change them', async (t) => {
    const before = c.engine.client().get(kind(c, 'svc'), 'default', 'np');
    const client = c.engine.client();
    const after = await client.update(kind(c, 'svc'), {
      ...before,
      spec: { type: 'NodePort', ports: [{ port: 80 }], selector: { app: 'x' } },
    });
    t.equal(after.spec.clusterIP, before.spec.clusterIP);
    t.equal(after.spec.ports[0].nodePort, 30080);
    t.equal(
      await updateError(c, before, (o) => {
        o.spec.clusterIP = '10.96.5.5';
        o.spec.clusterIPs = ['10.96.5.5'];
      }),
      'Service "np" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set',
    );
    const cip = await client.update(kind(c, 'svc'), { ...client.get(kind(c, 'svc'), 'default', 'np'), spec: { ...after.spec, type: 'ClusterIP' } });
    t.equal(cip.spec.ports[0].nodePort, undefined, 'node ports go when the type becomes ClusterIP');
    t.equal(cip.spec.externalTrafficPolicy, undefined, 'the external traffic policy goes with the NodePort type');
  });
  t.end();
});

t.test('validation messages', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const d = deployment();
  const cases: { name: string; obj: KubeObject; want: string }[] = [
    {
      name: 'a Deployment without a selector',
      obj: { ...d, spec: { ...d.spec, selector: undefined } },
      want: 'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    },
    {
      name: 'a Deployment whose selector does not match its template',
      obj: { ...d, spec: { ...d.spec, selector: { matchLabels: { app: 'other' } } } },
      want: 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    },
    {
      name: 'a Deployment with an empty selector',
      obj: { ...d, spec: { ...d.spec, selector: {} } },
      want: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    },
    {
      name: 'a Deployment whose pods would not restart',
      obj: { ...d, spec: { ...d.spec, template: { metadata: { labels }, spec: { containers: [container], restartPolicy: 'Never' } } } },
      want: 'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    },
    {
      name: 'a Deployment with negative replicas',
      obj: { ...d, spec: { ...d.spec, replicas: -1 } },
      want: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    },
    {
      name: 'a Deployment with no surge and no unavailability',
      obj: { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
      want: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    },
    {
      name: 'a Deployment with an unknown strategy',
      obj: { ...d, spec: { ...d.spec, strategy: { type: 'BlueGreen' } } },
      want: 'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    },
    {
      name: 'a Deployment that may lose more than all its pods',
      obj: { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '200%', maxUnavailable: '120%' } } } },
      want: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    },
    {
      name: 'a Deployment surge that is no percentage',
      obj: { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'half' } } } },
      want: "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    },
    {
      name: 'a DaemonSet without a selector',
      obj: workload('DaemonSet', 'ds', { selector: undefined }),
      want: 'DaemonSet.apps "ds" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    },
    {
      name: 'a DaemonSet that both surges and makes pods unavailable',
      obj: workload('DaemonSet', 'ds', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }),
      want: 'DaemonSet.apps "ds" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    },
    {
      name: 'a DaemonSet with an unknown update strategy',
      obj: workload('DaemonSet', 'ds', { updateStrategy: { type: 'Recreate' } }),
      want: 'DaemonSet.apps "ds" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    },
    {
      name: 'a StatefulSet with unknown policies',
      obj: workload('StatefulSet', 'db', { podManagementPolicy: 'AllAtOnce', updateStrategy: { type: 'Rolling' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      want: "StatefulSet.apps \"db\" is invalid: [spec.podManagementPolicy: Invalid value: \"AllAtOnce\": must be 'OrderedReady' or 'Parallel', spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Rolling\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete', spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"]",
    },
    {
      name: 'a StatefulSet whose template misses an image is not the API server\'s concern',
      obj: workload('StatefulSet', 'noimage', { template: { metadata: { labels }, spec: { containers: [{ name: 'db' }] } } }),
      want: '(created)',
    },
    {
      name: 'a Deployment container without an image',
      obj: { ...d, spec: { ...d.spec, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx' }] } } } },
      want: 'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    },
    {
      name: 'a DaemonSet with an empty selector',
      obj: workload('DaemonSet', 'ds', { selector: {} }),
      want: 'DaemonSet.apps "ds" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    },
    {
      name: 'a Job without a restart policy',
      obj: job('pi', {}, {}),
      want: 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    },
    {
      name: 'a Job that restarts Always',
      obj: job('pi', {}, { restartPolicy: 'Always' }),
      want: 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    },
    {
      name: 'an Indexed Job whose last pod name would be too long',
      obj: job('a'.repeat(62), { completionMode: 'Indexed', completions: 10 }),
      want: `Job.batch "${'a'.repeat(62)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`,
    },
    {
      name: 'a Job with a negative backoff limit',
      obj: job('pi', { backoffLimit: -1 }),
      want: 'Job.batch "pi" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    },
    {
      name: 'a CronJob with too few schedule fields',
      obj: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj', namespace: 'default' },
        spec: { schedule: '* * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } } } } },
      },
      want: 'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
    },
    {
      name: 'a CronJob minute out of range',
      obj: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj', namespace: 'default' },
        spec: { schedule: '61 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } } } } },
      },
      want: 'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    },
    {
      name: 'a CronJob in an unknown time zone',
      obj: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj', namespace: 'default' },
        spec: { schedule: '@daily', timeZone: 'Mars/Olympus', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } } } } },
      },
      want: 'CronJob.batch "cj" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    },
    {
      name: 'a CronJob without a restart policy in its job template',
      obj: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj', namespace: 'default' },
        spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { containers: [container] } } } } },
      },
      want: 'CronJob.batch "cj" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    },
    {
      name: 'a Service named with a leading digit',
      obj: service('1web', { ports: [{ port: 80 }] }),
      want: 'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    },
    {
      name: 'a Service port out of range',
      obj: service('web', { ports: [{ port: 70000 }] }),
      want: 'Service "web" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    },
    {
      name: 'a Service listing one port twice',
      obj: service('web', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, targetPort: 8080 }] }),
      want: 'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    },
    {
      name: 'a Service asking for a clusterIP that is no IP',
      obj: service('web', { clusterIP: 'auto', ports: [{ port: 80 }] }),
      want: 'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "auto": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    },
    {
      name: 'an old-style Event about an object in another namespace',
      obj: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'kube-system' }, reason: 'X' },
      want: 'Event "e" is invalid: involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace',
    },
    {
      name: 'a new-style Event without its reporter',
      obj: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, eventTime: '2026-01-01T12:00:00.000000Z', reason: 'X' },
      want: 'Event "e" is invalid: [reportingComponent: Required value, reportingInstance: Required value, action: Required value]',
    },
    {
      name: 'a Service without ports',
      obj: service('web', { selector: labels }),
      want: 'Service "web" is invalid: spec.ports: Required value',
    },
    {
      name: 'a two-port Service without port names',
      obj: service('web', { ports: [{ port: 80 }, { port: 443 }] }),
      want: 'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    },
    {
      name: 'a Service of an unknown type',
      obj: service('web', { type: 'Internal', ports: [{ port: 80 }] }),
      want: 'Service "web" is invalid: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    },
    {
      name: 'a ClusterIP Service asking for a node port',
      obj: service('web', { ports: [{ port: 80, nodePort: 30001 }] }),
      want: "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    },
    {
      name: 'a headless NodePort Service',
      obj: service('web', { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }),
      want: "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    },
    {
      name: 'an ExternalName Service with a cluster IP',
      obj: service('web', { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.96.0.50' }),
      want: 'Service "web" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    },
    {
      name: 'an ExternalName Service without a name',
      obj: service('web', { type: 'ExternalName' }),
      want: 'Service "web" is invalid: spec.externalName: Required value',
    },
    {
      name: 'a TLS Secret without its key',
      obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0' } },
      want: 'Secret "tls" is invalid: data[tls.key]: Required value',
    },
    {
      name: 'a Pod asking for more than its limit',
      obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ ...container, resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] } },
      want: 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    },
    {
      name: 'a Pod probe with two handlers and a second success threshold',
      obj: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: { containers: [{ ...container, livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 }, successThreshold: 2 } }] },
      },
      want: 'Pod "p" is invalid: [spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type, spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1]',
    },
    {
      name: 'a Pod toleration that both exists and has a value, and one with seconds on NoSchedule',
      obj: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: {
          containers: [container],
          tolerations: [
            { key: 'k', operator: 'Exists', value: 'x' },
            { key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule', tolerationSeconds: 60 },
          ],
        },
      },
      want: "Pod \"p\" is invalid: [spec.tolerations[0].operator: Invalid value: core.Toleration{Key:\"k\", Operator:\"Exists\", Value:\"x\", Effect:\"\", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is 'Exists', spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set]",
    },
    {
      name: 'a Pod probe without a handler',
      obj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ ...container, readinessProbe: { periodSeconds: 5 } }] } },
      want: 'Pod "p" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type',
    },
    {
      name: 'a Secret with a bad key',
      obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { 'a b': 'eA==' } },
      want: 'Secret "s" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')',
    },
    {
      name: 'a ConfigMap key in both data and binaryData',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { k: 'v' }, binaryData: { k: 'dg==' } },
      want: 'ConfigMap "cm" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData',
    },
    {
      name: 'a Lease with a zero duration',
      obj: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l', namespace: 'default' }, spec: { leaseDurationSeconds: 0 } },
      want: 'Lease.coordination.k8s.io "l" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    },
    {
      name: 'an EndpointSlice without an address type',
      obj: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e', namespace: 'default' }, endpoints: [] },
      want: 'EndpointSlice.discovery.k8s.io "e" is invalid: addressType: Required value',
    },
  ];
  for (const k of cases) t.equal(await createError(c, k.obj), k.want, k.name);
  // generateSelector adds the uid to a selector the user gave, which then selects none of the template's pods
  t.match(
    await createError(c, job('pi', { selector: { matchLabels: { app: 'pi' } } })),
    /^Job\.batch "pi" is invalid: \[spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"pi", "batch\.kubernetes\.io\/controller-uid":"([-0-9a-f]{36})"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: `selector` not auto-generated, spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"batch\.kubernetes\.io\/controller-uid":"\1", "batch\.kubernetes\.io\/job-name":"pi", "controller-uid":"\1", "job-name":"pi"\}: `selector` does not match template `labels`\]$/,
  );

  t.test('updates', async (t) => {
    await create(c, deployment('web'));
    t.equal(
      await updateError(c, deployment('web'), (o) => {
        o.spec.selector = { matchLabels: { app: 'web2' } };
        o.spec.template.metadata.labels = { app: 'web2' };
      }),
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const client = c.engine.client();
    const live = client.get(kind(c, 'deploy'), 'default', 'web');
    const scaled = await client.update(kind(c, 'deploy'), { ...live, spec: { ...live.spec, replicas: 5 } });
    t.equal(scaled.metadata.generation, 2, 'a spec change bumps the generation');
    await create(c, workload('StatefulSet', 'db', { serviceName: 'db' }));
    t.equal(
      await updateError(c, workload('StatefulSet', 'db'), (o) => {
        o.spec.serviceName = 'other';
      }),
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    await create(c, job('pi'));
    t.equal(
      await updateError(c, job('pi'), (o) => {
        o.spec.selector = { matchLabels: { x: 'y' } };
      }),
      'Job.batch "pi" is invalid: [spec.template.metadata.labels: Invalid value: ' +
        goLabels(client.get(kind(c, 'job'), 'default', 'pi').spec.template.metadata.labels) +
        ': `selector` does not match template `labels`, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"x":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable]',
    );
    await create(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frozen', namespace: 'default' }, immutable: true, data: { a: 'x' } });
    t.equal(
      await updateError(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frozen', namespace: 'default' } }, (o) => {
        o.data = { a: 'y' };
      }),
      'ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
    await create(c, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node09' } });
    t.equal(
      await updateError(c, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node09' } }, (o) => {
        o.spec = { taints: [{ key: 'gpu', effect: 'NoSchedule' }, { key: 'gpu', value: 'yes', effect: 'NoSchedule' }, { key: 'x', effect: 'Sometimes' }] };
      }),
      'Node "node09" is invalid: [spec.taints[1]: Duplicate value: core.Taint{Key:"gpu", Value:"yes", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair, spec.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"]',
    );
    await create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'Opaque', data: { a: 'eA==' } });
    t.equal(
      await updateError(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' } }, (o) => {
        o.type = 'kubernetes.io/basic-auth';
        o.data = { username: 'eA==' };
      }),
      'Secret "tls" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    );
  });
  t.end();
});

/**
 * kubectl's table layout (tabwriter with minwidth 6, padding 3, the last column unpadded), so expected
 * tables are written as cells.
 */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('').trimEnd() + '\n').join('');
}

function goLabels(m: Record<string, string>): string {
  return `map[string]string{${Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ')}}`;
}

t.test('get tables', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const t0 = c.engine.clock.now();
  const at = (ms: number) => new Date(t0 + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  await create(c, deployment('web'), { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 });
  await create(c, workload('ReplicaSet', 'web-7d9c8b6f5d', { replicas: 3 }), { replicas: 3, readyReplicas: 3 });
  await create(c, workload('DaemonSet', 'agent', { template: { metadata: { labels }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [container] } } }), {
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    numberReady: 2,
    updatedNumberScheduled: 3,
    numberAvailable: 2,
    numberMisscheduled: 0,
  });
  await create(c, workload('StatefulSet', 'db', { serviceName: 'db', replicas: 2 }), { replicas: 2, readyReplicas: 1, availableReplicas: 1 });
  await create(c, service('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }));
  await create(c, service('web-np', { type: 'NodePort', clusterIP: '10.104.7.3', selector: labels, ports: [{ port: 80, nodePort: 30080 }] }));
  await create(c, service('lb', { type: 'LoadBalancer', clusterIP: '10.96.45.120', selector: labels, ports: [{ port: 80, nodePort: 31000 }, ] }));
  await create(c, service('ext', { type: 'ExternalName', externalName: 'db.example.com' }));
  await create(c, job('pi'), { startTime: at(0), completionTime: at(65_000), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
  await create(c, job('par', { parallelism: 3 }), { startTime: at(0), active: 3 });
  await create(c, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule: '*/5 * * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } } },
  });
  await create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { user: 'YQ==', pass: 'Yg==' } });
  await create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==', 'tls.key': 'Yg==' } });
  await create(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
  await create(c, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ port: 80 }, { port: 443, name: 'https' }] }],
  });
  await create(c, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'none', namespace: 'default' } });
  await create(c, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', namespace: 'default' },
    addressType: 'IPv4',
    ports: [{ port: 80 }],
    endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }],
  });
  await create(c, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'empty', namespace: 'default' }, addressType: 'IPv4' });
  await create(c, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node01', namespace: 'default' }, spec: { holderIdentity: 'node01', leaseDurationSeconds: 40 } });
  await create(c, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web-1.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled',
    message: '  Container image "nginx:1.27" already present on machine\n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node01' },
    firstTimestamp: at(0),
    lastTimestamp: at(60_000),
    count: 2,
  });
  await create(c, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17b', namespace: 'default' },
    involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' },
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-7d9c8b6f5d to 3',
    type: 'Normal',
    reportingComponent: 'deployment-controller',
    reportingInstance: 'kube-controller-manager-controlplane',
    action: 'Scale',
    eventTime: at(30_000) .replace('Z', '.000000Z'),
  });
  c.advance(2 * MIN);

  const cases = [
    {
      args: 'get deploy -o wide',
      want: table([
        ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['web', '2/3', '3', '2', '2m', 'nginx', 'nginx:1.27', 'app=web'],
      ]),
    },
    {
      args: 'get rs,ds,sts',
      want: [
        table([
          ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
          ['replicaset.apps/web-7d9c8b6f5d', '3', '3', '3', '2m'],
        ]),
        table([
          ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
          ['daemonset.apps/agent', '3', '3', '2', '3', '2', 'kubernetes.io/os=linux', '2m'],
        ]),
        table([
          ['NAME', 'READY', 'AGE'],
          ['statefulset.apps/db', '1/2', '2m'],
        ]),
      ].join('\n'),
    },
    {
      args: 'get svc -o wide',
      want: table([
        ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
        ['ext', 'ExternalName', '<none>', 'db.example.com', '<none>', '2m', '<none>'],
        ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '2m', '<none>'],
        ['lb', 'LoadBalancer', '10.96.45.120', '<pending>', '80:31000/TCP', '2m', 'app=web'],
        ['web-np', 'NodePort', '10.104.7.3', '<none>', '80:30080/TCP', '2m', 'app=web'],
      ]),
    },
    {
      args: 'get jobs',
      want: table([
        ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
        ['par', 'Running', '0/1 of 3', '2m', '2m'],
        ['pi', 'Complete', '1/1', '65s', '2m'],
      ]),
    },
    {
      args: 'get cj -o wide',
      want: table([
        ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['hello', '*/5 * * * *', 'Etc/UTC', 'False', '0', '<none>', '2m', 'hello', 'busybox', '<none>'],
      ]),
    },
    {
      args: 'get secrets,sa',
      want: [
        table([
          ['NAME', 'TYPE', 'DATA', 'AGE'],
          ['secret/creds', 'Opaque', '2', '2m'],
          ['secret/tls', 'kubernetes.io/tls', '2', '2m'],
        ]),
        table([
          ['NAME', 'SECRETS', 'AGE'],
          ['serviceaccount/builder', '0', '2m'],
        ]),
      ].join('\n'),
    },
    {
      args: 'get ep,endpointslices',
      want: [
        table([
          ['NAME', 'ENDPOINTS', 'AGE'],
          ['endpoints/none', '<none>', '2m'],
          ['endpoints/web', '10.244.1.5:80,10.244.2.7:80,10.244.1.5:443 + 1 more...', '2m'],
        ]),
        table([
          ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
          ['endpointslice.discovery.k8s.io/empty', 'IPv4', '<unset>', '<unset>', '2m'],
          ['endpointslice.discovery.k8s.io/web-abcde', 'IPv4', '80', '10.244.1.5,10.244.2.7', '2m'],
        ]),
      ].join('\n'),
    },
    {
      args: 'get leases',
      want: table([
        ['NAME', 'HOLDER', 'AGE'],
        ['node01', 'node01', '2m'],
      ]),
    },
    {
      args: 'get events',
      want: table([
        ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
        ['60s', 'Normal', 'Pulled', 'pod/web-1', 'Container image "nginx:1.27" already present on machine'],
        ['90s', 'Normal', 'ScalingReplicaSet', 'deployment/web', 'Scaled up replica set web-7d9c8b6f5d to 3'],
      ]),
    },
    {
      args: 'get events -o wide',
      want: table([
        ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
        ['60s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{nginx}', 'kubelet, node01', 'Container image "nginx:1.27" already present on machine', '2m', '2', 'web-1.17a'],
        ['90s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller, kube-controller-manager-controlplane', 'Scaled up replica set web-7d9c8b6f5d to 3', '90s', '1', 'web.17b'],
      ]),
    },
    {
      args: 'get secrets --field-selector type=kubernetes.io/tls',
      want: table([
        ['NAME', 'TYPE', 'DATA', 'AGE'],
        ['tls', 'kubernetes.io/tls', '2', '2m'],
      ]),
    },
    {
      args: 'get events --field-selector involvedObject.kind=Deployment,reason=ScalingReplicaSet -o name',
      want: 'event/web.17b\n',
    },
    {
      args: 'get rs --field-selector status.replicas=3 -o name',
      want: 'replicaset.apps/web-7d9c8b6f5d\n',
    },
    {
      args: 'get jobs --field-selector status.successful=1 -o name',
      want: 'job.batch/pi\n',
    },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stderr, '', k.args);
    t.equal(r.stdout, k.want, k.args);
  }
});

t.test('pods get what only a Pod gets', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const pod = await create(c, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { hostNetwork: true, containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '500m', memory: '128Mi' } } }] },
  });
  t.equal(pod.spec.enableServiceLinks, true);
  t.same(pod.spec.containers[0].resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
  t.same(pod.spec.containers[0].ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  t.same(pod.status, { phase: 'Pending', qosClass: 'Guaranteed' });
  const d = await create(c, {
    ...deployment('lim'),
    spec: { ...deployment('lim').spec, template: { metadata: { labels }, spec: { containers: [{ ...container, resources: { limits: { cpu: '1' } } }] } } },
  });
  t.same(d.spec.template.spec.containers[0].resources, { limits: { cpu: '1' } }, 'a template keeps its limits without requests');
  t.equal(d.spec.template.spec.enableServiceLinks, undefined);
});

t.test('the other kinds: defaults', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const rc = await create(c, {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'rc', namespace: 'default' },
    spec: { template: { metadata: { labels }, spec: { containers: [container] } } },
  });
  t.same([rc.spec.selector, rc.metadata.labels, rc.spec.replicas, rc.status], [labels, labels, 1, { replicas: 0 }], 'RC selector and labels from the template');
  const lr = await create(c, {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'lr', namespace: 'default' },
    spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] },
  });
  t.same(lr.spec.limits[0], { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
  const pv = await create(c, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv1' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
  });
  t.same(pv.spec, { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/data', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
  t.same(pv.status, { phase: 'Pending', lastPhaseTransitionTime: pv.metadata.creationTimestamp });
  const pvc = await create(c, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  t.equal(pvc.spec.volumeMode, 'Filesystem');
  t.same(pvc.status, { phase: 'Pending' });
  const hpa = await create(c, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
  });
  t.equal(hpa.spec.minReplicas, 1);
  t.same(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  t.same(hpa.spec.behavior, {
    scaleDown: { policies: [{ periodSeconds: 15, type: 'Percent', value: 100 }], selectPolicy: 'Max', stabilizationWindowSeconds: 60 },
    scaleUp: {
      policies: [
        { periodSeconds: 15, type: 'Pods', value: 4 },
        { periodSeconds: 15, type: 'Percent', value: 100 },
      ],
      selectPolicy: 'Max',
      stabilizationWindowSeconds: 0,
    },
  });
  t.same(hpa.status, { desiredReplicas: 0 });
  const np = await create(c, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'np', namespace: 'default' },
    spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] },
  });
  t.same(np.spec, { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
  const rb = await create(c, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb', namespace: 'default' },
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'default' }],
  });
  t.same(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
  t.same(rb.subjects.map((s: any) => s.apiGroup), ['rbac.authorization.k8s.io', undefined], "a ServiceAccount subject's group is the core group, which the API omits");
  const sc = await create(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path' });
  t.same([sc.reclaimPolicy, sc.volumeBindingMode], ['Delete', 'Immediate']);
  const pc = await create(c, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  t.equal(pc.preemptionPolicy, 'PreemptLowerPriority');
  const pdb = await create(c, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: labels } } });
  t.same(pdb.status, { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  t.equal(pdb.metadata.generation, 1);
  const ing = await create(c, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'default' },
    spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  });
  t.same(ing.status, { loadBalancer: {} });

  t.test('Secret data that is not base64 fails the decode where Go\'s decoder stops', async (t) => {
    const cases: [string, number][] = [
      ['admin', 4],
      ['APIKEY_BASE64', 6],
      ['<foo>', 0],
      ['aGk', 0],
    ];
    for (const [value, at] of cases) {
      try {
        await create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's2', namespace: 'default' }, data: { user: value } });
        t.fail(`created with ${value}`);
      } catch (e) {
        t.equal((e as StatusError).reason, 'BadRequest');
        t.equal((e as StatusError).message, `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`, value);
      }
    }
  });

  t.test('a bad quantity fails the decode with 400 BadRequest', async (t) => {
    try {
      await create(c, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: 'ten' } } });
      t.fail('created');
    } catch (e) {
      t.equal((e as StatusError).reason, 'BadRequest');
      t.equal(
        (e as StatusError).message,
        'ResourceQuota in version "v1" cannot be handled as a ResourceQuota: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      );
    }
  });
  t.end();
});

t.test('the other kinds: validation messages', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const rbac = 'rbac.authorization.k8s.io/v1';
  const cases: { name: string; obj: KubeObject; want: string }[] = [
    {
      name: 'a Role rule without verbs or resources',
      obj: { apiVersion: rbac, kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ apiGroups: [''] }] },
      want: 'Role.rbac.authorization.k8s.io "r" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].resources: Required value: resource rules must supply at least one resource]',
    },
    {
      name: 'a Role rule on a non-resource URL',
      obj: { apiVersion: rbac, kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] },
      want: 'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    },
    {
      name: 'a Role named with a slash',
      obj: { apiVersion: rbac, kind: 'Role', metadata: { name: 'a/b', namespace: 'default' }, rules: [] },
      want: 'Role.rbac.authorization.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain \'/\'',
    },
    {
      name: 'a ClusterRoleBinding to a Role',
      obj: { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: 'crb' }, roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'ServiceAccount', name: 'ci' }] },
      want: 'ClusterRoleBinding.rbac.authorization.k8s.io "crb" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]',
    },
    {
      name: 'a RoleBinding subject of an unknown kind',
      obj: { apiVersion: rbac, kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'default' }, roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'user', name: 'jane' }] },
      want: 'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: subjects[0].kind: Unsupported value: "user": supported values: "ServiceAccount", "User", "Group"',
    },
    {
      name: 'a PersistentVolume without access modes, capacity or source',
      obj: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: {} },
      want: 'PersistentVolume "pv" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, spec: Required value: must specify a volume type]',
    },
    {
      name: 'a namespaced PersistentVolume',
      obj: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv', namespace: 'default' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } } },
      want: 'PersistentVolume "pv" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    },
    {
      name: 'a PersistentVolumeClaim with an unknown access mode and no request',
      obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default' }, spec: { accessModes: ['ReadWriteAll'] } },
      want: 'PersistentVolumeClaim "c" is invalid: [spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", spec.resources[storage]: Required value]',
    },
    {
      name: 'a ReplicationController whose selector misses its template',
      obj: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: { selector: { app: 'x' }, template: { metadata: { labels }, spec: { containers: [container] } } } },
      want: 'ReplicationController "rc" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    },
    {
      name: 'a StorageClass without a provisioner',
      obj: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, reclaimPolicy: 'Recycle' },
      want: 'StorageClass.storage.k8s.io "sc" is invalid: [provisioner: Required value, reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"]',
    },
    {
      name: 'a user PriorityClass above a billion',
      obj: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'top' }, value: 2000000000 },
      want: 'PriorityClass.scheduling.k8s.io "top" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    },
    {
      name: 'a PriorityClass in the system- namespace of names',
      obj: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-mine' }, value: 10 },
      want: "PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    },
    {
      name: 'an HPA whose maximum is below its minimum',
      obj: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'default' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 } },
      want: 'HorizontalPodAutoscaler.autoscaling "h" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    },
    {
      name: 'an Ingress path without a pathType',
      obj: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i', namespace: 'default' },
        spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      },
      want: 'Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    },
    {
      name: 'an Ingress with neither rules nor a default backend',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'default' }, spec: {} },
      want: 'Ingress.networking.k8s.io "i" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    },
    {
      name: 'an IngressClass without a controller',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: {} },
      want: 'IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Required value',
    },
    {
      name: 'a NetworkPolicy peer with nothing in it',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ from: [{}] }] } },
      want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer',
    },
    {
      name: 'a NetworkPolicy with a bad CIDR',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] } },
      want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    },
    {
      name: 'a PodDisruptionBudget over 100%',
      obj: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { maxUnavailable: '150%' } },
      want: 'PodDisruptionBudget.policy "p" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    },
    {
      name: 'a CertificateSigningRequest without a signer or usages',
      obj: { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' }, spec: { request: Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\n').toString('base64') } },
      want: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: [spec.signerName: Required value, spec.usages: Required value]',
    },
    {
      name: 'a CertificateSigningRequest that is not a PEM request',
      obj: { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' }, spec: { request: Buffer.from('hi\n').toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] } },
      want: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.request: Invalid value: []byte{0x68, 0x69, 0xa}: PEM block type must be CERTIFICATE REQUEST',
    },
    {
      name: 'a LimitRange item of an unknown type',
      obj: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Node', max: { cpu: '1' } }] } },
      want: 'LimitRange "l" is invalid: spec.limits[0].type: Unsupported value: "Node": supported values: "Container", "PersistentVolumeClaim", "Pod"',
    },
  ];
  for (const k of cases) t.equal(await createError(c, k.obj), k.want, k.name);
  t.match(
    await createError(c, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { minAvailable: 1, maxUnavailable: 1 } }),
    /^PodDisruptionBudget\.policy "p" is invalid: spec: Invalid value: .*: minAvailable and maxUnavailable cannot be both set$/,
  );

  t.test('updates', async (t) => {
    const rb = { apiVersion: rbac, kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'default' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] };
    await create(c, rb);
    t.equal(
      await updateError(c, rb, (o) => {
        o.roleRef.name = 'edit';
      }),
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path', parameters: { a: 'b' } };
    await create(c, sc);
    t.equal(
      await updateError(c, sc, (o) => {
        o.parameters = { a: 'c' };
        o.reclaimPolicy = 'Retain';
      }),
      'StorageClass.storage.k8s.io "fast" is invalid: [parameters: Forbidden: updates to parameters are forbidden., reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.]',
    );
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
    await create(c, pc);
    t.equal(
      await updateError(c, pc, (o) => {
        o.value = 2000;
      }),
      'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.',
    );
    // a class that allows expansion, so that PersistentVolumeClaimResize lets the bound claim grow below
    await create(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'expandable' }, provisioner: 'kubernetes.io/no-provisioner', allowVolumeExpansion: true });
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { storageClassName: 'expandable', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    await create(c, pvc);
    t.equal(
      await updateError(c, pvc, (o) => {
        o.spec.accessModes = ['ReadWriteMany'];
      }),
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    t.equal(
      await updateError(c, pvc, (o) => {
        o.spec.resources.requests.storage = '2Gi';
      }),
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      'a pending claim may not be resized',
    );
    const client = c.engine.client();
    const live = client.get(kind(c, 'pvc'), 'default', 'data');
    await client.update(kind(c, 'pvc'), { ...live, spec: { ...live.spec, volumeName: 'pv1' } });
    await client.update(kind(c, 'pvc'), { ...client.get(kind(c, 'pvc'), 'default', 'data'), status: { phase: 'Bound', capacity: { storage: '1Gi' } } }, { subresource: 'status' });
    t.equal(
      await updateError(c, pvc, (o) => {
        o.spec.resources.requests.storage = '2Gi';
      }),
      '(updated)',
      'a bound claim may ask for more storage',
    );
  });
  t.end();
});

t.test('the other kinds: get tables', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const t0 = c.engine.clock.now();
  const created = new Date(t0).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await create(
    c,
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'manual', hostPath: { path: '/d' }, claimRef: { namespace: 'default', name: 'data' } } },
    { phase: 'Bound' },
  );
  await create(c, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv2' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Delete', nfs: { server: 'nfs', path: '/x' } } }, { phase: 'Available' });
  await create(
    c,
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', volumeName: 'pv1', resources: { requests: { storage: '500Mi' } } } },
    { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] },
  );
  await create(c, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'waiting', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  await create(c, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'old', namespace: 'default' }, spec: { replicas: 2, template: { metadata: { labels }, spec: { containers: [container] } } } }, { replicas: 2, readyReplicas: 1 });
  await create(c, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi' } } }, {
    hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi' },
    used: { pods: '1', 'requests.cpu': '100m', 'limits.memory': '0' },
  });
  await create(c, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } });
  await create(
    c,
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10 } },
    { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '45m' } } }] },
  );
  await create(c, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 3 } });
  await create(c, {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'jane' },
    spec: { request: Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\n').toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], expirationSeconds: 86400, username: 'someone-else' },
  });
  await create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } });
  await create(
    c,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['a.example.com'], secretName: 'tls' }],
        rules: ['a', 'b', 'c', 'd'].map((h) => ({ host: `${h}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } })),
      },
    },
    { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
  );
  await create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'catchall', namespace: 'default' }, spec: { defaultBackend: { service: { name: 'web', port: { name: 'http' } } } } });
  await create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all', namespace: 'default' }, spec: { podSelector: {} } });
  await create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'db' } } } });
  await create(c, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: '50%', selector: { matchLabels: labels } } }, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  const rbac = 'rbac.authorization.k8s.io/v1';
  await create(c, { apiVersion: rbac, kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
  await create(c, {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'read', namespace: 'default' },
    roleRef: { kind: 'Role', name: 'reader' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'User', name: 'joe' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
    ],
  });
  await create(c, { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: 'admins' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }] });
  await create(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
  await create(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', allowVolumeExpansion: true });
  await create(c, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000 });
  await create(c, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: -10, preemptionPolicy: 'Never', globalDefault: true });
  await create(c, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: 'kube-proxy-6d8b8c7f4', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u1', controller: true }] },
    revision: 1,
    data: {},
  });
  c.advance(5 * MIN);

  const cases = [
    {
      args: 'get pv -o wide',
      want: table([
        ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE', 'VOLUMEMODE'],
        ['pv1', '1Gi', 'RWO,ROX', 'Retain', 'Bound', 'default/data', 'manual', '<unset>', '', '5m', 'Filesystem'],
        ['pv2', '5Gi', 'RWX', 'Delete', 'Available', '', '', '<unset>', '', '5m', 'Filesystem'],
      ]),
    },
    {
      args: 'get pvc',
      want: table([
        ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
        ['data', 'Bound', 'pv1', '1Gi', 'RWO,ROX', 'manual', '<unset>', '5m'],
        ['waiting', 'Pending', '', '', '', '', '<unset>', '5m'],
      ]),
    },
    {
      args: 'get rc -o wide',
      want: table([
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['old', '2', '2', '1', '5m', 'nginx', 'nginx:1.27', 'app=web'],
      ]),
    },
    {
      args: 'get quota,limits',
      want: [
        table([
          ['NAME', 'REQUEST', 'LIMIT', 'AGE'],
          ['resourcequota/q', 'pods: 1/10, requests.cpu: 100m/1', 'limits.memory: 0/2Gi', '5m'],
        ]),
        table([
          ['NAME', 'CREATED AT'],
          ['limitrange/lr', created],
        ]),
      ].join('\n'),
    },
    {
      args: 'get hpa',
      want: table([
        ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
        ['api', 'Deployment/api', 'cpu: <unknown>/80%', '1', '3', '0', '5m'],
        ['web', 'Deployment/web', 'cpu: 45%/80%', '2', '10', '2', '5m'],
      ]),
    },
    {
      args: 'get csr',
      want: table([
        ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION'],
        ['jane', '5m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Pending'],
      ]),
    },
    {
      args: 'get ingressclass,ing,netpol',
      want: [
        table([
          ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
          ['ingressclass.networking.k8s.io/nginx', 'k8s.io/ingress-nginx', '<none>', '5m'],
        ]),
        table([
          ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
          ['ingress.networking.k8s.io/catchall', '<none>', '*', '', '80', '5m'],
          ['ingress.networking.k8s.io/web', 'nginx', 'a.example.com,b.example.com,c.example.com + 1 more...', '192.168.49.2', '80, 443', '5m'],
        ]),
        table([
          ['NAME', 'POD-SELECTOR', 'AGE'],
          ['networkpolicy.networking.k8s.io/db', 'app=db', '5m'],
          ['networkpolicy.networking.k8s.io/deny-all', '<none>', '5m'],
        ]),
      ].join('\n'),
    },
    {
      args: 'get pdb',
      want: table([
        ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
        ['web', '50%', 'N/A', '1', '5m'],
      ]),
    },
    {
      args: 'get rolebindings -o wide',
      want: table([
        ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'],
        ['read', 'Role/reader', '5m', 'jane, joe', 'devs', 'tools/ci'],
      ]),
    },
    {
      args: 'get clusterrolebinding/admins role/reader',
      want: [
        table([
          ['NAME', 'ROLE', 'AGE'],
          ['clusterrolebinding.rbac.authorization.k8s.io/admins', 'ClusterRole/cluster-admin', '5m'],
        ]),
        table([
          ['NAME', 'CREATED AT'],
          ['role.rbac.authorization.k8s.io/reader', created],
        ]),
      ].join('\n'),
    },
    {
      args: 'get sc',
      want: table([
        ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
        ['fast', 'ebs.csi.aws.com', 'Retain', 'Immediate', 'true', '5m'],
        ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '5m'],
      ]),
    },
    {
      args: 'get pc',
      want: table([
        ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
        ['batch', '-10', 'true', '5m', 'Never'],
        ['system-node-critical', '2000001000', 'false', '5m', 'PreemptLowerPriority'],
      ]),
    },
    {
      args: 'get controllerrevisions',
      want: table([
        ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
        ['kube-proxy-6d8b8c7f4', 'daemonset.apps/kube-proxy', '1', '5m'],
      ]),
    },
  ];
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stderr, '', k.args);
    t.equal(r.stdout, k.want, k.args);
  }
});

t.test('get pods: READY, STATUS and RESTARTS as printPod computes them', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const t0 = c.engine.clock.now();
  const at = (ms: number) => new Date(t0 + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pod = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
  });
  const running = { running: { startedAt: at(0) } };
  await create(c, pod('pending'), { phase: 'Pending' });
  await create(c, pod('creating', { nodeName: 'node01' }), { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
  await create(c, pod('web', { nodeName: 'node01' }), {
    phase: 'Running',
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
  });
  await create(c, pod('crashy', { nodeName: 'node01' }), {
    phase: 'Running',
    containerStatuses: [
      { name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(74_000) } } },
    ],
  });
  await create(c, pod('done', { nodeName: 'node01', restartPolicy: 'Never' }), {
    phase: 'Succeeded',
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
  });
  await create(c, pod('initwait', { nodeName: 'node01', initContainers: [{ name: 'init', image: 'busybox' }] }), {
    phase: 'Pending',
    initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: {} } }],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  });
  await create(c, pod('initcrash', { nodeName: 'node01', initContainers: [{ name: 'init', image: 'busybox' }] }), {
    phase: 'Pending',
    initContainerStatuses: [
      { name: 'init', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: at(110_000) } } },
    ],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  });
  await create(c, pod('sidecar', { nodeName: 'node02', initContainers: [{ name: 'log', image: 'busybox', restartPolicy: 'Always' }] }), {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    initContainerStatuses: [{ name: 'log', ready: true, started: true, restartCount: 1, state: running, lastState: { terminated: { exitCode: 2, finishedAt: at(60_000) } } }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
  });
  await create(c, pod('leaving', { nodeName: 'node02' }), { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] });
  await c.engine.client().delete(kind(c, 'pods'), 'default', 'leaving');
  c.advance(2 * MIN);
  const r = await kubectl(c.engine, 'get pods -o wide');
  t.equal(r.stderr, '');
  t.equal(
    r.stdout,
    table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['crashy', '0/1', 'CrashLoopBackOff', '3 (46s ago)', '2m', '<none>', 'node01', '<none>', '<none>'],
      ['creating', '0/1', 'ContainerCreating', '0', '2m', '<none>', 'node01', '<none>', '<none>'],
      ['done', '0/1', 'Completed', '0', '2m', '<none>', 'node01', '<none>', '<none>'],
      ['initcrash', '0/1', 'Init:CrashLoopBackOff', '2 (10s ago)', '2m', '<none>', 'node01', '<none>', '<none>'],
      ['initwait', '0/1', 'Init:0/1', '0', '2m', '<none>', 'node01', '<none>', '<none>'],
      ['leaving', '1/1', 'Terminating', '0', '2m', '<none>', 'node02', '<none>', '<none>'],
      ['pending', '0/1', 'Pending', '0', '2m', '<none>', '<none>', '<none>', '<none>'],
      ['sidecar', '2/2', 'Running', '1 (60s ago)', '2m', '<none>', 'node02', '<none>', '<none>'],
      ['web', '1/1', 'Running', '0', '2m', '10.244.1.5', 'node01', '<none>', '<none>'],
    ]),
  );
});
