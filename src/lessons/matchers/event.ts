import { isEvent, type EventExpectation } from '../schema.js';
import type { Matcher } from './matcher.js';

/** `event:` an Event with this reason (and type, object, message) was recorded. */
export const eventMatcher: Matcher<EventExpectation> = {
  key: 'event',
  applies: isEvent,
  evaluate(e, { reader, namespace }) {
    const ev = e.event;
    const about = ev.kind ? `${ev.kind.toLowerCase()}${ev.name ? `/${ev.name}` : ''}` : 'any object';
    const says = e.says ?? `a ${ev.type ?? ''}${ev.type ? ' ' : ''}${ev.reason} event for ${about}`;
    const ns = ev.namespace ?? namespace;
    const nameOk = (n: string | undefined) => !ev.name || (ev.name.endsWith('*') ? (n ?? '').startsWith(ev.name.slice(0, -1)) : n === ev.name);
    const found = reader
      .list('events', ns)
      .some(
        (x) =>
          x.reason === ev.reason &&
          (!ev.type || x.type === ev.type) &&
          (!ev.kind || String(x.involvedObject?.kind).toLowerCase() === ev.kind.toLowerCase()) &&
          nameOk(x.involvedObject?.name) &&
          (!ev.message || new RegExp(ev.message).test(String(x.message))),
      );
    return found ? { ok: true, says } : { ok: false, says, problem: `no ${ev.type ? `${ev.type} ` : ''}${ev.reason} event for ${about} in namespace ${ns} yet` };
  },
};
