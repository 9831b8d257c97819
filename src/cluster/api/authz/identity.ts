/**
 * Who a request comes from, as the authenticators hand it to the authorizers: a user name and groups.
 * kubecadet's identities stand for what a kubeadm cluster's credentials carry (client certificates:
 * CN = user, O = groups; ServiceAccount tokens).
 */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** The API server's own loopback identity: what requests made without a user run as. */
export const LOOPBACK: UserInfo = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

/** The groups a ServiceAccount's token authenticates into, or undefined if `user` is no ServiceAccount. */
export function serviceAccountGroups(user: string): string[] | undefined {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  return m ? ['system:serviceaccounts', `system:serviceaccounts:${m[1]}`] : undefined;
}

/** The groups a kubeadm cluster's credential for `user` carries (its certificate's O, or its token's groups). */
function credentialGroups(user: string): string[] {
  const sa = serviceAccountGroups(user);
  if (sa) return sa;
  if (user.startsWith('system:node:')) return ['system:nodes'];
  switch (user) {
    case 'kubernetes-admin': // admin.conf since kubeadm v1.29
      return ['kubeadm:cluster-admins'];
    case 'kubernetes-super-admin': // super-admin.conf
    case 'system:admin':
    case 'system:apiserver':
      return ['system:masters'];
    default:
      return [];
  }
}

/** Authentication: every authenticated user is also in system:authenticated; the anonymous one is not. */
function withAuthenticated(name: string, groups: string[]): UserInfo {
  if (name === 'system:anonymous') return { name, groups: groups.includes('system:unauthenticated') ? groups : [...groups, 'system:unauthenticated'] };
  return { name, groups: groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'] };
}

/** The identity a credential for `user` authenticates as. */
export function authenticate(user: string | undefined): UserInfo {
  if (user === undefined) return LOOPBACK;
  return withAuthenticated(user, credentialGroups(user));
}

/**
 * The identity an impersonated request runs as (`Impersonate-User`, `Impersonate-Group`): the groups asked
 * for, else none but a ServiceAccount's own; system:authenticated is added as the impersonation filter does.
 */
export function impersonated(user: string, groups: string[]): UserInfo {
  return withAuthenticated(user, groups.length ? [...groups] : (serviceAccountGroups(user) ?? []));
}
