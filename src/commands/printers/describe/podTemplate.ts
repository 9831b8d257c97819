import type { KubeObject } from '../../../cluster/api/types.js';
import { parseQuantity } from '../../../cluster/meta/quantity.js';
import { formatLabelSelector } from '../../../cluster/meta/selectors.js';
import { byteCompare, canonicalQuantity, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, sortedResourceNames } from './format.js';
import type { PrefixWriter } from './prefixWriter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- containers and volumes are read as the API stores them */
type Container = any;
type Volume = any;

/** EnvValueRetriever: a fieldRef's value read from the pod (metadata.name, status.podIP, metadata.labels['k']...). */
function fieldRefValue(pod: KubeObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '';
  let v: any = pod;
  for (const part of path.split('.')) v = v?.[part];
  return v === undefined || v === null ? '' : String(v);
}

/** ExtractContainerResourceValue: a resourceFieldRef in units of its divisor, rounded up. */
function resourceFieldValue(c: Container, ref: { resource: string; divisor?: string }): string {
  const [kind, name] = ref.resource.split('.');
  const raw = c.resources?.[kind]?.[name];
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  const value = parseQuantity(raw) ?? 0;
  return String(Math.ceil(value / divisor));
}

function portsOf(ports: any[] | undefined, field: 'containerPort' | 'hostPort'): string {
  return (ports ?? []).map((p) => `${p[field] ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
}

function describeStatus(name: string, state: any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const host = p.httpGet.host ?? '';
    const port = String(p.httpGet.port ?? '');
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${String(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeResources(resources: any, w: PrefixWriter, level: number): void {
  for (const field of ['limits', 'requests'] as const) {
    const list = resources?.[field];
    if (!list || !Object.keys(list).length) continue;
    w.write(level, field === 'limits' ? 'Limits:\n' : 'Requests:\n');
    for (const name of sortedResourceNames(list)) w.write(level + 1, `${name}:\t${canonicalQuantity(list[name])}\n`);
  }
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom) {
    const ref = e.configMapRef ?? e.secretRef ?? {};
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref.optional === true;
    if (!e.prefix) w.write(3, `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnv(c: Container, pod: KubeObject | undefined, w: PrefixWriter): void {
  const env: any[] = c.env ?? [];
  w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      const value = pod ? fieldRefValue(pod, from.fieldRef.fieldPath) : '';
      w.write(3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      let value = resourceFieldValue(c, from.resourceFieldRef);
      const resource = from.resourceFieldRef.resource;
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts: any[] = c.volumeMounts ?? [];
  const none = mounts.length ? '' : '\t<none>';
  w.write(2, `Mounts:${none}\n`);
  for (const m of [...mounts].sort((a, b) => byteCompare(a.mountPath, b.mountPath))) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices: any[] = c.volumeDevices ?? [];
  if (devices.length) {
    w.write(2, `Devices:${none}\n`);
    for (const d of [...devices].sort((a, b) => byteCompare(a.devicePath, b.devicePath))) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

/**
 * describeContainers: each container's image, ports, command, state (for a pod), resources, probes,
 * environment and mounts. `space` is the template indent ("  "), which also shifts names by one space.
 */
export function describeContainers(label: string, containers: Container[], statuses: any[] | undefined, pod: KubeObject | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map<string, any>((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  const nameIndent = space ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = portsOf(c.ports, 'containerPort');
    if (ports.includes(',')) w.write(2, `Ports:\t${ports}\n`);
    else w.write(2, `Port:\t${ports || '<none>'}\n`);
    const hostPorts = portsOf(c.ports, 'hostPort');
    if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`);
    else w.write(2, `Host Port:\t${hostPorts || '<none>'}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile}\n`);
    }
    for (const [field, title] of [
      ['command', 'Command'],
      ['args', 'Args'],
    ] as const) {
      if (!c[field]?.length) continue;
      w.write(2, `${title}:\n`);
      for (const item of c[field] as string[]) for (const s of String(item).split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, 2);
    for (const [field, title] of [
      ['livenessProbe', 'Liveness'],
      ['readinessProbe', 'Readiness'],
      ['startupProbe', 'Startup'],
    ] as const)
      if (c[field]) w.write(2, `${title}:\t${describeProbe(c[field])}\n`);
    if (c.envFrom?.length) describeEnvFrom(c, w);
    describeEnv(c, pod, w);
    describeMounts(c, w);
  }
}

/** describeVolumes: one block per volume with its source's fields; `Volumes:  <none>` when there are none. */
export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of volumes) {
    w.write(1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const size = parseQuantity(v.emptyDir.sizeLimit) ? canonicalQuantity(v.emptyDir.sizeLimit) : '<unset>';
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.nfs) {
      w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.ephemeral) {
      w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${s.secret.optional ?? '<nil>'}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}\n`);
        else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else if (v.csi) {
      w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
    } else w.write(1, '<unknown>\n');
  }
}

/** DescribePodTemplate: the template's labels, service account, containers, volumes, node selectors and tolerations. */
export function describePodTemplate(template: any, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (meta.annotations && Object.keys(meta.annotations).length) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/** describeTopologySpreadConstraints: one line per constraint, sorted by topology key. */
export function describeTopologySpreadConstraints(tscs: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs?.length) return;
  w.write(0, `${space}Topology Spread Constraints:\t`);
  [...tscs]
    .sort((a, b) => byteCompare(a.topologyKey, b.topologyKey))
    .forEach((t, i) => {
      if (i !== 0) w.write(0, `${space}\t`);
      let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
      if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
      w.write(0, `${s}\n`);
    });
}

