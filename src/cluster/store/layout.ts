import { isAscii } from 'node:buffer';
import type { StoreDocument } from './document.js';

/**
 * How a cluster document is laid out in its file. It is one JSON document (lowdb writes it, any JSON reader
 * reads it) with each part a command may not need on a line of its own:
 *
 *   {"schemaVersion":2,"resourceVersion":41,
 *   "sim":{...},
 *   "events":[...],
 *   "objects":{
 *   "/pods":{...},
 *   "apps/deployments":{...}
 *   }}
 *
 * JSON.stringify never writes a raw newline (it escapes those inside strings), so the newlines mark the
 * sections exactly. A read parses the first line at once and every other section on first use:
 * `kubectl get pods` on a cluster of 10,000 pods parses the pods, not the watch log or the other resources.
 */
export function stringifyDocument(doc: StoreDocument): string {
  const head = `{"schemaVersion":${JSON.stringify(doc.schemaVersion)},"resourceVersion":${JSON.stringify(doc.resourceVersion)},`;
  const objects = Object.keys(doc.objects).map((k) => `\n${JSON.stringify(k)}:${JSON.stringify(doc.objects[k])}`);
  return `${head}\n"sim":${JSON.stringify(doc.sim)},\n"events":${JSON.stringify(doc.events)},\n"objects":{${objects.join(',')}\n}}`;
}

/** A section that cannot be parsed, or holds the wrong type; `why` is what JSON.parse said of the whole file. */
export type SectionFailure = (why: string | undefined) => never;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The document in `buf` with its sections parsed on first use, or undefined when the file is not laid out
 * in sections (a document of schema 1, or one written by hand): the caller then parses it whole. The
 * sections are checked when parsed; `fail` is called for one that is not what it should be.
 */
export function parseSections(buf: Buffer, fail: SectionFailure): StoreDocument | undefined {
  const lines: [number, number][] = [];
  for (let start = 0; start <= buf.length; ) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl < 0 ? buf.length : nl;
    lines.push([start, end]);
    start = end + 1;
  }
  // ASCII (JSON.stringify's output for ASCII data) decodes as latin1, several times faster than as UTF-8
  const text = (start: number, end: number) => buf.toString(isAscii(buf.subarray(start, end)) ? 'latin1' : 'utf8', start, end);
  // the big lines are only looked at, not decoded, until they are needed
  const startsWith = (i: number, prefix: string) => buf.subarray(lines[i][0], lines[i][1]).subarray(0, prefix.length).equals(Buffer.from(prefix));
  const is = (i: number, whole: string) => lines[i][1] - lines[i][0] === whole.length && startsWith(i, whole);
  if (lines.length < 5 || !startsWith(0, '{"schemaVersion":') || buf[lines[0][1] - 1] !== 0x2c) return undefined;
  if (!startsWith(1, '"sim":') || !startsWith(2, '"events":') || !is(3, '"objects":{') || !is(lines.length - 1, '}}')) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(`${text(lines[0][0], lines[0][1] - 1)}}`);
  } catch {
    return undefined;
  }
  if (!isMap(head) || Object.keys(head).length !== 2 || !Number.isInteger(head.schemaVersion) || !Number.isInteger(head.resourceVersion)) return undefined;

  /** A section's value, parsed on first use and checked. */
  const section = <T>(start: number, end: number, ok: (v: unknown) => v is T): (() => T) => {
    let value: T | undefined;
    return () => {
      if (value === undefined) {
        let v: unknown;
        try {
          v = JSON.parse(text(start, end));
        } catch {
          fail(wholeFileError(buf));
        }
        if (!ok(v)) fail(undefined);
        value = v;
      }
      return value;
    };
  };
  const afterKey = (i: number, key: string, comma: boolean): [number, number] | undefined => {
    const [start, end] = lines[i];
    if (comma && buf[end - 1] !== 0x2c) return undefined;
    return [start + key.length, comma ? end - 1 : end];
  };
  const sim = afterKey(1, '"sim":', true);
  const events = afterKey(2, '"events":', true);
  if (!sim || !events) return undefined;

  const objects: StoreDocument['objects'] = {};
  const last = lines.length - 2;
  for (let i = 4; i <= last; i++) {
    const [start, end] = lines[i];
    const keyEnd = stringEnd(buf, start, end);
    if (keyEnd < 0 || buf[keyEnd + 1] !== 0x3a) return undefined;
    let key: string;
    try {
      key = JSON.parse(text(start, keyEnd + 1)) as string;
    } catch {
      return undefined;
    }
    const comma = i < last;
    if (comma && buf[end - 1] !== 0x2c) return undefined;
    lazy(objects, key, section(keyEnd + 2, comma ? end - 1 : end, isMap as (v: unknown) => v is Record<string, never>));
  }
  const doc = { schemaVersion: head.schemaVersion, resourceVersion: head.resourceVersion, objects } as StoreDocument;
  lazy(doc, 'sim', section(sim[0], sim[1], isMap));
  lazy(doc, 'events', section(events[0], events[1], Array.isArray as (v: unknown) => v is StoreDocument['events']));
  return doc;
}

/** A property read through `get` until something assigns it a value of its own. */
function lazy(target: object, key: string, get: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get,
    set(value: unknown) {
      Object.defineProperty(this, key, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

/** The index of the quote that ends the JSON string starting at `start`, or -1. */
function stringEnd(buf: Buffer, start: number, end: number): number {
  if (buf[start] !== 0x22) return -1;
  for (let i = start + 1; i < end; i++) {
    if (buf[i] === 0x5c) i++;
    else if (buf[i] === 0x22) return i;
  }
  return -1;
}

/** What JSON.parse says of the whole file: the words a damaged section is reported in, as for any damaged file. */
function wholeFileError(buf: Buffer): string | undefined {
  try {
    JSON.parse(buf.toString('utf8'));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
