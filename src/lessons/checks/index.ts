import type { MatchContext } from '../matchers/matcher.js';
import { etcdQuorum } from './etcdQuorum.js';
import { secretValue } from './secretValue.js';

export interface CheckResult {
  ok: boolean;
  says: string;
  problem?: string;
}

/** A named code check: used only where no matcher can say it (each file says why). */
export type Check = (ctx: MatchContext, args: Record<string, unknown>) => CheckResult;

export const checks: Record<string, Check> = {
  etcdQuorum,
  secretValue,
};
