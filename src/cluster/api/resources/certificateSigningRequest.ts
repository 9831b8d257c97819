import { age, humanDuration } from '../../meta/duration.js';
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/** Go's %#v of a []byte, as a field error prints the request. */
function goBytes(b: Buffer): string {
  return `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}

/** Conditions that can only be True and, once added, never removed. */
const TRUE_ONLY = ['Approved', 'Denied', 'Failed'];

/** status.conditions as validateConditions and the update checks of ValidateCertificateSigningRequestUpdate see them. */
function validateConditions(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const conds = (obj.status?.conditions ?? []) as { type?: string; status?: string }[];
  const oldConds = (old?.status?.conditions ?? []) as { type?: string }[];
  // clusters that stored both already keep them (compatibility with existing data)
  const allowBoth = oldConds.some((c) => c.type === 'Approved') && oldConds.some((c) => c.type === 'Denied');
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conds.forEach((c, i) => {
    const f = `status.conditions[${i}]`;
    if (!c.type) errs.push(required(`${f}.type`));
    const allowed = TRUE_ONLY.includes(c.type ?? '') ? ['True'] : ['False', 'True', 'Unknown'];
    if (!c.status) errs.push(required(`${f}.status`));
    else if (!allowed.includes(c.status)) errs.push(notSupported(`${f}.status`, c.status, allowed));
    if (!allowBoth && c.type === 'Approved') {
      approved = true;
      if (denied) errs.push(invalid(`${f}.type`, c.type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (!allowBoth && c.type === 'Denied') {
      denied = true;
      if (approved) errs.push(invalid(`${f}.type`, c.type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (seen.has(c.type ?? '')) errs.push(duplicate(`${f}.type`, c.type));
    seen.add(c.type ?? '');
  });
  if (old)
    for (const t of TRUE_ONLY)
      if (conds.filter((c) => c.type === t).length < oldConds.filter((c) => c.type === t).length)
        errs.push(forbiddenField('status.conditions', `updates may not remove a condition of type "${t}"`));
  return errs;
}

/** CONDITION: Denied or Approved (or Pending), then `,Failed` and `,Issued` (printers.go extractCSRStatus). */
function csrCondition(o: KubeObject): string {
  const types = new Set(((o.status?.conditions ?? []) as any[]).map((c) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (o.status?.certificate) s += ',Issued';
  return s;
}

export const certificateSigningRequest = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
  singular: 'certificatesigningrequest',
  shortNames: ['csr'],
  namespaced: false,
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    // the requester's identity comes from the request, never from the body
    for (const f of ['username', 'uid', 'groups', 'extra']) delete obj.spec?.[f];
    if (ctx.user) obj.spec.username = ctx.user;
    if (ctx.user && ctx.groups?.length) obj.spec.groups = [...ctx.groups];
    obj.status = {};
  },
  prepareForUpdate(obj, old) {
    // the spec, requester identity included, is fixed at creation
    obj.spec = old.spec;
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    if (old) return validateConditions(obj, old);
    if (!spec.request) errs.push(required('spec.request'));
    else {
      const bytes = Buffer.from(String(spec.request), 'base64');
      if (!bytes.toString('latin1').includes('-----BEGIN CERTIFICATE REQUEST-----'))
        errs.push({ type: 'FieldValueInvalid', field: 'spec.request', value: goBytes(bytes), detail: 'PEM block type must be CERTIFICATE REQUEST' });
    }
    if (!spec.signerName) errs.push(required('spec.signerName'));
    if (!(spec.usages ?? []).length) errs.push(required('spec.usages'));
    for (const u of spec.usages ?? []) if (!USAGES.includes(u)) errs.push(notSupported('spec.usages', u, USAGES));
    if (spec.expirationSeconds !== undefined && spec.expirationSeconds < 600)
      errs.push(invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
    return [...errs, ...validateConditions(obj)];
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Age' },
      { name: 'SignerName' },
      { name: 'Requestor' },
      { name: 'RequestedDuration' },
      { name: 'Condition' },
    ],
    row: (o, now) => [
      o.metadata.name!,
      age(o.metadata.creationTimestamp, now),
      o.spec?.signerName || '<none>',
      o.spec?.username ?? '',
      o.spec?.expirationSeconds !== undefined ? humanDuration(o.spec.expirationSeconds * 1000) : '<none>',
      csrCondition(o),
    ],
  },
  fieldSelectors: { 'spec.signerName': (o) => o.spec?.signerName ?? '' },
} satisfies KindSpec;
