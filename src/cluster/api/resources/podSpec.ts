import { canonicalQuantity } from '../../meta/canonicalQuantity.js';
import { forbiddenField, invalid, isDNS1123Label, isQualifiedName, isValidLabelValue, notSupported, required, validatePort, duplicate, type FieldError } from '../validation.js';
import { isQuantity, parseQuantity } from '../../meta/quantity.js';
import type { KubeObject } from '../types.js';

/**
 * SetDefaults_PodSpec and the container defaults, shared by Pods and every workload's template
 * (pkg/apis/core/v1/defaults.go). What only a Pod gets is in pod.ts (defaultPodOnly).
 */
export function defaultPodSpec(spec: KubeObject['spec']): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  // the deprecated serviceAccount field mirrors serviceAccountName (the v1 conversion writes one from the other)
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

function imageTag(image: string): string | undefined {
  if (image.includes('@')) return '@digest';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : undefined;
}

function defaultContainer(c: Record<string, any>): void {
  if (c.image !== undefined && c.imagePullPolicy === undefined) {
    const tag = imageTag(String(c.image));
    c.imagePullPolicy = tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // the decoder keeps quantities in canonical form (`0.5` as `500m`); a bad one is left for validation to refuse
  for (const list of [c.resources.requests, c.resources.limits])
    for (const [k, v] of Object.entries((list ?? {}) as Record<string, unknown>)) {
      const q = isQuantity(String(v)) ? canonicalQuantity(String(v)) : undefined;
      if (q !== undefined) list[k] = q;
    }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) {
      probe.httpGet.path ??= '/';
      probe.httpGet.scheme ??= 'HTTP';
    }
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ??= 'v1';
  }
}

function defaultVolume(v: Record<string, any>): void {
  const sources = ['emptyDir', 'hostPath', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'nfs', 'csi', 'ephemeral'];
  if (!sources.some((s) => v[s] !== undefined)) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= '';
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * The Container fields an EphemeralContainer may not set (validateFieldAllowList, in struct order): an
 * ephemeral container is no part of the pod's service, so it has no ports, resources, probes or lifecycle.
 */
const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

/** Go's zero value: absent, empty string, empty list, or a struct with nothing set. */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

/** ValidatePodSpec, the parts a learner can get wrong. `path` is `spec` or `spec.template.spec`. */
export function validatePodSpec(spec: KubeObject['spec'], path: string, allowed?: { restartPolicies?: string[] }): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec) return [required(path)];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) errs.push(required(`${path}.containers`));
  const names = new Set<string>();
  const check = (list: any[] | undefined, field: string) => {
    (list ?? []).forEach((c, i) => {
      const p = `${path}.${field}[${i}]`;
      if (!c.name) errs.push(required(`${p}.name`));
      else {
        for (const m of isDNS1123Label(c.name)) errs.push(invalid(`${p}.name`, c.name, m));
        if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
        names.add(c.name);
      }
      if (!c.image || !String(c.image).trim()) errs.push(required(`${p}.image`));
      if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy))
        errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
      const portNames = new Set<string>();
      (c.ports ?? []).forEach((port: any, j: number) => {
        const pp = `${p}.ports[${j}]`;
        validatePort(`${pp}.containerPort`, port.containerPort, errs);
        if (port.hostPort !== undefined && port.hostPort !== 0) validatePort(`${pp}.hostPort`, port.hostPort, errs);
        if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol))
          errs.push(notSupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
        if (port.name) {
          if (portNames.has(port.name)) errs.push(duplicate(`${pp}.name`, port.name));
          portNames.add(port.name);
        }
      });
      (c.env ?? []).forEach((e: any, j: number) => {
        if (!e.name) errs.push(required(`${p}.env[${j}].name`));
      });
      (c.volumeMounts ?? []).forEach((vm: any, j: number) => {
        if (!vm.name) errs.push(required(`${p}.volumeMounts[${j}].name`));
        else if (!(spec.volumes ?? []).some((v: any) => v.name === vm.name))
          errs.push({ type: 'FieldValueNotFound', field: `${p}.volumeMounts[${j}].name`, value: JSON.stringify(vm.name) });
        if (!vm.mountPath) errs.push(required(`${p}.volumeMounts[${j}].mountPath`));
      });
      validateResources(c.resources, `${p}.resources`, errs);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (c[probe]) validateProbe(c[probe], `${p}.${probe}`, errs);
    });
  };
  check(spec.initContainers, 'initContainers');
  check(containers, 'containers');
  const regular = new Set(names);
  check(spec.ephemeralContainers, 'ephemeralContainers');
  (spec.ephemeralContainers ?? []).forEach((c: any, i: number) => {
    const p = `${path}.ephemeralContainers[${i}]`;
    // the target must be one of the pod's own containers, never another ephemeral one
    if (c.targetContainerName && !regular.has(c.targetContainerName))
      errs.push({ type: 'FieldValueNotFound', field: `${p}.targetContainerName`, value: JSON.stringify(c.targetContainerName) });
    for (const f of EPHEMERAL_FORBIDDEN) if (!isZero(c[f])) errs.push(forbiddenField(`${p}.${f}`, 'cannot be set for an Ephemeral Container'));
    (c.volumeMounts ?? []).forEach((vm: any, j: number) => {
      if (vm.subPath) errs.push(forbiddenField(`${p}.volumeMounts[${j}].subPath`, 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(forbiddenField(`${p}.volumeMounts[${j}].subPathExpr`, 'cannot be set for an Ephemeral Container'));
    });
  });
  const rp = spec.restartPolicy;
  const supported = allowed?.restartPolicies ?? RESTART_POLICIES;
  if (rp !== undefined && !supported.includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, supported));
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy))
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  const volNames = new Set<string>();
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    if (!v.name) errs.push(required(`${path}.volumes[${i}].name`));
    else {
      for (const m of isDNS1123Label(v.name)) errs.push(invalid(`${path}.volumes[${i}].name`, v.name, m));
      if (volNames.has(v.name)) errs.push(duplicate(`${path}.volumes[${i}].name`, v.name));
      volNames.add(v.name);
    }
  });
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  return errs;
}

/** ValidateTolerations, in its order: key, empty-key rule, operator, tolerationSeconds, effect (pods and RuntimeClasses). */
export function validateTolerations(tolerations: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t: any, i: number) => {
    const p = `${path}[${i}]`;
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(`${p}.key`, t.key, m));
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t.operator === undefined || t.operator === '' || t.operator === 'Equal') {
      const valueErrs = isValidLabelValue(t.value ?? '');
      if (valueErrs.length) errs.push(invalid(`${p}.operator`, t.value ?? '', valueErrs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value)
        errs.push({
          type: 'FieldValueInvalid',
          field: `${p}.operator`,
          value: goToleration(t),
          detail: "value must be empty when `operator` is 'Exists'",
        });
    } else errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    if (t.effect && !EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
  });
  return errs;
}

/** Go's %#v of a core.Toleration, as `value must be empty` prints it. */
function goToleration(t: any): string {
  const q = (v: unknown) => JSON.stringify(v ?? '');
  // a set pointer prints as an address, which differs on every real server; any stable one will do
  const secs = t.tolerationSeconds === undefined ? '(*int64)(nil)' : '(*int64)(0xc000b1e2a8)';
  return `core.Toleration{Key:${q(t.key)}, Operator:${q(t.operator)}, Value:${q(t.value)}, Effect:${q(t.effect)}, TolerationSeconds:${secs}}`;
}

/** ValidateResourceRequirements: a request may not exceed its limit. */
function validateResources(res: any, path: string, errs: FieldError[]): void {
  const limits: Record<string, string> = res?.limits ?? {};
  for (const [name, req] of Object.entries((res?.requests ?? {}) as Record<string, string>)) {
    const lim = limits[name];
    if (lim === undefined) continue;
    const r = parseQuantity(req);
    const l = parseQuantity(lim);
    if (r !== undefined && l !== undefined && r > l)
      errs.push(invalid(`${path}.requests`, String(req), `must be less than or equal to ${name} limit of ${lim}`));
  }
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** validateProbe / validateHandler: exactly one handler, and the counters in range. */
function validateProbe(probe: any, path: string, errs: FieldError[]): void {
  const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
  if (!handlers.length) errs.push(required(path, 'must specify a handler type'));
  for (const h of handlers.slice(1)) errs.push({ type: 'FieldValueForbidden', field: `${path}.${h}`, detail: 'may not specify more than 1 handler type' });
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    if (typeof probe[f] === 'number' && probe[f] < 0) errs.push(invalid(`${path}.${f}`, probe[f], 'must be greater than or equal to 0'));
  // liveness and startup probes succeed on the first success
  if (!path.endsWith('readinessProbe') && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1)
    errs.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  if (probe.httpGet) {
    const port = probe.httpGet.port;
    if (port === undefined) errs.push(required(`${path}.httpGet.port`));
    else if (typeof port === 'number') validatePort(`${path}.httpGet.port`, port, errs);
  }
  if (probe.tcpSocket && typeof probe.tcpSocket.port === 'number') validatePort(`${path}.tcpSocket.port`, probe.tcpSocket.port, errs);
}
