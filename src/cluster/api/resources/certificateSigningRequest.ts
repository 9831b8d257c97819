import { age, humanDuration } from '../../meta/duration.js';
import { invalid, notSupported, required, type FieldError } from '../validation.js';
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
    obj.status = {};
  },
  prepareForUpdate(obj, old) {
    // the spec, requester identity included, is fixed at creation
    obj.spec = old.spec;
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
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
    return errs;
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
