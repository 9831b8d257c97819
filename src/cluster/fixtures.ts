import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from './client/client.js';
import type { KubeObject } from './api/types.js';
import { parseDuration } from './meta/duration.js';

/** fixtures/ at the package root (this file runs from dist/src/cluster/). */
export const fixturesDir = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export function fixtureFile(name: string): string {
  return `${fixturesDir}clusters/${name}.yaml`;
}

export function listFixtures(): string[] {
  try {
    return fs
      .readdirSync(`${fixturesDir}clusters`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A fixture's own first document (`apiVersion: kubecadet.dev/v1`, `kind: Fixture`), never stored:
 * `epoch` is the instant the file's timestamps are written against, `age` how old the cluster is when
 * it is created.
 */
export interface FixtureHeader {
  epoch?: string;
  age?: string;
}

export const FIXTURE_API_VERSION = 'kubecadet.dev/v1';

export class FixtureError extends Error {}

/** `12d`, `3d4h`, or any Go duration. */
export function parseAge(s: string): number | undefined {
  const m = /^(\d+)d(.*)$/.exec(s);
  if (m) {
    const rest = m[2] ? parseDuration(m[2]) : 0;
    return rest === undefined ? undefined : Number(m[1]) * 86_400_000 + rest;
  }
  return parseDuration(s);
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;

/** Moves every RFC 3339 timestamp in v by deltaMs (whole seconds), keeping any fraction as written. */
export function shiftTimestamps<T>(v: T, deltaMs: number): T {
  if (typeof v === 'string') {
    const m = TIMESTAMP.exec(v);
    if (!m) return v;
    const t = Date.parse(`${m[1]}Z`) + deltaMs;
    return `${new Date(t).toISOString().slice(0, 19)}${m[2] ?? ''}Z` as T;
  }
  if (Array.isArray(v)) return v.map((x) => shiftTimestamps(x, deltaMs)) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftTimestamps(x, deltaMs)])) as T;
  return v;
}

export interface LoadOptions {
  /** the instant the cluster is loaded at (default: the client's clock) */
  now?: number;
  /** moves the API server's clock to t while one object is created, so it is stamped with that instant */
  at?: (t: number) => void;
  /** runs at the cluster's birth, before the fixture's objects: what the API server creates itself at start */
  atBirth?: (born: number) => Promise<void>;
}

/** Reads a fixture: its header and its objects, timestamps moved so that the cluster is `age` old at `now`. */
export async function readFixture(name: string, now: number): Promise<{ header: FixtureHeader; objects: KubeObject[]; born: number }> {
  const file = fixtureFile(name);
  if (!fs.existsSync(file)) throw new FixtureError(`no fixture named "${name}" (available: ${listFixtures().join(', ')})`);
  const { parseAllDocuments } = await import('yaml');
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => {
    if (d.errors.length) throw new FixtureError(`fixture ${name}: ${d.errors[0].message}`);
    return d.toJS() as KubeObject | null;
  });
  let objects = docs.filter((d): d is KubeObject => !!d && typeof d === 'object');
  let header: FixtureHeader = {};
  if (objects[0]?.apiVersion === FIXTURE_API_VERSION && objects[0].kind === 'Fixture') {
    header = objects[0] as FixtureHeader;
    objects = objects.slice(1);
  }
  const ageMs = header.age ? parseAge(String(header.age)) : 0;
  if (ageMs === undefined) throw new FixtureError(`fixture ${name}: invalid age "${header.age}" (use e.g. 12d or 36h)`);
  const born = Math.floor((now - ageMs) / 1000) * 1000;
  if (header.epoch) {
    const epoch = Date.parse(header.epoch);
    if (Number.isNaN(epoch)) throw new FixtureError(`fixture ${name}: invalid epoch "${header.epoch}"`);
    objects = shiftTimestamps(objects, born - epoch);
  }
  return { header, objects, born };
}

/**
 * Loads a starting cluster: every object of the fixture is created through the API at its own
 * creationTimestamp (so it is defaulted, admitted and validated like anything a learner applies, and
 * ages as it would have), then its status, if the fixture gives one, is written through the status
 * subresource, as the kubelet and controllers would have written it. Owner references name their owner;
 * its uid is filled in here. Returns the instant the last object was created: the cluster's birth, at
 * which the control plane should first run.
 */
export async function loadFixture(client: Client, name: string, opts: LoadOptions = {}): Promise<number> {
  const { objects, born } = await readFixture(name, opts.now ?? client.now());
  let last = born;
  if (opts.atBirth) {
    opts.at?.(born);
    await opts.atBirth(born);
  }
  for (const doc of objects) {
    const spec = client.kinds.forObject(doc.apiVersion, doc.kind);
    if (!spec) throw new FixtureError(`fixture ${name}: unknown kind ${doc.apiVersion}/${doc.kind}`);
    const { status, ...body } = doc;
    const meta = body.metadata ?? {};
    const createdAt = meta.creationTimestamp ? Date.parse(meta.creationTimestamp) : born;
    if (meta.ownerReferences) {
      meta.ownerReferences = meta.ownerReferences.map((ref) => {
        if (ref.uid) return ref;
        const ownerSpec = client.kinds.forObject(ref.apiVersion, ref.kind);
        if (!ownerSpec) throw new FixtureError(`fixture ${name}: unknown owner kind ${ref.apiVersion}/${ref.kind}`);
        const owner = client.get(ownerSpec, ownerSpec.namespaced ? meta.namespace : undefined, ref.name);
        return { ...ref, uid: owner.metadata.uid! };
      });
    }
    opts.at?.(createdAt);
    last = Math.max(last, createdAt);
    const created = await client.create(spec, body as KubeObject, meta.namespace);
    if (status) {
      await client.update(spec, { ...created, status: { ...created.status, ...status } }, { subresource: 'status' });
    }
  }
  return last;
}
