import { age } from '../../meta/duration.js';
import { formatLabelSelector, validateLabelSelector } from './podTemplate.js';
import { invalid, notSupported, required, validatePort, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const POLICY_TYPES = ['Egress', 'Ingress'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function isCIDR(s: string): boolean {
  const m = CIDR.exec(s);
  return !!m && m.slice(1, 5).every((p) => Number(p) <= 255) && Number(m[5]) <= 32;
}

function validatePeers(peers: any[], f: string, errs: FieldError[]): void {
  peers.forEach((p, i) => {
    const pf = `${f}[${i}]`;
    const n = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => p[k] !== undefined).length;
    if (n === 0) errs.push(required(pf, 'must specify a peer'));
    else if (p.ipBlock && n > 1) errs.push({ type: 'FieldValueForbidden', field: pf, detail: 'may not specify both ipBlock and another peer' });
    if (p.podSelector) errs.push(...validateLabelSelector(p.podSelector, `${pf}.podSelector`));
    if (p.namespaceSelector) errs.push(...validateLabelSelector(p.namespaceSelector, `${pf}.namespaceSelector`));
    if (p.ipBlock) {
      if (!p.ipBlock.cidr) errs.push(required(`${pf}.ipBlock.cidr`));
      else if (!isCIDR(p.ipBlock.cidr)) errs.push(invalid(`${pf}.ipBlock.cidr`, p.ipBlock.cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
      (p.ipBlock.except ?? []).forEach((e: string, j: number) => {
        if (!isCIDR(e)) errs.push(invalid(`${pf}.ipBlock.except[${j}]`, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
      });
    }
  });
}

function validatePorts(ports: any[], f: string, errs: FieldError[]): void {
  ports.forEach((p, i) => {
    const pf = `${f}[${i}]`;
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
    if (typeof p.port === 'number') validatePort(`${pf}.port`, p.port, errs);
    if (p.endPort !== undefined) {
      if (typeof p.port !== 'number') errs.push(required(`${pf}.port`, 'must be specified when endPort is specified'));
      else if (p.endPort < p.port) errs.push(invalid(`${pf}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
    }
  });
}

export const networkPolicy = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  namespaced: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_NetworkPolicy: TCP ports, and Ingress (plus Egress when egress rules exist) as the policy types
    const spec = (obj.spec ??= {});
    spec.podSelector ??= {};
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of rule?.ports ?? []) p.protocol ??= 'TCP';
    if (!(spec.policyTypes ?? []).length) {
      spec.policyTypes = ['Ingress'];
      if ((spec.egress ?? []).length) spec.policyTypes.push('Egress');
    }
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    errs.push(...validateLabelSelector(spec.podSelector, 'spec.podSelector'));
    (spec.ingress ?? []).forEach((r: any, i: number) => {
      validatePorts(r?.ports ?? [], `spec.ingress[${i}].ports`, errs);
      validatePeers(r?.from ?? [], `spec.ingress[${i}].from`, errs);
    });
    (spec.egress ?? []).forEach((r: any, i: number) => {
      validatePorts(r?.ports ?? [], `spec.egress[${i}].ports`, errs);
      validatePeers(r?.to ?? [], `spec.egress[${i}].to`, errs);
    });
    (spec.policyTypes ?? []).forEach((p: string, i: number) => {
      if (!POLICY_TYPES.includes(p)) errs.push(notSupported(`spec.policyTypes[${i}]`, p, POLICY_TYPES));
    });
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Pod-Selector' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, formatLabelSelector(o.spec?.podSelector), age(o.metadata.creationTimestamp, now)],
  },
} satisfies KindSpec;
