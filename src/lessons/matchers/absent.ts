import { isAbsent, type AbsentExpectation } from '../schema.js';
import { describeRef } from './fields.js';
import type { Matcher } from './matcher.js';

/** `absent:` no such object (or none matching the selector) exists, or it is on its way out. */
export const absentMatcher: Matcher<AbsentExpectation> = {
  key: 'absent',
  applies: isAbsent,
  evaluate(e, { reader, namespace }) {
    const info = reader.resolve(e.absent.kind);
    const kindWord = info?.singular ?? e.absent.kind.toLowerCase();
    const ns = info?.namespaced === false ? undefined : (e.absent.namespace ?? namespace);
    const target = e.absent.name ? describeRef(kindWord, e.absent.name, ns) : `${info?.plural ?? e.absent.kind} matching ${e.absent.selector ?? 'anything'}${ns ? ` in namespace ${ns}` : ''}`;
    const says = e.says ?? `${target} is gone`;
    if (!info) return { ok: true, says };
    const left = (e.absent.name ? [reader.get(e.absent.kind, ns, e.absent.name)].filter((o) => !!o) : reader.list(e.absent.kind, ns, e.absent.selector)).filter(
      (o) => !o!.metadata.deletionTimestamp,
    );
    return left.length ? { ok: false, says, problem: `${e.absent.name ? target : `${left.length} ${target}`} still exist${left.length === 1 && e.absent.name ? 's' : ''}` } : { ok: true, says };
  },
};
