import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, searchEvents } from './events.js';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, since } from './format.js';
import { describeContainers, describeTopologySpreadConstraints, describeVolumes } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';
import { podQOS } from './resources.js';

const MIRROR_POD = 'kubernetes.io/config.mirror';

/** describePod, in kubectl's order. Its events are matched by name and uid only (the reference has no kind). */
export const pod: Describer = {
  group: '',
  kind: 'Pod',
  describe(p: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = p.spec ?? {};
    const status = p.status ?? {};
    w.write(0, `Name:\t${p.metadata.name}\n`);
    w.write(0, `Namespace:\t${p.metadata.namespace}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', p.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', p.metadata.annotations);
    if (p.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(0, `Status:\tTerminating (lasts ${since(p.metadata.deletionTimestamp, ctx.now)})\n`);
      w.write(0, `Termination Grace Period:\t${p.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
    if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile}\n`);
    }
    w.write(0, `IP:\t${status.podIP ?? ''}\n`);
    if (!status.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
    else {
      w.write(0, 'IPs:\n');
      for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
    }
    const owner = controlledBy(p);
    if (owner) w.write(0, `Controlled By:\t${owner}\n`);
    if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, p, w, '');
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, p, w, '');
    if (spec.ephemeralContainers?.length) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, p, w, '');
    const conditions: { type: string; status: string }[] = status.conditions ?? [];
    if (spec.readinessGates?.length) {
      w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = conditions.find((x) => x.type === g.conditionType);
        w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (conditions.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(0, `QoS Class:\t${podQOS(p)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (ctx.showEvents) {
      // a mirror pod's events name the static pod's uid, which the mirror annotation carries
      const uid = p.metadata.annotations?.[MIRROR_POD] ?? p.metadata.uid;
      describeEvents(searchEvents(ctx.client, { name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? '', uid: uid || undefined }), w, ctx.now);
    }
    return w.toString();
  },
};
