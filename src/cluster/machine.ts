import type { Engine } from './engine.js';
import type { KubeObject } from './api/types.js';
import { findController, controllers, isEnabled, type ControllerSettings } from './controllers/index.js';
import type { NodeMachine, ClusterSettings } from './meta/nodeState.js';
import { parseDuration } from './meta/duration.js';

/**
 * What a learner can do to the simulated machines rather than through the API: stop and start a node's
 * kubelet, add a node, switch controllers off and on (kube-controller-manager's --controllers), change
 * controller-manager settings, and move the clock forward.
 */
export async function setNodeStopped(engine: Engine, name: string, stopped: boolean): Promise<void> {
  const nodeSpec = engine.api.kinds.forKind('Node', '')!;
  engine.api.get(nodeSpec, undefined, name); // NotFound for a node that does not exist
  await engine.sync();
  await engine.store.transaction((doc) => {
    const nodes = ((doc.sim.nodes ??= {}) as Record<string, NodeMachine>);
    if (stopped) nodes[name] = { stopped: true, stoppedAt: engine.clock.now() };
    else delete nodes[name];
  });
  await engine.sync();
}

/** Registers a new node as its kubelet would on first start: kubeadm's labels, capacity, a pod CIDR. */
export async function addNode(engine: Engine, name: string, role: 'worker' | 'control-plane' = 'worker'): Promise<KubeObject> {
  const client = engine.client(`system:node:${name}`);
  const nodeSpec = client.kinds.forKind('Node', '')!;
  const existing = client.list(nodeSpec, undefined).items;
  const used = new Set(existing.map((n) => n.spec?.podCIDR));
  let i = 0;
  while (used.has(`10.244.${i}.0/24`)) i++;
  const ips = new Set(existing.flatMap((n) => (n.status?.addresses ?? []).map((a: { address: string }) => a.address)));
  let host = 2;
  while (ips.has(`172.30.1.${host}`)) host++;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const created = await client.create(nodeSpec, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
    spec: {
      podCIDR: `10.244.${i}.0/24`,
      podCIDRs: [`10.244.${i}.0/24`],
      ...(role === 'control-plane' ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
  });
  const capacity = { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4015832Ki', pods: '110' };
  await client.update(
    nodeSpec,
    {
      ...created,
      status: {
        addresses: [
          { address: `172.30.1.${host}`, type: 'InternalIP' },
          { address: name, type: 'Hostname' },
        ],
        allocatable: { ...capacity, 'ephemeral-storage': '18556039957', memory: '3913432Ki' },
        capacity,
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          architecture: 'amd64',
          bootID: '',
          containerRuntimeVersion: 'containerd://1.7.24',
          kernelVersion: '6.8.0-51-generic',
          kubeProxyVersion: 'v1.32.4',
          kubeletVersion: 'v1.32.4',
          machineID: '',
          operatingSystem: 'linux',
          osImage: 'Ubuntu 24.04.1 LTS',
          systemUUID: '',
        },
      },
    },
    { subresource: 'status' },
  );
  await engine.sync();
  return client.get(nodeSpec, undefined, name);
}

export interface ControllerRow {
  name: string;
  aliases: string[];
  enabled: boolean;
}

export function listControllers(engine: Engine): ControllerRow[] {
  const sim = engine.store.read().sim;
  return controllers.map((c) => ({ name: c.name, aliases: c.aliases, enabled: isEnabled(c, sim) }));
}

/** Enables or disables a controller by canonical name or alias; returns its canonical name. */
export async function setControllerEnabled(engine: Engine, name: string, enabled: boolean): Promise<string | undefined> {
  const c = findController(name);
  if (!c) return undefined;
  await engine.sync();
  await engine.store.transaction((doc) => {
    const s = ((doc.sim.controllers ??= {}) as ControllerSettings);
    s.disabled = (s.disabled ?? []).filter((n) => n !== c.name);
    s.enabled = (s.enabled ?? []).filter((n) => n !== c.name);
    if (enabled && c.disabledByDefault) s.enabled.push(c.name);
    if (!enabled && !c.disabledByDefault) s.disabled.push(c.name);
  });
  await engine.sync();
  return c.name;
}

export interface AdmissionRow {
  name: string;
  enabled: boolean;
}

/** The API server's admission plugins in the order they run, and whether each is on. */
export async function listAdmissionPlugins(engine: Engine): Promise<AdmissionRow[]> {
  const { admissionPlugins, isAdmissionPluginEnabled } = await import('./api/admission/index.js');
  const sim = engine.store.read().sim;
  return admissionPlugins.map((p) => ({ name: p.name, enabled: isAdmissionPluginEnabled(p, sim) }));
}

/**
 * Turns an admission plugin off or on again, as --disable-admission-plugins / --enable-admission-plugins
 * would on the API server's manifest; returns false when no such plugin runs here.
 */
export async function setAdmissionPluginEnabled(engine: Engine, name: string, enabled: boolean): Promise<boolean> {
  const { findAdmissionPlugin } = await import('./api/admission/index.js');
  if (!findAdmissionPlugin(name)) return false;
  await engine.store.transaction((doc) => {
    const s = (doc.sim.admission ??= {}) as { disabled?: string[] };
    s.disabled = (s.disabled ?? []).filter((n) => n !== name);
    if (!enabled) s.disabled.push(name);
  });
  return true;
}

/** The settings `kubecadet cluster config` knows, with their kube-controller-manager flag names. */
export const SETTINGS: Record<string, { key: keyof ClusterSettings; parse: (v: string) => number | undefined; show: (v: number) => string; def: number }> = {
  'node-monitor-grace-period': {
    key: 'nodeMonitorGracePeriod',
    parse: (v) => {
      const ms = parseDuration(v);
      return ms === undefined ? undefined : ms / 1000;
    },
    show: (v) => `${v}s`,
    def: 50,
  },
};

export function readSettings(engine: Engine): ClusterSettings {
  return (engine.store.read().sim.config ?? {}) as ClusterSettings;
}

export async function writeSetting(engine: Engine, key: keyof ClusterSettings, value: number): Promise<void> {
  await engine.sync();
  await engine.store.transaction((doc) => {
    (doc.sim.config ??= {}) as ClusterSettings;
    (doc.sim.config as ClusterSettings)[key] = value;
  });
}

/** Moves the cluster's clock forward by ms, running everything that falls due in order. */
export async function advance(engine: Engine, ms: number): Promise<void> {
  await engine.sync();
  await engine.store.transaction((doc) => {
    const clock = ((doc.sim.clock ??= {}) as { offsetMs?: number });
    clock.offsetMs = (clock.offsetMs ?? 0) + ms;
  });
  engine.shiftClock(ms);
  await engine.sync();
}

/** Stops or starts an etcd member (its static pod `etcd-<node>`): the container stops, and with it maybe quorum. */
export async function setEtcdMemberStopped(engine: Engine, member: string, stopped: boolean): Promise<{ members: number; up: number; quorum: boolean }> {
  const { etcdMembers, stoppedMembers, quorumLost } = await import('./etcd.js');
  const podSpec = engine.api.kinds.forKind('Pod', '')!;
  const doc = engine.store.read();
  const members = etcdMembers(doc);
  if (!members.includes(member)) {
    const { notFound } = await import('./api/status.js');
    throw notFound('pods', '', member);
  }
  const writeStatus = async () => {
    const pod = engine.api.get(podSpec, 'kube-system', member);
    const now = new Date(engine.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const status = structuredClone(pod.status ?? {});
    for (const cs of status.containerStatuses ?? []) {
      if (stopped) {
        cs.lastState = { terminated: { exitCode: 0, finishedAt: now, reason: 'Completed', startedAt: cs.state?.running?.startedAt ?? now } };
        cs.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=etcd pod=${member}_kube-system(${pod.metadata.uid})` } };
        cs.ready = false;
        cs.started = false;
      } else {
        cs.restartCount = (cs.restartCount ?? 0) + 1;
        cs.state = { running: { startedAt: now } };
        cs.ready = true;
        cs.started = true;
      }
    }
    for (const c of status.conditions ?? []) if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = stopped ? 'False' : 'True';
    await engine.client(`system:node:${pod.spec?.nodeName}`).update(podSpec, { ...pod, status }, { subresource: 'status' });
  };
  await engine.sync();
  // a member's own pod status goes through the API while the cluster can still write it
  if (stopped && !quorumLost(engine.store.read())) await writeStatus();
  await engine.store.transaction((d) => {
    const etcd = ((d.sim.etcd ??= {}) as { stopped?: string[] });
    etcd.stopped = (etcd.stopped ?? []).filter((m) => m !== member);
    if (stopped) etcd.stopped.push(member);
  });
  if (!stopped && !quorumLost(engine.store.read())) await writeStatus();
  await engine.sync();
  const after = engine.store.read();
  const down = stoppedMembers(after).filter((m) => members.includes(m)).length;
  return { members: members.length, up: members.length - down, quorum: !quorumLost(after) };
}

/**
 * Sets the simulated CPU load of a workload's pods (a Deployment or pod name prefix in a namespace), as a
 * percentage of each container's CPU request: what metrics-server reports and the HPA reacts to.
 */
export async function setLoad(engine: Engine, namespace: string, name: string, percent: number): Promise<void> {
  await engine.sync();
  await engine.store.transaction((doc) => {
    const load = (doc.sim.load ??= {}) as Record<string, number>;
    if (percent > 0) load[`${namespace}/${name}`] = percent;
    else delete load[`${namespace}/${name}`];
  });
  await engine.sync();
}
