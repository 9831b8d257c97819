import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { issueCertificate, parseCertificateRequest, parseCertificate } from '../../../src/cluster/api/authz/x509.js';
import { authenticateCredential, type AuthnState } from '../../../src/cluster/api/authz/authentication.js';
import { GOLDEN_FIXTURES } from '../../helpers/golden.js';

const PKI = path.join(GOLDEN_FIXTURES, 'pki');
const none: AuthnState = { serviceAccount: () => undefined, tokenSecrets: () => [] };
const DAY = 86_400_000;

t.test('a certificate request made by openssl is read, and the certificate issued for it reads back', async (t) => {
  const req = parseCertificateRequest(fs.readFileSync(path.join(PKI, 'jane.csr'), 'utf8'));
  t.same(req.subject, { commonName: 'jane', organizations: ['developers'] });
  t.same(parseCertificateRequest(fs.readFileSync(path.join(PKI, 'node01.csr'), 'utf8')).subject, { commonName: 'system:node:node01', organizations: ['system:nodes'] });
  t.throws(() => parseCertificateRequest('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /PEM block type must be CERTIFICATE REQUEST/);

  const now = Date.parse('2026-11-27T00:00:00Z');
  const pem = issueCertificate({ ...req, usages: ['client auth', 'digital signature'], serial: Buffer.from([0x81, 1]), notBefore: now, notAfter: now + DAY });
  const cert = parseCertificate(pem)!;
  t.same(cert.subject, req.subject);
  t.same(cert.issuer, { commonName: 'kubernetes', organizations: [] });
  t.equal(cert.notAfter, now + DAY);
  // openssl reads it as any client certificate
  const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pem, encoding: 'utf8' });
  t.match(text, /Issuer: CN ?= ?kubernetes/);
  t.match(text, /Subject: O ?= ?developers, CN ?= ?jane/);
  t.match(text, /TLS Web Client Authentication/);

  t.same(authenticateCredential(none, { clientCertificate: pem }, now + 1000), { name: 'jane', groups: ['developers', 'system:authenticated'] });
  t.throws(() => authenticateCredential(none, { clientCertificate: pem }, now + 2 * DAY), { message: 'the server has asked for the client to provide credentials' }, 'an expired certificate authenticates no one');
  t.throws(() => authenticateCredential(none, { clientCertificate: fs.readFileSync(path.join(PKI, 'jane.crt'), 'utf8') }, now), { message: 'the server has asked for the client to provide credentials' }, 'nor one the cluster CA did not issue');
});

t.test('tokens, basic auth and no credential at all', async (t) => {
  const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (sub: string) => `${b64url({ alg: 'RS256' })}.${b64url({ sub })}.sig`;
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'ci' } };
  const state: AuthnState = {
    serviceAccount: (ns, name) => (ns === 'ci' && name === 'bot' ? sa : undefined),
    tokenSecrets: () => [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bot-token', namespace: 'ci', annotations: { 'kubernetes.io/service-account.name': 'bot' } }, data: { token: Buffer.from('legacy').toString('base64') } }],
  };
  const bot = { name: 'system:serviceaccount:ci:bot', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] };
  t.same(authenticateCredential(state, { token: jwt('system:serviceaccount:ci:bot') }, 0), bot);
  t.same(authenticateCredential(state, { token: 'legacy' }, 0), bot, 'a legacy token Secret');
  t.throws(() => authenticateCredential(state, { token: jwt('system:serviceaccount:ci:gone') }, 0), { message: 'the server has asked for the client to provide credentials' });
  t.throws(() => authenticateCredential(state, { username: 'admin', password: 'x' }, 0), { message: 'the server has asked for the client to provide credentials' }, 'no basic auth since v1.19');
  t.same(authenticateCredential(state, {}, 0), { name: 'system:anonymous', groups: ['system:unauthenticated'] });
});
