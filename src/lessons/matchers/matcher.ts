import type { Expectation } from '../schema.js';
import type { ClusterReader } from '../reader.js';

export interface MatchContext {
  reader: ClusterReader;
  /** the namespace expectations default to */
  namespace: string;
}

/** A verdict on one expectation, in the learner's terms. */
export interface MatchResult {
  ok: boolean;
  /** what was found, when not ok: `deployment/web in namespace prod: spec.replicas is 2, expected 3` */
  problem?: string;
  /** what the expectation asks, as a checklist line */
  says: string;
}

/** One kind of expectation (object, count, absent, event, check): one file each in this folder. */
export interface Matcher<E extends Expectation = Expectation> {
  /** the expectation's key in the lesson file */
  key: string;
  applies(e: Expectation): e is E;
  evaluate(e: E, ctx: MatchContext): MatchResult;
}
