import type { MatchContext } from '../matchers/matcher.js';
import { etcdQuorum } from './etcdQuorum.js';
import { secretData } from './secretData.js';
import { roleAllows } from './roleAllows.js';
import { rbacCan } from './rbacCan.js';

export interface CheckResult {
  ok: boolean;
  says: string;
  problem?: string;
}

/** A named code check: used only where no matcher can say it (each file says why). */
export type Check = (ctx: MatchContext, args: Record<string, unknown>) => CheckResult;

export const checks: Record<string, Check> = {
  etcdQuorum,
  secretData,
  roleAllows,
  rbacCan,
};
