import { forbidden } from '../status.js';
import { parseCertificateRequest } from '../authz/x509.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/**
 * CertificateSubjectRestriction: no one gets a client certificate in group system:masters (the group RBAC
 * cannot take anything from) through the kube-apiserver-client signer.
 */
export const CertificateSubjectRestriction = {
  name: 'CertificateSubjectRestriction',
  validate(attrs) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || attrs.spec.plural !== 'certificatesigningrequests' || attrs.spec.group !== 'certificates.k8s.io') return;
    if (attrs.object.spec?.signerName !== CLIENT_SIGNER) return;
    let organizations: string[];
    try {
      organizations = parseCertificateRequest(Buffer.from(String(attrs.object.spec?.request ?? ''), 'base64').toString('latin1')).subject.organizations;
    } catch {
      return; // validation refuses what does not parse
    }
    if (organizations.includes('system:masters'))
      throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, `use of ${CLIENT_SIGNER} signer with system:masters group is not allowed`);
  },
} satisfies AdmissionPlugin;
