import { isObject, type ObjectExpectation } from '../schema.js';
import { describeRef, firstFailure } from './fields.js';
import type { Matcher } from './matcher.js';

/** `object:` an object (by name, or any object matching a selector) exists and its fields hold. */
export const objectMatcher: Matcher<ObjectExpectation> = {
  key: 'object',
  applies: isObject,
  evaluate(e, { reader, namespace }) {
    const info = reader.resolve(e.object.kind);
    const kindWord = info?.singular ?? e.object.kind.toLowerCase();
    const ns = info?.namespaced === false ? undefined : (e.object.namespace ?? namespace);
    const target = e.object.name ? describeRef(kindWord, e.object.name, ns) : `a ${kindWord} matching ${e.object.selector ?? 'anything'}${ns ? ` in namespace ${ns}` : ''}`;
    const says = e.says ?? `${target}${e.where ? `: ${Object.entries(e.where).map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : `= ${JSON.stringify(v)}`}`).join(', ')}` : ' exists'}`;
    if (!info) return { ok: false, says, problem: `the cluster has no resource type "${e.object.kind}" yet` };
    const candidates = e.object.name
      ? [reader.get(e.object.kind, ns, e.object.name)].filter((o) => !!o)
      : reader.list(e.object.kind, ns, e.object.selector);
    if (!candidates.length) return { ok: false, says, problem: `${target}: not found` };
    let problem: string | undefined;
    for (const obj of candidates) {
      const why = firstFailure(obj!, e.where);
      if (!why) return { ok: true, says };
      problem ??= `${describeRef(kindWord, obj!.metadata.name!, ns)}: ${why}`;
    }
    return { ok: false, says, problem };
  },
};
