import type { Clock } from '../cluster/clock.js';
import type { Client } from '../cluster/client/client.js';
import type { Engine } from '../cluster/engine.js';
import { DEFAULT_USER, homeDir, readKubeconfig, type KubeconfigDoc } from '../cluster/home.js';
import { CommandError } from './util/errors.js';
import { credentialOf } from './config/credentials.js';
import { authenticateCredential, authnStateOf, type Credential } from '../cluster/api/authz/authentication.js';
import type { UserInfo } from '../cluster/api/authz/identity.js';
import type { RequestTracer } from '../cluster/api/trace.js';
import type { FlagValue } from './util/flags.js';
import type { IO } from './util/io.js';

/** What every verb receives: its parsed flags, where to write, and a lazily opened cluster. */
export interface CommandContext {
  io: IO;
  env: NodeJS.ProcessEnv;
  home: string;
  /** `kubectl get`, `kubectl create deployment`: for help and usage hints */
  commandPath: string;
  flags: Record<string, FlagValue>;
  /** flags the user gave explicitly */
  changed: Set<string>;
  /** positional arguments */
  args: string[];
  argsLenAtDash: number;
  /** the namespace in effect: -n, else the context's, else `default` */
  namespace: string;
  /** true when -n was given */
  explicitNamespace: boolean;
  kubeconfig: KubeconfigDoc;
  /** the context in effect (--context, else current-context) */
  contextName: string;
  /** the cluster (store) the context points at */
  clusterName: string;
  /** the identity requests are made under */
  user: string;
  engine(): Promise<Engine>;
  /** true once the command has opened the cluster */
  opened(): boolean;
  client(): Promise<Client>;
  /** AbortSignal that fires on Ctrl-C, for watches */
  signal?: AbortSignal;
  /** waits between two looks of a command that polls (rollout status, wait, drain, logs -f) */
  sleep(ms: number): Promise<void>;
}

export interface ContextOptions {
  io: IO;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** a seeded random source (tests) */
  random?: () => number;
  signal?: AbortSignal;
  /** reuse an engine already open (the tutor, tests) */
  engine?: Engine;
  /** replaces the real pause between polls (tests move a manual clock instead) */
  sleep?: (ms: number) => Promise<void>;
  /** records what the API server does with every request (`kubecadet trace`) */
  tracer?: RequestTracer;
  /** the command as typed, for the request log */
  commandLine?: string;
}

/** A real pause, cut short by Ctrl-C. */
function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function str(v: FlagValue | undefined): string {
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}

export function buildContext(
  opts: ContextOptions,
  commandPath: string,
  parsed: { flags: Record<string, FlagValue>; changed: Set<string>; args: string[]; argsLenAtDash: number },
): CommandContext {
  const env = opts.env ?? process.env;
  const home = homeDir(env);
  let kubeconfig: KubeconfigDoc | undefined;
  const cfg = () => (kubeconfig ??= readKubeconfig(home));
  const contextFlag = str(parsed.flags.context);
  const contextName = contextFlag || cfg()['current-context'];
  const resolveContext = () => {
    const c = cfg().contexts.find((x) => x.name === contextName);
    if (!c) {
      // kubectl falls back to localhost:8080 when no context is set at all; kubecadet says what to do instead
      if (!contextName)
        throw new CommandError(
          `error: current-context is not set in the kubeconfig; run 'kubectl config use-context' with one of: ${cfg()
            .contexts.map((x) => x.name)
            .join(', ')}`,
        );
      throw new CommandError(`Error in configuration: context was not found for specified context: ${contextName}`);
    }
    return c;
  };
  const nsFlag = str(parsed.flags.namespace);
  /**
   * An engine handed in (the tutor, lessons, tests) is worked as kubernetes-admin, unless --context names
   * a context or the current context points at that engine's cluster: then its user's credential counts.
   */
  const asAdmin = () => {
    if (!opts.engine || contextFlag) return false;
    try {
      return cfg().contexts.find((c) => c.name === contextName)?.context.cluster !== opts.engine.name;
    } catch {
      return true;
    }
  };
  /** Authentication: who the context's user entry's credential makes the requests' author. */
  const authenticated = (engine: Engine, cred: Credential | undefined): UserInfo | undefined =>
    cred && authenticateCredential(authnStateOf(engine.api.snapshot()), cred, engine.clock.now());
  let identity: UserInfo | undefined;
  const credentialUser = () => identity?.name ?? (asAdmin() ? DEFAULT_USER : resolveContext().context.user) ?? DEFAULT_USER;
  let engine: Promise<Engine> | undefined = opts.engine ? Promise.resolve(opts.engine) : undefined;
  const ctx: CommandContext = {
    io: opts.io,
    env,
    home,
    commandPath,
    flags: parsed.flags,
    changed: parsed.changed,
    args: parsed.args,
    argsLenAtDash: parsed.argsLenAtDash,
    get namespace() {
      return nsFlag || (opts.engine ? 'default' : resolveContext().context.namespace) || 'default';
    },
    explicitNamespace: !!nsFlag,
    get kubeconfig() {
      return cfg();
    },
    contextName,
    get clusterName() {
      return opts.engine ? opts.engine.name : resolveContext().context.cluster;
    },
    get user() {
      return str(parsed.flags.as) || credentialUser();
    },
    opened: () => engine !== undefined,
    engine: () =>
      (engine ??= import('../cluster/engine.js')
        .then((m) => m.openCluster(home, ctx.clusterName, { clock: opts.clock, random: opts.random }))
        .then((e) => {
          opts.tracer?.attach(e.api);
          return e;
        })),
    client: async () => {
      // kubectl checks the user entry's files before it sends anything
      const cred = asAdmin() ? undefined : credentialOf(cfg(), home, resolveContext().context.user);
      const engine = await ctx.engine();
      // the cluster catches up with the time that passed since anyone last looked
      await engine.sync();
      identity = authenticated(engine, cred);
      const client = (identity ? engine.client(identity.name, identity.groups) : engine.client(DEFAULT_USER)).onWarning((w) => opts.io.err(`Warning: ${w}\n`));
      // --as and --as-group: requests carry Impersonate-* headers, which the API server authorizes first
      const asUser = str(parsed.flags.as);
      const asGroups = Array.isArray(parsed.flags['as-group']) ? (parsed.flags['as-group'] as string[]) : [];
      // requests from these identities are this command's own in the request log and the trace
      engine.api.tracer?.beginCommand(opts.commandLine, asUser ? [client.whoami().name, asUser] : [client.whoami().name]);
      return asUser ? client.impersonate(asUser, asGroups) : client;
    },
    signal: opts.signal,
    sleep: opts.sleep ?? ((ms) => realSleep(ms, opts.signal)),
  };
  return ctx;
}
