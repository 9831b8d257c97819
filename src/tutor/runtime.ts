import { openCluster, type Engine, type OpenOptions } from '../cluster/engine.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import { checkStep, type StepReport } from '../lessons/checker.js';
import { clientReader, type ClusterReader } from '../lessons/reader.js';
import type { Lesson } from '../lessons/schema.js';
import { LESSON_CLUSTER, prepareLessonCluster, runCommand, useCluster, type CommandOutcome } from '../lessons/session.js';
import { verbs } from '../commands/index.js';
import { buildView, type ClusterView } from './clusterView.js';
import { narrate } from './narrate.js';
import { narrateRequest } from './narrateRequest.js';
import type { Completions } from './complete.js';
import type { Narration } from './state.js';

/** What the runtime tells the screen: the cluster as drawn, what reacted, and that something changed. */
export interface RuntimeListener {
  cluster(view: ClusterView): void;
  narrate(items: Narration[]): void;
  /** the API server's latest requests, from this process and any other */
  requests?(items: Narration[]): void;
  /** the cluster changed: time to check the step again */
  changed(): void;
}

export interface RuntimeOptions extends OpenOptions {
  /** how often the simulation catches up with the wall clock, ms (0: never, for tests) */
  syncMs?: number;
  /** how long watch events are gathered before the screen hears of them, ms */
  batchMs?: number;
}

/** Who the tutor's own reads (the panel, the checks, completion) come from: not the learner, not the cluster. */
export const TUTOR_USER = 'kubecadet:tutor';

/** The kinds the panel and the stream follow. */
const WATCHED = ['nodes', 'pods', 'deployments', 'replicasets', 'endpoints', 'events'];

/**
 * A lesson's cluster while the lesson screen is open: it keeps the simulation moving on a timer, follows
 * the cluster through watches (never by polling the store), and runs the learner's commands one at a time.
 */
export class LessonRuntime {
  private engine!: Engine;
  private client!: Client;
  reader!: ClusterReader;
  private abort = new AbortController();
  private timer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private tail: Promise<unknown> = Promise.resolve();
  private objects = new Map<string, KubeObject>();
  private nodes = new Map<string, KubeObject>();
  private pods = new Map<string, KubeObject>();
  private said: Narration[] = [];
  private closed = false;
  /** how far into the request log the stream has read */
  private logAt = 0;

  constructor(
    private readonly home: string,
    private readonly lesson: Lesson,
    private readonly listener: RuntimeListener,
    private readonly opts: RuntimeOptions = {},
  ) {}

  /** Opens the lesson's cluster, building its starting state first when `fresh`. */
  async start(fresh: boolean): Promise<void> {
    this.engine = fresh ? await prepareLessonCluster(this.home, this.lesson, this.opts) : await openCluster(this.home, LESSON_CLUSTER, this.opts);
    useCluster(this.home, LESSON_CLUSTER);
    await this.engine.sync();
    this.client = this.engine.client(TUTOR_USER, ['system:masters', 'system:authenticated']);
    this.reader = clientReader(this.client);
    this.engine.requests.flush();
    this.logAt = this.engine.requests.log.size();
    this.abort = new AbortController();
    for (const kind of WATCHED) void this.follow(kind);
    this.flush();
    const ms = this.opts.syncMs ?? 250;
    if (ms > 0) this.timer = setInterval(() => void this.sync(), ms);
  }

  /** One thing at a time against the store: a sync tick, a command, a reset. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Lets the simulation catch up with now; skipped while a command or another tick holds the line. */
  private syncing = false;
  sync(): Promise<void> {
    if (this.syncing || this.closed) return Promise.resolve();
    this.syncing = true;
    return this.serial(() => this.engine.sync()).finally(() => {
      this.syncing = false;
      this.readRequests();
    });
  }

  /**
   * Runs one prompt line (`kubectl ...`, `k ...`), then lets the cluster react; `signal` is the learner's Ctrl-C,
   * `onOutput` hears the output as it comes (a watch's lines).
   */
  run(line: string, signal?: AbortSignal, onOutput?: (text: string, stream: 'out' | 'err') => void): Promise<CommandOutcome> {
    return this.serial(async () => {
      const r = await runCommand(this.engine, line, '', signal, onOutput);
      await this.engine.sync();
      return r;
    });
  }

  check(step: number): StepReport {
    return checkStep(this.lesson.steps[step], this.reader, this.lesson.namespace);
  }

  /** Lists a kind once, then watches it from that revision on: the list fills the panel, the watch narrates. */
  private async follow(kind: string): Promise<void> {
    const spec = this.client.kinds.resolve(kind);
    if (!spec) return;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const list = this.client.list(spec, undefined);
      for (const o of list.items) this.remember('ADDED', { ...o, kind: spec.kind }, false);
      this.schedule();
      for await (const ev of this.client.watch(spec, undefined, { resourceVersion: list.metadata.resourceVersion, signal })) {
        if (signal.aborted) return;
        // a watcher that fell behind starts over from a fresh list, as informers do
        if (ev.type === 'ERROR') break;
        this.remember(ev.type, ev.object, true);
        this.schedule();
      }
    }
  }

  private remember(type: 'ADDED' | 'MODIFIED' | 'DELETED', o: KubeObject, tell: boolean): void {
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const prev = this.objects.get(key);
    if (tell) this.said.push(...narrate(type, o, prev));
    const index = o.kind === 'Node' ? this.nodes : o.kind === 'Pod' ? this.pods : undefined;
    if (type === 'DELETED') {
      this.objects.delete(key);
      index?.delete(key);
    } else if (o.kind !== 'Event') {
      this.objects.set(key, o);
      index?.set(key, o);
    }
  }

  /** Watch events come in bursts (a sync writes many objects): the screen hears once per burst. */
  private schedule(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => this.flush(), this.opts.batchMs ?? 40);
  }

  /** New lines of the request log: what this process and any terminal beside it asked of the API server. */
  private readRequests(): void {
    if (this.closed || !this.listener.requests) return;
    this.engine.requests.flush();
    const { entries, next } = this.engine.requests.log.since(this.logAt);
    this.logAt = next;
    const told = entries.filter((r) => r.user.name !== TUTOR_USER);
    if (told.length) this.listener.requests(told.map(narrateRequest));
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (this.closed) return;
    this.readRequests();
    const said = this.said;
    this.said = [];
    this.listener.cluster(buildView(this.nodes.values(), this.pods.values()));
    if (said.length) this.listener.narrate(said);
    this.listener.changed();
  }

  /** Everything Tab may offer: verbs, resource types, and names of what the cluster holds now. */
  completions(): Completions {
    const types = this.client.kinds.all().flatMap((k) => [k.plural, k.singular, ...(k.shortNames ?? [])]);
    return {
      verbs: verbs.map((v) => v.name),
      types,
      names: (type) => {
        const spec = this.client.kinds.resolve(type);
        if (!spec) return [];
        return this.client.list(spec, spec.namespaced ? (this.lesson.namespace ?? 'default') : undefined).items.flatMap((o) => (o.metadata.name ? [o.metadata.name] : []));
      },
    };
  }

  /** Builds the lesson's starting cluster again, and follows the new one. */
  async reset(): Promise<void> {
    await this.serial(async () => {
      this.stopFollowing();
      this.objects.clear();
      this.nodes.clear();
      this.pods.clear();
      this.said = [];
      this.closed = false;
      await this.start(true);
    });
  }

  private stopFollowing(): void {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.timer = undefined;
    this.flushTimer = undefined;
  }

  close(): void {
    this.closed = true;
    this.stopFollowing();
  }
}
