import { createRequire } from 'node:module';
import type { X509Certificate } from 'node:crypto';

// node:crypto takes milliseconds to load and most commands authenticate with the stand-in admin certificate,
// which needs no parsing: loaded on first use.
const crypto = (): typeof import('node:crypto') => createRequire(import.meta.url)('node:crypto');

/**
 * Just enough X.509 for the CKA's "create a user" task: read the subject of a PKCS#10 certificate
 * request that `openssl req -new` made, and issue a client certificate for it. The certificates are
 * well-formed DER (`openssl x509 -noout -text` and node's X509Certificate read them) but their signature is
 * a stand-in: kubecadet keeps no CA key, and its API server trusts a certificate whose issuer is the
 * cluster CA's name (CN=kubernetes) without checking the signature.
 */

/** A certificate's or request's subject as the API server reads it: CN is the user, each O a group. */
export interface Subject {
  commonName: string;
  organizations: string[];
}

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
/** the issuer every certificate the cluster signs carries: kubeadm's CA is `CN=kubernetes` */
export const CLUSTER_CA_NAME = 'kubernetes';

// ------------------------------------------------------------------ reading DER

interface Tlv {
  tag: number;
  content: Buffer;
  /** the whole element, header included */
  raw: Buffer;
}

function readTlv(buf: Buffer, at: number): Tlv & { end: number } {
  if (at + 2 > buf.length) throw new Error('asn1: syntax error: data truncated');
  const tag = buf[at];
  let len = buf[at + 1];
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + 2 + n > buf.length) throw new Error('asn1: syntax error: data truncated');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i];
    head += n;
  }
  const end = at + head + len;
  if (end > buf.length) throw new Error('asn1: syntax error: data truncated');
  return { tag, content: buf.subarray(at + head, end), raw: buf.subarray(at, end), end };
}

function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < t.content.length; ) {
    const c = readTlv(t.content, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

function oidText(b: Buffer): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (const x of b.subarray(1)) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function nameOf(name: Tlv): Subject {
  const s: Subject = { commonName: '', organizations: [] };
  for (const rdn of children(name))
    for (const atv of children(rdn)) {
      const [oid, value] = children(atv);
      const text = value.content.toString(value.tag === 0x1e ? 'utf16le' : 'utf8');
      if (oidText(oid.content) === OID_CN) s.commonName = text;
      else if (oidText(oid.content) === OID_O) s.organizations.push(text);
    }
  return s;
}

/** The DER inside the first PEM block of the given type, or undefined if there is none. */
export function pemBlock(text: string, type: string): Buffer | undefined {
  const m = new RegExp(`-----BEGIN ${type}-----([^-]*)-----END ${type}-----`).exec(text);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : undefined;
}

/** A PKCS#10 request (`spec.request` decoded): its subject and its public key, as the signer uses them. */
export function parseCertificateRequest(pem: string): { subject: Subject; publicKeyInfo: Buffer } {
  const der = pemBlock(pem, 'CERTIFICATE REQUEST');
  if (!der) throw new Error('PEM block type must be CERTIFICATE REQUEST');
  const [info] = children(readTlv(der, 0));
  const [, subject, spki] = children(info);
  if (!subject || subject.tag !== 0x30 || !spki || spki.tag !== 0x30) throw new Error('x509: malformed certificate request');
  return { subject: nameOf(subject), publicKeyInfo: Buffer.from(spki.raw) };
}

/** The subject and issuer of a PEM certificate, or undefined when it is no certificate. */
export function parseCertificate(pem: string): { subject: Subject; issuer: Subject; notAfter: number } | undefined {
  if (!pemBlock(pem, 'CERTIFICATE')) return undefined;
  let cert: X509Certificate;
  try {
    cert = new (crypto().X509Certificate)(pem);
  } catch {
    return undefined;
  }
  const read = (dn: string): Subject => {
    const s: Subject = { commonName: '', organizations: [] };
    for (const line of dn.split('\n')) {
      const eq = line.indexOf('=');
      if (line.slice(0, eq) === 'CN') s.commonName = line.slice(eq + 1);
      if (line.slice(0, eq) === 'O') s.organizations.push(line.slice(eq + 1));
    }
    return s;
  };
  return { subject: read(cert.subject), issuer: read(cert.issuer), notAfter: Date.parse(cert.validTo) };
}

// ------------------------------------------------------------------ writing DER

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  let head: number[];
  if (n < 0x80) head = [tag, n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    head = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(head), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);

function oid(text: string): Buffer {
  const [a, b, ...rest] = text.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const enc = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) enc.unshift((x & 0x7f) | 0x80);
    bytes.push(...enc);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function name(s: Subject): Buffer {
  const rdn = (o: string, v: string) => tlv(0x31, seq(oid(o), tlv(0x0c, Buffer.from(v, 'utf8'))));
  return seq(...s.organizations.map((o) => rdn(OID_O, o)), ...(s.commonName ? [rdn(OID_CN, s.commonName)] : []));
}

/** UTCTime, YYMMDDhhmmssZ (dates before 2050, as RFC 5280 wants). */
function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString();
  return tlv(0x17, Buffer.from(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
}

/** Key usages by the names a CSR's spec.usages gives them, as keyUsage bits and extKeyUsage OIDs. */
const KEY_USAGE_BITS: Record<string, number> = { 'digital signature': 0, 'content commitment': 1, 'key encipherment': 2, 'data encipherment': 3, 'key agreement': 4, 'cert sign': 5, 'crl sign': 6 };
const EXT_KEY_USAGE: Record<string, string> = { 'server auth': '1.3.6.1.5.5.7.3.1', 'client auth': '1.3.6.1.5.5.7.3.2', 'code signing': '1.3.6.1.5.5.7.3.3', 'email protection': '1.3.6.1.5.5.7.3.4' };

function extensions(usages: string[]): Buffer {
  const exts: Buffer[] = [];
  const bits = usages.map((u) => KEY_USAGE_BITS[u]).filter((b) => b !== undefined);
  if (bits.length) {
    let v = 0;
    for (const b of bits) v |= 0x80 >> b;
    // critical keyUsage, a one-byte BIT STRING
    exts.push(seq(oid('2.5.29.15'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, tlv(0x03, Buffer.from([0, v])))));
  }
  const eku = usages.map((u) => EXT_KEY_USAGE[u]).filter(Boolean);
  if (eku.length) exts.push(seq(oid('2.5.29.37'), tlv(0x04, seq(...eku.map(oid)))));
  // basicConstraints CA:FALSE, critical
  exts.push(seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq())));
  return tlv(0xa3, seq(...exts));
}

function pem(type: string, der: Buffer): string {
  const b64 = der.toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/**
 * A client certificate for a request, as the csrsigning controller issues it: the request's subject and
 * public key, the cluster CA as issuer, the usages asked for. The signature bytes are a digest of the
 * certificate body, not an RSA signature (see the note at the top).
 */
export function issueCertificate(req: { subject: Subject; publicKeyInfo: Buffer; usages: string[]; serial: Buffer; notBefore: number; notAfter: number }): string {
  const sha256WithRSA = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05));
  const serial = req.serial[0] & 0x80 ? Buffer.concat([Buffer.from([0]), req.serial]) : req.serial;
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    sha256WithRSA,
    name({ commonName: CLUSTER_CA_NAME, organizations: [] }),
    seq(utcTime(req.notBefore), utcTime(req.notAfter)),
    name(req.subject),
    req.publicKeyInfo,
    extensions(req.usages),
  );
  const digest = crypto().createHash('sha256').update(tbs).digest();
  const signature = Buffer.concat(Array.from({ length: 8 }, () => digest));
  return pem('CERTIFICATE', seq(tbs, sha256WithRSA, tlv(0x03, Buffer.from([0]), signature)));
}
