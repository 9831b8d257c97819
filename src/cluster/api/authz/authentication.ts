import type { KubeObject } from '../types.js';
import { StatusError } from '../status.js';
import { serviceAccountGroups, type UserInfo } from './identity.js';
import { CLUSTER_CA_NAME, parseCertificate } from './x509.js';

/**
 * Authentication: the credential a kubeconfig user carries, turned into the identity the authorizers see,
 * as kube-apiserver's authenticators do on a kubeadm cluster: x509 client certificates (CN = user, each
 * O = a group) signed by the cluster CA, ServiceAccount bearer tokens, and anonymous requests.
 */
export interface Credential {
  /** PEM text of the client certificate (from client-certificate-data or the client-certificate file) */
  clientCertificate?: string;
  token?: string;
  username?: string;
  password?: string;
}

/** The stand-in admin.conf certificate data of a fresh kubecadet home (home.ts): kubeadm's kubernetes-admin. */
export const ADMIN_CERTIFICATE_STANDIN = 'kubecadet simulated client certificate';

/** The 401 every authenticator failure ends in; kubectl shows it as `You must be logged in to the server`. */
export function unauthorized(): StatusError {
  return new StatusError('Unauthorized', 401, 'the server has asked for the client to provide credentials');
}

/** A ServiceAccount token's `sub` claim, when the token is a JWT that `kubectl create token` would issue. */
function tokenSubject(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/** The objects authentication looks at: ServiceAccounts (a token's account must still exist) and Secrets. */
export interface AuthnState {
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  /** legacy `kubernetes.io/service-account-token` Secrets */
  tokenSecrets(): KubeObject[];
}

function serviceAccountUser(name: string): UserInfo {
  return { name, groups: [...(serviceAccountGroups(name) ?? []), 'system:authenticated'] };
}

/** The identity of a request made with this credential; throws the 401 when no authenticator accepts it. */
export function authenticateCredential(state: AuthnState, cred: Credential, now: number): UserInfo {
  if (cred.clientCertificate !== undefined) {
    if (cred.clientCertificate.trim() === ADMIN_CERTIFICATE_STANDIN) return { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
    const cert = parseCertificate(cred.clientCertificate);
    // only certificates the cluster CA signed, and still valid (the signature itself is not checked: see x509.ts)
    if (!cert || cert.issuer.commonName !== CLUSTER_CA_NAME || cert.notAfter < now || !cert.subject.commonName) throw unauthorized();
    const groups = cert.subject.organizations.filter((o) => o !== 'system:authenticated');
    return { name: cert.subject.commonName, groups: [...groups, 'system:authenticated'] };
  }
  if (cred.token !== undefined && cred.token !== '') {
    const sub = tokenSubject(cred.token);
    const sa = sub ? /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub) : null;
    if (sa) {
      if (!state.serviceAccount(sa[1], sa[2])) throw unauthorized();
      return serviceAccountUser(sub!);
    }
    for (const s of state.tokenSecrets()) {
      if (Buffer.from(String(s.data?.token ?? ''), 'base64').toString('utf8') !== cred.token) continue;
      const ns = s.metadata.namespace!;
      const name = s.metadata.annotations?.['kubernetes.io/service-account.name'];
      if (name && state.serviceAccount(ns, name)) return serviceAccountUser(`system:serviceaccount:${ns}:${name}`);
    }
    throw unauthorized();
  }
  // kube-apiserver has had no basic-auth authenticator since v1.19
  if (cred.username || cred.password) throw unauthorized();
  return { name: 'system:anonymous', groups: ['system:unauthenticated'] };
}

/** What authentication reads of a store document. */
export function authnStateOf(doc: { objects: Record<string, Record<string, KubeObject>> }): AuthnState {
  return {
    serviceAccount: (namespace, name) => doc.objects['/serviceaccounts']?.[`${namespace}/${name}`],
    tokenSecrets: () => Object.values(doc.objects['/secrets'] ?? {}).filter((s) => s.type === 'kubernetes.io/service-account-token'),
  };
}
