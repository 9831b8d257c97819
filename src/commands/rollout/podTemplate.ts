import type { KubeObject } from '../../cluster/api/types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** describe.printLabelsMultiline: the first pair after the title, the others on lines of their own. */
function labelsMultiline(title: string, labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return `${title}:\t<none>\n`;
  return `${title}:\t` + keys.map((k) => `${k}=${labels![k]}\n`).join('\t');
}

/** describe.printAnnotationsMultiline; long or multi-line values go below their key. */
function annotationsMultiline(title: string, annotations: Record<string, string>): string {
  const keys = Object.keys(annotations).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  if (!keys.length) return `${title}:\t<none>\n`;
  return (
    `${title}:\t` +
    keys
      .map((k) => {
        const value = annotations[k].replace(/\n$/, '');
        if (value.length + k.length + 2 > 140 || value.includes('\n'))
          return `${k}:\n` + value.split('\n').map((s) => `\t  ${s.length > 138 ? s.slice(0, 138) + '...' : s}\n`).join('');
        return `${k}: ${value}\n`;
      })
      .join('\t')
  );
}

function tolerationsMultiline(title: string, tolerations: any[] | undefined): string {
  if (!tolerations?.length) return `${title}:\t<none>\n`;
  const lines = tolerations.map((t) => {
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
    return s + '\n';
  });
  return `${title}:\t` + lines.join('\t');
}

function containers(label: string, list: any[] | undefined): string {
  if (!list?.length) return `  ${label}: <none>\n`;
  let out = `  ${label}:\n`;
  for (const c of list) {
    out += `   ${c.name}:\n    Image:\t${c.image ?? ''}\n`;
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    out += ports.includes(',') ? `    Ports:\t${ports}\n` : `    Port:\t${ports || '<none>'}\n`;
    const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    out += hostPorts.includes(',') ? `    Host Ports:\t${hostPorts}\n` : `    Host Port:\t${hostPorts || '<none>'}\n`;
    for (const [field, title] of [['command', 'Command'], ['args', 'Args']] as const)
      if (c[field]?.length) out += `    ${title}:\n` + c[field].flatMap((a: string) => String(a).split('\n')).map((s: string) => `      ${s}\n`).join('');
    for (const [field, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
      const q = c.resources?.[field] ?? {};
      if (Object.keys(q).length) out += `    ${title}:\n` + Object.keys(q).sort().map((k) => `      ${k}:\t${q[k]}\n`).join('');
    }
    if (c.envFrom?.length) {
      out += `    Environment Variables from:\n`;
      for (const e of c.envFrom) {
        const ref = e.configMapRef ?? e.secretRef;
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const optional = !!ref?.optional;
        out += e.prefix ? `      ${ref?.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `      ${ref?.name}\t${from}\tOptional: ${optional}\n`;
      }
    }
    out += `    Environment:${c.env?.length ? '' : '\t<none>'}\n`;
    for (const e of c.env ?? []) {
      const v = e.valueFrom;
      if (!v) out += String(e.value ?? '').split('\n').map((s, i) => (i === 0 ? `      ${e.name}:\t${s}\n` : `      \t${s}\n`)).join('');
      else if (v.fieldRef) out += `      ${e.name}:\t (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})\n`;
      else if (v.resourceFieldRef) out += `      ${e.name}:\t${v.resourceFieldRef.resource}\n`;
      else if (v.configMapKeyRef) out += `      ${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${!!v.configMapKeyRef.optional}\n`;
      else if (v.secretKeyRef) out += `      ${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${!!v.secretKeyRef.optional}\n`;
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: any, b: any) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    out += `    Mounts:${mounts.length ? '' : '\t<none>'}\n`;
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      out += `      ${m.mountPath} from ${m.name} (${flags.join(',')})\n`;
    }
  }
  return out;
}

function volumes(list: any[] | undefined): string {
  if (!list?.length) return `  Volumes:\t<none>\n`;
  let out = `  Volumes:\n`;
  for (const v of list) {
    out += `   ${v.name}:\n`;
    if (v.emptyDir) out += `    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
    else if (v.configMap) out += `    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`;
    else if (v.secret) out += `    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${!!v.secret.optional}\n`;
    else if (v.hostPath) out += `    Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ''}\n`;
    else if (v.persistentVolumeClaim) out += `    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`;
    else if (v.projected) {
      out += `    Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) out += `    TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`;
        if (s.configMap) out += `    ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${s.configMap.optional == null ? '<nil>' : s.configMap.optional}\n`;
        if (s.secret) out += `    SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${s.secret.optional == null ? '<nil>' : s.secret.optional}\n`;
        if (s.downwardAPI) out += `    DownwardAPI:\ttrue\n`;
      }
    }
  }
  return out;
}

/** describe.DescribePodTemplate, as `rollout history --revision` and `rollout undo --dry-run` print it. */
export function describePodTemplate(template: KubeObject['spec'] | undefined): string {
  let out = 'Pod Template:\n';
  if (!template) return out + '  <unset>';
  const spec = template.spec ?? {};
  out += labelsMultiline('  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) out += annotationsMultiline('  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) out += `  Service Account:\t${spec.serviceAccountName}\n`;
  if (spec.initContainers?.length) out += containers('Init Containers', spec.initContainers);
  out += containers('Containers', spec.containers);
  out += volumes(spec.volumes);
  if (spec.priorityClassName) out += `  Priority Class Name:\t${spec.priorityClassName}\n`;
  out += labelsMultiline('  Node-Selectors', spec.nodeSelector);
  out += tolerationsMultiline('  Tolerations', spec.tolerations);
  return out;
}
