import type { Expectation } from '../schema.js';
import type { Matcher, MatchContext, MatchResult } from './matcher.js';
import { objectMatcher } from './object.js';
import { countMatcher } from './count.js';
import { absentMatcher } from './absent.js';
import { eventMatcher } from './event.js';
import { checkMatcher } from './check.js';
import { connectMatcher } from './connect.js';

/** Matchers by expectation key, one line each. */
export const matchers: Matcher[] = [objectMatcher, countMatcher, absentMatcher, eventMatcher, checkMatcher, connectMatcher] as Matcher[];

export function evaluate(e: Expectation, ctx: MatchContext): MatchResult {
  const m = matchers.find((x) => x.applies(e));
  if (!m) return { ok: false, says: JSON.stringify(e), problem: `unknown expectation: ${Object.keys(e).join(', ')}` };
  return m.evaluate(e, ctx);
}

export type { MatchContext, MatchResult } from './matcher.js';
