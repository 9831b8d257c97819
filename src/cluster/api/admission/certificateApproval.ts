import { forbidden } from '../status.js';
import { authorize, authzStateOf } from '../authz/authorizer.js';
import { LOOPBACK } from '../authz/identity.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';
import type { StoreDocument } from '../../store/document.js';

/**
 * Whether the requester may `verb` (approve, sign) requests for a signer: RBAC on the `signers` resource
 * of certificates.k8s.io, named after the signer or its domain (`example.com/*`), as
 * certificates.IsAuthorizedForSignerName checks it.
 */
export function authorizedForSigner(attrs: AdmissionAttributes, doc: StoreDocument, verb: string, signerName: string): boolean {
  const state = authzStateOf(doc);
  const user = attrs.userInfo ?? LOOPBACK;
  const ask = (name: string) => authorize(state, { user, verb, apiGroup: 'certificates.k8s.io', resource: 'signers', name }).decision === 'Allow';
  const slash = signerName.indexOf('/');
  return ask(signerName) || (slash > 0 && ask(`${signerName.slice(0, slash)}/*`));
}

/**
 * CertificateApproval: approving or denying a CertificateSigningRequest (its /approval subresource) also
 * needs the `approve` verb on the request's signer.
 */
export const CertificateApproval = {
  name: 'CertificateApproval',
  validate(attrs, doc) {
    if (attrs.subresource !== 'approval' || attrs.spec.plural !== 'certificatesigningrequests' || attrs.spec.group !== 'certificates.k8s.io') return;
    const signerName: string = attrs.object.spec?.signerName ?? '';
    if (!authorizedForSigner(attrs, doc, 'approve', signerName))
      throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, `user not permitted to approve requests with signerName "${signerName}"`);
  },
} satisfies AdmissionPlugin;
