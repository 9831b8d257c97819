import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LowSync } from 'lowdb';
import { withLock } from './lock.js';
import { SCHEMA_VERSION, WATCH_LOG_SIZE, emptyDocument, type StoreDocument, type WatchEvent } from './document.js';
import { StoreError } from './errors.js';
import { migrate } from './migrations.js';
import { parseSections, stringifyDocument } from './layout.js';
import type { KubeObject } from '../api/types.js';

interface FileIdentity {
  ino: number;
  size: number;
  mtimeNs: bigint;
}

function identity(file: string): FileIdentity | undefined {
  try {
    const s = fs.statSync(file, { bigint: true });
    return { ino: Number(s.ino), size: Number(s.size), mtimeNs: s.mtimeNs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const NOT_A_DOCUMENT = 'it is not a kubecadet cluster document';

/** A property not yet parsed (layout.ts checks it when it is). */
const deferred = (o: object, key: string) => Object.getOwnPropertyDescriptor(o, key)?.get !== undefined;

/** The shape every later step relies on; anything else is refused before it can do harm. */
function isStoreDocument(d: unknown): d is StoreDocument {
  if (!isMap(d) || !isMap(d.objects)) return false;
  const objects = d.objects;
  if (!Object.keys(objects).every((k) => deferred(objects, k) || isMap(objects[k]))) return false;
  if (d.schemaVersion !== undefined && !Number.isInteger(d.schemaVersion)) return false;
  if (!Number.isInteger(d.resourceVersion)) return false;
  if (!deferred(d, 'events') && d.events !== undefined && !Array.isArray(d.events)) return false;
  return deferred(d, 'sim') || d.sim === undefined || isMap(d.sim);
}

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * One cluster's lowdb document on disk. Reads see a whole file (writes are temp file + rename);
 * every write is a transaction under the cross-process lock. The parsed document is kept while the
 * file on disk is the one we last read or wrote, so a process pays the parse once.
 */
export class Store extends EventEmitter {
  /** lowdb writes the file; it is loaded on the first write, so read-only commands never pay for it */
  private db: LowSync<StoreDocument | null> | undefined;
  private cached: StoreDocument | undefined;
  private cachedId: FileIdentity | undefined;
  /** the document of the transaction the current async context runs in, if any */
  private readonly current = new AsyncLocalStorage<StoreDocument>();
  /** transactions of this process run one after another (the file lock is per process, not per call) */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    super();
  }

  private async writer(): Promise<LowSync<StoreDocument | null>> {
    if (!this.db) {
      const [{ LowSync }, { DataFileSync }] = await Promise.all([import('lowdb'), import('lowdb/node')]);
      // Compact JSON (a pretty 10,000-pod store is twice the size and slower both ways), in sections (layout.ts).
      this.db = new LowSync(
        new DataFileSync<StoreDocument | null>(this.file, { parse: JSON.parse, stringify: (d) => stringifyDocument(d!) }),
        null,
      );
    }
    return this.db;
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** The current document, read without the lock; callers must not mutate it. */
  read(): StoreDocument {
    const inTx = this.current.getStore();
    if (inTx) return inTx;
    const id = identity(this.file);
    if (this.cached && sameFile(id, this.cachedId)) return this.cached;
    if (!id) {
      this.cached = undefined;
      this.cachedId = undefined;
      return emptyDocument();
    }
    return this.load(id);
  }

  private load(id: FileIdentity): StoreDocument {
    let doc: StoreDocument | undefined;
    try {
      const buf = fs.readFileSync(this.file);
      // Sections are parsed on first use (layout.ts); a file not laid out in sections is parsed whole, as
      // lowdb's DataFileSync.read would, without loading lowdb on the read path.
      doc = parseSections(buf, (why) => {
        throw this.unreadable(why ?? NOT_A_DOCUMENT);
      });
      doc ??= JSON.parse(buf.toString('utf8')) as StoreDocument;
    } catch (e) {
      throw e instanceof StoreError ? e : this.unreadable((e as Error).message);
    }
    if (!isStoreDocument(doc)) throw this.unreadable(NOT_A_DOCUMENT);
    if (doc.schemaVersion > SCHEMA_VERSION) {
      throw new StoreError(
        `error: the cluster store ${this.file} was written by a newer kubecadet (schema ${doc.schemaVersion}, this one reads up to ${SCHEMA_VERSION}). Upgrade kubecadet, or start this cluster afresh with 'kubecadet cluster reset --yes' (its objects are lost).`,
        this.file,
      );
    }
    doc = migrate(doc);
    this.cached = doc;
    // Identity taken before the read: if the file changed meanwhile, the next read simply reloads.
    this.cachedId = id;
    return doc;
  }

  private unreadable(why: string): StoreError {
    return new StoreError(
      `error: the cluster store ${this.file} cannot be read (${why.split('\n')[0]}). kubecadet has not changed it. Move it aside to keep it for inspection, or run 'kubecadet cluster reset --yes' to replace it with a fresh cluster.`,
      this.file,
    );
  }

  /**
   * Runs fn on the current document under the lock and writes the result atomically if fn returns
   * true (or anything but false). Nested calls join the outer transaction.
   */
  async transaction<T>(fn: (doc: StoreDocument) => T | Promise<T>, opts: { write?: boolean } = {}): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return fn(outer);
    const run = this.queue.then(() => this.locked(fn, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async locked<T>(fn: (doc: StoreDocument) => T | Promise<T>, opts: { write?: boolean }): Promise<T> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const db = await this.writer();
    return withLock(this.file, async () => {
      const before = this.read();
      // Work on a copy: if fn throws half-way, neither the file nor our cache has changed. The copy is
      // shallow: writers replace a resource's map and never mutate a stored object (see putObject).
      const doc: StoreDocument = {
        ...before,
        objects: { ...before.objects },
        events: [...before.events],
        sim: structuredClone(before.sim),
      };
      const simBefore = JSON.stringify(before.sim);
      const rvBefore = doc.resourceVersion;
      const logBefore = doc.events.length ? doc.events[doc.events.length - 1].rv : 0;
      const result = await this.current.run(doc, () => fn(doc));
      if (opts.write !== false && (doc.resourceVersion !== rvBefore || !this.exists() || JSON.stringify(doc.sim) !== simBefore)) {
        this.write(db, doc);
        const fresh = doc.events.filter((e) => e.rv > logBefore);
        if (fresh.length) this.emit('events', fresh);
      }
      return result;
    });
  }

  private write(db: LowSync<StoreDocument | null>, doc: StoreDocument): void {
    if (doc.events.length > WATCH_LOG_SIZE) doc.events.splice(0, doc.events.length - WATCH_LOG_SIZE);
    db.data = doc;
    db.write();
    this.cached = doc;
    this.cachedId = identity(this.file);
  }

  /** Replaces the whole document (cluster reset), under the lock. */
  async replace(doc: StoreDocument): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const db = await this.writer();
    await withLock(this.file, () => this.write(db, doc));
  }
}

export type { StoreDocument, WatchEvent };

/** Stores obj under its resource and key, copying the resource's map so the pre-transaction document stays intact. */
export function putObject(doc: StoreDocument, resource: string, key: string, obj: KubeObject): void {
  doc.objects[resource] = { ...doc.objects[resource], [key]: obj };
}

export function removeObject(doc: StoreDocument, resource: string, key: string): void {
  const map = { ...doc.objects[resource] };
  delete map[key];
  doc.objects[resource] = map;
}
