import { forbidden } from '../status.js';
import type { KubeObject } from '../types.js';
import type { StoreDocument } from '../../store/document.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/**
 * PodSecurity: the Pod Security Standards, by namespace label. `pod-security.kubernetes.io/enforce`
 * refuses a pod that breaks its level; `warn` answers with a warning and `audit` notes the violation in
 * the request's audit annotations (both on pods and on the objects with a pod template, which enforce
 * leaves to their pods). The checks and their texts are
 * k8s.io/pod-security-admission's policy checks for the `latest` version, in the order of their IDs.
 */

const LEVELS = ['privileged', 'baseline', 'restricted'];
const PREFIX = 'pod-security.kubernetes.io/';

/** Where a kind keeps its pod spec: pods themselves, and the workload kinds' templates. */
function podSpecOf(attrs: AdmissionAttributes): { spec: KubeObject; meta: KubeObject['metadata'] } | undefined {
  const { spec: kind, object: o } = attrs;
  if (kind.group === '' && kind.kind === 'Pod') return { spec: o.spec ?? {}, meta: o.metadata };
  if (kind.group === 'batch' && kind.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template ? { spec: o.spec.jobTemplate.spec.template.spec ?? {}, meta: o.spec.jobTemplate.spec.template.metadata ?? {} } : undefined;
  const withTemplate = ['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', '/ReplicationController', '/PodTemplate'];
  if (!withTemplate.includes(`${kind.group}/${kind.kind}`)) return undefined;
  const t = kind.kind === 'PodTemplate' ? o.template : o.spec?.template;
  return t ? { spec: t.spec ?? {}, meta: t.metadata ?? {} } : undefined;
}

interface Container {
  name: string;
  securityContext?: KubeObject;
  ports?: { hostPort?: number }[];
}

const quote = (xs: (string | number)[]) => xs.map((x) => `"${x}"`).join(', ');
/** `container "a"` or `containers "a", "b"` */
const containersText = (names: string[]) => `${names.length === 1 ? 'container' : 'containers'} ${quote(names)}`;

const BASELINE_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
/** The sysctls baseline allows (namespaced, isolated from other pods), as of policy version 1.32. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

type Check = { id: string; level: 'baseline' | 'restricted'; overrides?: string; run: (pod: KubeObject, containers: Container[]) => string | undefined };

const CHECKS: Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    run: (_p, cs) => {
      const bad = cs.filter((c) => c.securityContext?.allowPrivilegeEscalation !== false).map((c) => c.name);
      return bad.length ? `allowPrivilegeEscalation != false (${containersText(bad)} must set securityContext.allowPrivilegeEscalation=false)` : undefined;
    },
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    run: (p, cs) => {
      // RuntimeDefault and Localhost profiles only; the beta annotations may name runtime/default or localhost/*
      const allowed = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
      const setters: string[] = [];
      const values = new Set<string>();
      const podType = p.spec?.securityContext?.appArmorProfile?.type;
      if (p.spec?.securityContext?.appArmorProfile && !allowed(podType)) {
        setters.push('pod');
        values.add(String(podType ?? ''));
      }
      const bad = cs.filter((c) => c.securityContext?.appArmorProfile && !allowed(c.securityContext.appArmorProfile.type));
      for (const c of bad) values.add(String(c.securityContext!.appArmorProfile.type ?? ''));
      if (bad.length) setters.push(containersText(bad.map((c) => c.name)));
      const list = [...values].sort();
      const annotations = Object.entries(p.metadata?.annotations ?? {})
        .filter(([k, v]) => k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/')))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .sort();
      if (annotations.length) {
        list.push(...annotations);
        setters.push(annotations.length === 1 ? 'annotation' : 'annotations');
      }
      if (!setters.length) return undefined;
      return `${list.length === 1 ? 'forbidden AppArmor profile' : 'forbidden AppArmor profiles'} (${setters.join(' and ')} must not set AppArmor profile type to ${quote(list)})`;
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    run: (_p, cs) => {
      const names: string[] = [];
      const caps = new Set<string>();
      for (const c of cs) {
        const extra = ((c.securityContext?.capabilities?.add ?? []) as string[]).filter((a) => !BASELINE_CAPS.includes(a));
        if (extra.length) names.push(c.name);
        for (const a of extra) caps.add(a);
      }
      return names.length ? `non-default capabilities (${containersText(names)} must not include ${quote([...caps].sort())} in securityContext.capabilities.add)` : undefined;
    },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    overrides: 'capabilities_baseline',
    run: (_p, cs) => {
      const noDrop = cs.filter((c) => !((c.securityContext?.capabilities?.drop ?? []) as string[]).includes('ALL')).map((c) => c.name);
      const adders: string[] = [];
      const caps = new Set<string>();
      for (const c of cs) {
        const extra = ((c.securityContext?.capabilities?.add ?? []) as string[]).filter((a) => a !== 'NET_BIND_SERVICE');
        if (extra.length) adders.push(c.name);
        for (const a of extra) caps.add(a);
      }
      const parts: string[] = [];
      if (noDrop.length) parts.push(`${containersText(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (adders.length) parts.push(`${containersText(adders)} must not include ${quote([...caps].sort())} in securityContext.capabilities.add`);
      return parts.length ? `unrestricted capabilities (${parts.join('; ')})` : undefined;
    },
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    run: (p) => {
      const on = ['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => p.spec?.[f] === true).map((f) => `${f}=true`);
      return on.length ? `host namespaces (${on.join(', ')})` : undefined;
    },
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    run: (p) => {
      const vols = ((p.spec?.volumes ?? []) as KubeObject[]).filter((v) => v.hostPath).map((v) => v.name as string);
      return vols.length ? `hostPath volumes (${vols.length === 1 ? 'volume' : 'volumes'} ${quote(vols)})` : undefined;
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    run: (_p, cs) => {
      const names: string[] = [];
      const ports: number[] = [];
      for (const c of cs) {
        const hp = (c.ports ?? []).map((x) => x.hostPort ?? 0).filter((x) => x !== 0);
        if (hp.length) names.push(c.name);
        for (const x of hp) if (!ports.includes(x)) ports.push(x);
      }
      if (!names.length) return undefined;
      return `hostPort (${containersText(names)} ${names.length === 1 ? 'uses' : 'use'} ${ports.length === 1 ? 'hostPort' : 'hostPorts'} ${ports.join(', ')})`;
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    run: (_p, cs) => {
      const bad = cs.filter((c) => c.securityContext?.privileged === true).map((c) => c.name);
      return bad.length ? `privileged (${containersText(bad)} must not set securityContext.privileged=true)` : undefined;
    },
  },
  {
    id: 'procMount',
    level: 'baseline',
    run: (p, cs) => {
      // a pod in its own user namespace may unmask /proc
      if (p.spec?.hostUsers === false) return undefined;
      const bad = cs.filter((c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== 'Default');
      if (!bad.length) return undefined;
      const types = [...new Set(bad.map((c) => String(c.securityContext!.procMount)))].sort();
      return `procMount (${containersText(bad.map((c) => c.name))} must not set securityContext.procMount to ${quote(types)})`;
    },
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    overrides: 'hostPathVolumes',
    run: (p) => {
      const names: string[] = [];
      const types = new Set<string>();
      for (const v of (p.spec?.volumes ?? []) as KubeObject[]) {
        const type = Object.keys(v).find((k) => k !== 'name');
        if (type && !RESTRICTED_VOLUMES.includes(type)) {
          names.push(v.name);
          types.add(type);
        }
      }
      if (!names.length) return undefined;
      return `restricted volume types (${names.length === 1 ? 'volume' : 'volumes'} ${quote(names)} ${names.length === 1 ? 'uses' : 'use'} ${types.size === 1 ? 'restricted volume type' : 'restricted volume types'} ${quote([...types])})`;
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    run: (p, cs) => {
      const pod = p.spec?.securityContext?.runAsNonRoot;
      if (pod === false) return 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)';
      const explicitFalse = cs.filter((c) => c.securityContext?.runAsNonRoot === false).map((c) => c.name);
      if (explicitFalse.length) return `runAsNonRoot != true (${containersText(explicitFalse)} must not set securityContext.runAsNonRoot=false)`;
      if (pod === true) return undefined;
      const unset = cs.filter((c) => c.securityContext?.runAsNonRoot !== true).map((c) => c.name);
      return unset.length ? `runAsNonRoot != true (pod or ${containersText(unset)} must set securityContext.runAsNonRoot=true)` : undefined;
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    run: (p, cs) => {
      if (p.spec?.securityContext?.runAsUser === 0) return 'runAsUser=0 (pod must not set runAsUser=0)';
      const bad = cs.filter((c) => c.securityContext?.runAsUser === 0).map((c) => c.name);
      return bad.length ? `runAsUser=0 (${containersText(bad)} must not set runAsUser=0)` : undefined;
    },
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    run: (p, cs) => {
      const types = new Set<string>();
      let user = false;
      let role = false;
      const valid = (o: { type?: string; user?: string; role?: string }) => {
        let ok = true;
        if (!SELINUX_TYPES.includes(o.type ?? '')) {
          ok = false;
          types.add(o.type ?? '');
        }
        if (o.user) {
          ok = false;
          user = true;
        }
        if (o.role) {
          ok = false;
          role = true;
        }
        return ok;
      };
      const setters: string[] = [];
      const podOpts = p.spec?.securityContext?.seLinuxOptions;
      if (podOpts && !valid(podOpts)) setters.push('pod');
      const bad = cs.filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions));
      if (bad.length) setters.push(containersText(bad.map((c) => c.name)));
      if (!setters.length) return undefined;
      const what: string[] = [];
      if (types.size) what.push(`${types.size === 1 ? 'type' : 'types'} ${quote([...types].sort())}`);
      if (user) what.push('user may not be set');
      if (role) what.push('role may not be set');
      return `seLinuxOptions (${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${what.join('; ')})`;
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    run: (p, cs) => {
      if (p.spec?.securityContext?.seccompProfile?.type === 'Unconfined') return 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")';
      const bad = cs.filter((c) => c.securityContext?.seccompProfile?.type === 'Unconfined').map((c) => c.name);
      return bad.length ? `seccompProfile (${containersText(bad)} must not set securityContext.seccompProfile.type to "Unconfined")` : undefined;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    overrides: 'seccompProfile_baseline',
    run: (p, cs) => {
      const ok = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
      const podType = p.spec?.securityContext?.seccompProfile?.type;
      if (podType !== undefined && !ok(podType)) return `seccompProfile (pod must not set securityContext.seccompProfile.type to "${podType}")`;
      const badSet = cs.filter((c) => c.securityContext?.seccompProfile?.type !== undefined && !ok(c.securityContext.seccompProfile.type));
      if (badSet.length)
        return `seccompProfile (${containersText(badSet.map((c) => c.name))} must not set securityContext.seccompProfile.type to ${quote([...new Set(badSet.map((c) => c.securityContext!.seccompProfile.type))])})`;
      if (podType !== undefined) return undefined;
      const unset = cs.filter((c) => c.securityContext?.seccompProfile?.type === undefined).map((c) => c.name);
      return unset.length ? `seccompProfile (pod or ${containersText(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")` : undefined;
    },
  },
  {
    id: 'sysctls',
    level: 'baseline',
    run: (p) => {
      const bad = ((p.spec?.securityContext?.sysctls ?? []) as { name: string }[]).map((x) => x.name).filter((n) => !SAFE_SYSCTLS.includes(n));
      return bad.length ? `forbidden sysctls (${bad.join(', ')})` : undefined;
    },
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    run: (p, cs) => {
      const setters: string[] = [];
      if (p.spec?.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
      const bad = cs.filter((c) => c.securityContext?.windowsOptions?.hostProcess === true).map((c) => c.name);
      if (bad.length) setters.push(containersText(bad));
      return setters.length ? `hostProcess (${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true)` : undefined;
    },
  },
];

/** The violations of a pod spec at a level, in check-ID order, with restricted checks replacing their baseline twins. */
export function violations(level: string, pod: KubeObject): string[] {
  if (level === 'privileged') return [];
  const active = CHECKS.filter((c) => c.level === 'baseline' || level === 'restricted');
  const overridden = new Set(active.map((c) => c.overrides).filter(Boolean));
  // initContainers, then containers, then ephemeral containers (podspec.VisitContainers)
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  return active.filter((c) => !overridden.has(c.id)).map((c) => c.run(pod, containers)).filter((v): v is string => !!v);
}

/** A mode's level and version from the namespace labels; unset or unknown labels mean privileged, latest. */
function policy(ns: KubeObject | undefined, mode: 'enforce' | 'warn' | 'audit'): { level: string; version: string } {
  const labels = ns?.metadata.labels ?? {};
  const level = LEVELS.includes(labels[`${PREFIX}${mode}`]) ? labels[`${PREFIX}${mode}`] : 'privileged';
  return { level, version: labels[`${PREFIX}${mode}-version`] || 'latest' };
}

/**
 * A namespace given a stricter enforce level: its pods are not touched, but the request is answered
 * with warnings naming the pods that would now be refused, pods with the same reasons together.
 */
function checkExistingPods(attrs: AdmissionAttributes, doc: StoreDocument): void {
  const before = policy(attrs.oldObject, 'enforce');
  const after = policy(attrs.object, 'enforce');
  if (after.level === 'privileged' || (before.level === after.level && before.version === after.version)) return;
  const groups = new Map<string, string[]>();
  const pods = Object.values(doc.objects['/pods'] ?? {})
    .filter((p) => p.metadata.namespace === attrs.name)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const p of pods) {
    // the reasons alone, without their details
    const reasons = violations(after.level, p).map((v) => v.replace(/ \(.*$/, ''));
    if (reasons.length) groups.set(reasons.join(', '), [...(groups.get(reasons.join(', ')) ?? []), p.metadata.name!]);
  }
  if (!groups.size) return;
  attrs.warnings?.push(`existing pods in namespace "${attrs.name}" violate the new PodSecurity enforce level "${after.level}:${after.version}"`);
  for (const [reasons, names] of groups) attrs.warnings?.push(`${names[0]}${names.length > 1 ? ` (and ${names.length - 1} other pods)` : ''}: ${reasons}`);
}

function evaluate(attrs: AdmissionAttributes, doc: StoreDocument): void {
  if (attrs.subresource || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE')) return;
  if (attrs.spec.kind === 'Namespace' && attrs.spec.group === '') return attrs.operation === 'UPDATE' ? checkExistingPods(attrs, doc) : undefined;
  const found = podSpecOf(attrs);
  if (!found || !attrs.namespace) return;
  // an update that leaves the pod spec as it was (labels, annotations, status) is not checked again
  if (attrs.operation === 'UPDATE' && attrs.oldObject && JSON.stringify(podSpecOf({ ...attrs, object: attrs.oldObject })?.spec) === JSON.stringify(found.spec)) return;
  const ns = doc.objects['/namespaces']?.[`/${attrs.namespace}`];
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: found.meta, spec: found.spec } as KubeObject;
  const isPod = attrs.spec.kind === 'Pod' && attrs.spec.group === '';
  const enforce = policy(ns, 'enforce');
  if (isPod && enforce.level !== 'privileged') {
    const v = violations(enforce.level, pod);
    if (v.length) throw forbidden('pods', '', attrs.name, `violates PodSecurity "${enforce.level}:${enforce.version}": ${v.join(', ')}`);
  }
  const warn = policy(ns, 'warn');
  if (warn.level !== 'privileged') {
    const v = violations(warn.level, pod);
    if (v.length) attrs.warnings?.push(`would violate PodSecurity "${warn.level}:${warn.version}": ${v.join(', ')}`);
  }
  // audit mode tells no one but the audit log: here, the request log
  const audit = policy(ns, 'audit');
  if (audit.level !== 'privileged') {
    const v = violations(audit.level, pod);
    if (v.length) (attrs.auditAnnotations ??= {})[`${PREFIX}audit-violations`] = `would violate PodSecurity "${audit.level}:${audit.version}": ${v.join(', ')}`;
  }
}

export const PodSecurity = {
  name: 'PodSecurity',
  validate: evaluate,
} satisfies AdmissionPlugin;
