import { authorize, forbiddenError, type AuthzState } from './authorizer.js';
import type { Attributes } from './attributes.js';
import { impersonated, type UserInfo } from './identity.js';
import type { RequestTracer } from '../trace.js';

/**
 * The impersonation filter (`Impersonate-User`, `Impersonate-Group`): the requester must be allowed to
 * `impersonate` the user (or the ServiceAccount) and each group; the request then runs as that identity.
 */
export function impersonate(state: AuthzState, requester: UserInfo, user: string, groups: string[], trace?: RequestTracer): UserInfo {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  const checks: Attributes[] = [
    sa
      ? { user: requester, verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', namespace: sa[1], name: sa[2] }
      : { user: requester, verb: 'impersonate', apiGroup: '', resource: 'users', name: user },
    ...groups.map((g): Attributes => ({ user: requester, verb: 'impersonate', apiGroup: '', resource: 'groups', name: g })),
  ];
  for (const a of checks) {
    const v = authorize(state, a);
    trace?.impersonation(a, v);
    if (v.decision !== 'Allow') throw forbiddenError(a, v.reason);
  }
  return impersonated(user, groups);
}
