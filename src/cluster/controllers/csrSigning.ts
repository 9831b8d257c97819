import { createHash } from 'node:crypto';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { rfc3339 } from '../clock.js';
import { issueCertificate, parseCertificateRequest } from '../api/authz/x509.js';
import type { ControllerSpec } from './controllerSpec.js';

/** The signers kube-controller-manager signs for with the cluster CA (kubeadm's --cluster-signing-cert-file). */
const SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown'];

/** --cluster-signing-duration's default, one year; a request's expirationSeconds may shorten it, not below 10 minutes. */
const SIGNING_TTL_S = 8760 * 3600;
/** certificates start 5 minutes in the past, for clocks that lag (authority.PermissiveSigningPolicy Backdate) */
const BACKDATE_MS = 5 * 60_000;

const has = (csr: KubeObject, type: string) => (csr.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === type && c.status === 'True');

function approved(csr: KubeObject): boolean {
  return has(csr, 'Approved') && !has(csr, 'Denied');
}

/** signer.go's validAPIServerClientUsages: client auth, plus at most digital signature and key encipherment. */
function clientUsagesError(usages: string[]): string | undefined {
  for (const u of usages) if (!['digital signature', 'key encipherment', 'client auth'].includes(u)) return `invalid usage for client certificate: ${u}`;
  if (!usages.includes('client auth')) return 'missing required usage for client certificate: client auth';
  return undefined;
}

function ttlSeconds(expirationSeconds: number | undefined): number {
  if (expirationSeconds === undefined) return SIGNING_TTL_S;
  return Math.min(SIGNING_TTL_S, Math.max(600, expirationSeconds));
}

/**
 * The csrsigning controller: an approved CertificateSigningRequest for one of the cluster's signers gets
 * its certificate in status.certificate (or a Failed condition when its usages do not suit the signer).
 * The certificate carries the request's subject and key; see x509.ts for what of it is simulated.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const spec = ctx.kinds.forKind('CertificateSigningRequest', 'certificates.k8s.io');
  if (!spec) return;
  for (const csr of ctx.view.list('certificates.k8s.io/certificatesigningrequests')) {
    if (!approved(csr) || has(csr, 'Failed') || csr.status?.certificate || !SIGNERS.includes(csr.spec?.signerName)) continue;
    let req: ReturnType<typeof parseCertificateRequest>;
    try {
      req = parseCertificateRequest(Buffer.from(String(csr.spec.request ?? ''), 'base64').toString('latin1'));
    } catch {
      continue; // `unable to parse csr`: the real controller retries, and so does this one on every round
    }
    const usages: string[] = csr.spec.usages ?? [];
    const problem = csr.spec.signerName === 'kubernetes.io/kube-apiserver-client' ? clientUsagesError(usages) : undefined;
    const updated = structuredClone(csr);
    if (problem) {
      updated.status.conditions = [
        ...(csr.status?.conditions ?? []),
        { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: problem, lastTransitionTime: rfc3339(ctx.now), lastUpdateTime: rfc3339(ctx.now) },
      ];
    } else {
      const pem = issueCertificate({
        subject: req.subject,
        publicKeyInfo: req.publicKeyInfo,
        usages,
        serial: createHash('sha256').update(`${csr.metadata.uid}/${ctx.now}`).digest().subarray(0, 16),
        notBefore: ctx.now - BACKDATE_MS,
        notAfter: ctx.now + ttlSeconds(csr.spec.expirationSeconds) * 1000,
      });
      updated.status.certificate = Buffer.from(pem).toString('base64');
    }
    await ctx.client.update(spec, updated, { subresource: 'status' }).catch(() => undefined);
  }
}

export const csrSigningController = {
  name: 'certificatesigningrequest-signing-controller',
  aliases: ['csrsigning'],
  user: 'system:serviceaccount:kube-system:certificate-controller',
  eventSource: 'certificatesigningrequest-signing-controller',
  sync,
} satisfies ControllerSpec;
