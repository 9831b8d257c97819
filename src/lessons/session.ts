import fs from 'node:fs';
import { splitWords } from '../cluster/meta/words.js';
import { clusterEntry, clusterFile, contextEntry, readKubeconfig, writeKubeconfig, DEFAULT_USER } from '../cluster/home.js';
import { openCluster, type Engine, type OpenOptions } from '../cluster/engine.js';
import type { KubeObject } from '../cluster/api/types.js';
import { runKubectl } from '../commands/kubectl.js';
import { ManualClock } from '../cluster/clock.js';
import { SimClock } from '../cluster/simulation.js';
import { bufferIO } from '../commands/util/io.js';
import type { Lesson, SetupAction, SolutionCommand } from './schema.js';

/** Lessons run in a cluster of their own, so the learner's other clusters are left alone. */
export const LESSON_CLUSTER = 'lesson';

/** Points the current kubectl context at a cluster, adding its context if needed. */
export function useCluster(home: string, cluster: string): string {
  const cfg = readKubeconfig(home);
  if (!cfg.clusters.some((c) => c.name === cluster)) cfg.clusters.push(clusterEntry(cluster));
  const ctx = contextEntry(cluster);
  if (!cfg.contexts.some((c) => c.name === ctx.name)) cfg.contexts.push(ctx);
  if (!cfg.users.some((u) => u.name === DEFAULT_USER)) cfg.users.push({ name: DEFAULT_USER, user: {} });
  cfg['current-context'] = ctx.name;
  writeKubeconfig(home, cfg);
  return ctx.name;
}


export interface CommandOutcome {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs one solution or setup command against an open cluster: `kubectl ...` / `k ...`, or
 * `kubecadet cluster node|controllers|etcd|load|advance ...` for what only the simulated machines can do.
 */
export async function runCommand(engine: Engine, line: string, stdin = '', signal?: AbortSignal, onOutput?: (text: string, stream: 'out' | 'err') => void): Promise<CommandOutcome> {
  const words = splitWords(line.trim());
  if (words[0] === 'kubectl' || words[0] === 'k') {
    const io = bufferIO(stdin);
    // also as it comes, for a screen that shows a watch live
    if (onOutput) {
      const { out, err } = io;
      io.out = (s) => {
        out(s);
        onOutput(s, 'out');
      };
      io.err = (s) => {
        err(s);
        onOutput(s, 'err');
      };
    }
    // on a manual clock (the course's own tests) a command that waits moves the clock instead of sleeping
    const manual = engine.clock instanceof SimClock && engine.clock.base instanceof ManualClock;
    const code = await runKubectl(words.slice(1), {
      io,
      engine,
      env: { ...process.env, EDITOR: 'true', KUBE_EDITOR: 'true' },
      // what Ctrl-C is at a terminal: it ends a watch, a wait, a command still running in a container
      signal,
      ...(manual ? { sleep: async (ms: number) => engine.shiftClock(ms) } : {}),
    });
    return { stdout: io.stdout, stderr: io.stderr, code };
  }
  if (words[0] === 'kubecadet' && words[1] === 'cluster') {
    try {
      await machineAction(engine, words.slice(2));
      return { stdout: '', stderr: '', code: 0 };
    } catch (e) {
      return { stdout: '', stderr: `${(e as Error).message}\n`, code: 1 };
    }
  }
  return runCommand(engine, `kubectl ${line}`, stdin, signal, onOutput);
}

/** Runs a solution command (a plain line, or a command with a manifest on its standard input). */
export function runSolution(engine: Engine, cmd: SolutionCommand): Promise<CommandOutcome> {
  return typeof cmd === 'string' ? runCommand(engine, cmd) : runCommand(engine, cmd.run, cmd.stdin);
}

async function machineAction(engine: Engine, words: string[]): Promise<void> {
  const m = await import('../cluster/machine.js');
  const { parseDuration } = await import('../cluster/meta/duration.js');
  const [what, verb, arg] = words;
  if (what === 'node' && (verb === 'stop' || verb === 'start')) return m.setNodeStopped(engine, arg, verb === 'stop');
  if (what === 'node' && verb === 'add') return void (await m.addNode(engine, arg));
  if (what === 'controllers' && (verb === 'enable' || verb === 'disable')) return void (await m.setControllerEnabled(engine, arg, verb === 'enable'));
  if (what === 'admission' && (verb === 'enable' || verb === 'disable')) return void (await m.setAdmissionPluginEnabled(engine, arg, verb === 'enable'));
  if (what === 'advance') return m.advance(engine, parseDuration(verb) ?? 0);
  if (what === 'etcd' && (verb === 'stop' || verb === 'start')) return void (await m.setEtcdMemberStopped(engine, arg, verb === 'stop'));
  if (what === 'load') {
    const [ns, name] = verb.split('/');
    return m.setLoad(engine, ns, name, Number(String(arg).replace(/%$/, '')));
  }
  throw new Error(`unknown cluster action: ${words.join(' ')}`);
}

async function setupAction(engine: Engine, a: SetupAction): Promise<void> {
  if ('stopNode' in a) return machineAction(engine, ['node', 'stop', a.stopNode]);
  if ('addNode' in a) return void (await (await import('../cluster/machine.js')).addNode(engine, a.addNode, a.role));
  if ('disableController' in a) return machineAction(engine, ['controllers', 'disable', a.disableController]);
  if ('advance' in a) return machineAction(engine, ['advance', a.advance]);
  if ('kubectl' in a) {
    const r = await runCommand(engine, `kubectl ${a.kubectl}`);
    if (r.code !== 0) throw new Error(`lesson setup failed: kubectl ${a.kubectl}: ${r.stderr.trim()}`);
  }
}

/** What preparing a cluster needs from a lesson or an exam task: its id (for messages), namespace, starting state. */
export type Prepared = Pick<Lesson, 'id' | 'namespace' | 'cluster'>;

/**
 * Builds a lesson's starting cluster from scratch: its fixture, its manifests (created through the API as
 * the administrator), its actions, and time for the cluster to settle.
 */
export async function prepareLessonCluster(home: string, lesson: Prepared, opts: OpenOptions = {}, cluster = LESSON_CLUSTER): Promise<Engine> {
  const file = clusterFile(home, cluster);
  fs.rmSync(file, { force: true });
  const engine = await openCluster(home, cluster, { ...opts, fixture: lesson.cluster?.fixture ?? 'default' });
  await applyStartingState(engine, lesson);
  return engine;
}

/** Applies a starting state's manifests and actions to an open cluster (an exam's clusters hold several). */
export async function applyStartingState(engine: Engine, lesson: Prepared): Promise<void> {
  const manifests = lesson.cluster?.manifests;
  if (manifests) {
    const { parseAllDocuments } = await import('yaml');
    const client = engine.client();
    for (const d of parseAllDocuments(manifests)) {
      const obj = d.toJS() as KubeObject | null;
      if (!obj) continue;
      const spec = client.kinds.forObject(obj.apiVersion, obj.kind);
      if (!spec) throw new Error(`lesson ${lesson.id}: unknown kind ${obj.apiVersion}/${obj.kind} in its manifests`);
      await client.create(spec, obj, obj.metadata?.namespace ?? (spec.namespaced ? lesson.namespace ?? 'default' : undefined));
    }
    await engine.sync();
  }
  for (const a of lesson.cluster?.actions ?? []) await setupAction(engine, a);
  await engine.sync();
}
