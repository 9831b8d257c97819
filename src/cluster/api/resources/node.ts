import { age } from '../../meta/duration.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

function nodeStatus(o: KubeObject): string {
  const ready = (o.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (o.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(o: KubeObject, type: string): string {
  const a = (o.status?.addresses ?? []).find((x: { type: string }) => x.type === type);
  return a?.address ?? '<none>';
}

export const node = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  statusSubresource: true,
  defaults(obj) {
    if (obj.status?.capacity && !obj.status.allocatable) obj.status.allocatable = { ...obj.status.capacity };
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Status' },
      { name: 'Roles' },
      { name: 'Age' },
      { name: 'Version' },
      { name: 'Internal-IP', priority: 1 },
      { name: 'External-IP', priority: 1 },
      { name: 'OS-Image', priority: 1 },
      { name: 'Kernel-Version', priority: 1 },
      { name: 'Container-Runtime', priority: 1 },
    ],
    row: (o, now) => {
      const info = o.status?.nodeInfo ?? {};
      return [
        o.metadata.name!,
        nodeStatus(o),
        nodeRoles(o),
        age(o.metadata.creationTimestamp, now),
        info.kubeletVersion ?? '',
        address(o, 'InternalIP'),
        address(o, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  fieldSelectors: { 'spec.unschedulable': (o) => String(!!o.spec?.unschedulable) },
} satisfies KindSpec;
