import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { rfc3339 } from '../clock.js';
import { parseCertificateRequest } from '../api/authz/x509.js';
import type { ControllerSpec } from './controllerSpec.js';

const KUBELET_CLIENT = 'kubernetes.io/kube-apiserver-client-kubelet';

/** capihelper.IsKubeletClientCSR: O=system:nodes only, CN=system:node:NAME, client usages. */
function kubeletClientRequest(csr: KubeObject): { commonName: string } | undefined {
  let subject;
  try {
    subject = parseCertificateRequest(Buffer.from(String(csr.spec?.request ?? ''), 'base64').toString('latin1')).subject;
  } catch {
    return undefined;
  }
  if (subject.organizations.length !== 1 || subject.organizations[0] !== 'system:nodes' || !subject.commonName.startsWith('system:node:')) return undefined;
  const usages: string[] = csr.spec?.usages ?? [];
  if (!usages.includes('client auth') || usages.some((u) => !['digital signature', 'key encipherment', 'client auth'].includes(u))) return undefined;
  return subject;
}

/**
 * The csrapproving controller (sarapprove): it approves a kubelet's client-certificate request on its
 * own when a SubjectAccessReview says the requester may (a node renewing its own certificate:
 * `certificatesigningrequests/selfnodeclient`; a bootstrapping one: `certificatesigningrequests/nodeclient`).
 * Every other request waits for `kubectl certificate approve`.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const spec = ctx.kinds.forKind('CertificateSigningRequest', 'certificates.k8s.io');
  if (!spec) return;
  for (const csr of ctx.view.list('certificates.k8s.io/certificatesigningrequests')) {
    if (csr.spec?.signerName !== KUBELET_CLIENT || (csr.status?.conditions ?? []).length || csr.status?.certificate) continue;
    const req = kubeletClientRequest(csr);
    const requester = csr.spec?.username;
    if (!req || !requester) continue;
    const self = requester === req.commonName;
    // the SubjectAccessReview the controller sends for the requester
    const allowed = ctx.as(requester).canI({ verb: 'create', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: self ? 'selfnodeclient' : 'nodeclient' });
    if (allowed.decision !== 'Allow') continue;
    const updated = structuredClone(csr);
    updated.status = {
      ...updated.status,
      conditions: [
        {
          type: 'Approved',
          status: 'True',
          reason: 'AutoApproved',
          message: self ? 'Auto approving self kubelet client certificate after SubjectAccessReview.' : 'Auto approving kubelet client certificate after SubjectAccessReview.',
          lastTransitionTime: rfc3339(ctx.now),
          lastUpdateTime: rfc3339(ctx.now),
        },
      ],
    };
    await ctx.client.update(spec, updated, { subresource: 'approval' }).catch(() => undefined);
  }
}

export const csrApprovingController = {
  name: 'certificatesigningrequest-approving-controller',
  aliases: ['csrapproving'],
  user: 'system:serviceaccount:kube-system:certificate-controller',
  eventSource: 'certificatesigningrequest-approving-controller',
  sync,
} satisfies ControllerSpec;
