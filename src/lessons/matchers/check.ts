import { isCheck, type CheckExpectation } from '../schema.js';
import { checks } from '../checks/index.js';
import type { Matcher } from './matcher.js';

/** `check:` a named code check, for the rare expectation the data forms cannot say. */
export const checkMatcher: Matcher<CheckExpectation> = {
  key: 'check',
  applies: isCheck,
  evaluate(e, ctx) {
    const c = checks[e.check];
    if (!c) return { ok: false, says: e.says ?? e.check, problem: `unknown check "${e.check}"` };
    const r = c(ctx, e.args ?? {});
    return { ok: r.ok, says: e.says ?? r.says, problem: r.ok ? undefined : r.problem };
  },
};
