import type { UserInfo } from './identity.js';

/** What an authorizer decides on: the request's attributes, as kube-apiserver's RequestInfo gives them. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  /** resource requests */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** a non-resource request (`/healthz`, `/version`) */
  path?: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface Verdict {
  decision: Decision;
  /** why, for the Forbidden message and the trace */
  reason: string;
}

export const noOpinion = (reason = ''): Verdict => ({ decision: 'NoOpinion', reason });
export const allow = (reason = ''): Verdict => ({ decision: 'Allow', reason });
