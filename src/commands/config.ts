import fs from 'node:fs';
import path from 'node:path';
import { kubeconfigFile, writeKubeconfig, type KubeconfigDoc, type KubeContext } from '../cluster/home.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { toYAML } from './printers/yaml.js';
import { parseOutput, printObjects } from './printers/index.js';
import type { KubeObject } from '../cluster/api/types.js';
import { TabWriter } from './printers/tabwriter.js';
import { CommandError, UsageError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import * as help from './config/help.js';
import { storedPath } from './config/credentials.js';

/*
 * `kubectl config`: kubecadet's kubeconfig is $KUBECADET_HOME/kubeconfig.json, one context per simulated
 * cluster. Every subcommand reads and writes it the way kubectl reads and writes ~/.kube/config.
 */

type Cfg = KubeconfigDoc;
type Entry = { name: string };

function byName<T extends Entry>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Field order of clientcmd's v1 types, which is how `-o json` prints them. */
const ORDER: Record<string, string[]> = {
  cluster: ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'],
  user: ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'],
  context: ['cluster', 'user', 'namespace', 'extensions'],
};

function ordered(kind: keyof typeof ORDER, v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ORDER[kind]) if (v[k] !== undefined) out[k] = v[k];
  for (const k of Object.keys(v)) if (!(k in out)) out[k] = v[k];
  return out;
}

/** What `config view` shows: maps become lists sorted by name; without --raw, secrets are hidden. */
function viewOf(cfg: Cfg, raw: boolean): Record<string, unknown> {
  const hide = (kind: 'cluster' | 'user', v: Record<string, unknown>) => {
    const c = { ...v };
    if (!raw) {
      // clientcmd's ShortenConfig and RedactSecrets
      for (const k of ['certificate-authority-data', 'client-certificate-data', 'client-key-data']) if (c[k]) c[k] = 'DATA+OMITTED';
      for (const k of ['token', 'password']) if (c[k]) c[k] = 'REDACTED';
    }
    return ordered(kind, c);
  };
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: cfg.preferences ?? {},
    clusters: byName(cfg.clusters).map((c) => ({ name: c.name, cluster: hide('cluster', c.cluster) })),
    users: byName(cfg.users).map((u) => ({ name: u.name, user: hide('user', u.user) })),
    contexts: byName(cfg.contexts).map((c) => ({ name: c.name, context: ordered('context', c.context as Record<string, unknown>) })),
    'current-context': cfg['current-context'] ?? '',
  };
}

/** The context kubectl works with: --context, else current-context. */
function effectiveContext(ctx: CommandContext): string {
  return str(ctx.flags.context) || ctx.kubeconfig['current-context'] || '';
}

/** --minify: only the context in use, its cluster and its user. */
function minify(cfg: Cfg, contextName: string): Cfg {
  if (!contextName) throw new CommandError('error: current-context must exist in order to minify');
  const c = cfg.contexts.find((x) => x.name === contextName);
  if (!c) throw new CommandError(`error: cannot locate context ${contextName}`);
  return {
    ...cfg,
    'current-context': contextName,
    contexts: [c],
    clusters: cfg.clusters.filter((x) => x.name === c.context.cluster),
    users: cfg.users.filter((x) => x.name === c.context.user),
  };
}

/** --flatten: files the entries name are read into their -data fields (clientcmdapi.FlattenConfig). */
function flatten(cfg: Cfg, home: string): Cfg {
  const out = structuredClone(cfg);
  const embed = (entry: Record<string, unknown>, field: string) => {
    const file = entry[field];
    if (typeof file !== 'string' || !file) return;
    const abs = path.isAbsolute(file) ? file : path.join(home, file);
    try {
      entry[`${field}-data`] = fs.readFileSync(abs).toString('base64');
    } catch {
      throw new CommandError(`error: open ${abs}: no such file or directory`);
    }
    delete entry[field];
  };
  for (const c of out.clusters) embed(c.cluster, 'certificate-authority');
  for (const u of out.users) for (const f of ['client-certificate', 'client-key']) embed(u.user, f);
  return out;
}

function save(ctx: CommandContext, cfg: Cfg): void {
  writeKubeconfig(ctx.home, cfg);
}

const OUTPUT_FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'output', short: 'o', type: 'string', default: 'yaml' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

export const view: Verb = {
  name: 'view',
  flags: [
    ...OUTPUT_FLAGS,
    { name: 'flatten', type: 'bool' },
    { name: 'merge', type: 'string', default: 'true', noOptDefault: 'true' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
  ],
  help: help.viewHelp,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
    let cfg = ctx.kubeconfig;
    if (ctx.flags.minify === true) cfg = minify(cfg, effectiveContext(ctx));
    // a flattened config is meant to be carried elsewhere, so its data is shown whole
    if (ctx.flags.flatten === true) cfg = flatten(cfg, ctx.home);
    const obj = viewOf(cfg, ctx.flags.raw === true || ctx.flags.flatten === true);
    let o = str(ctx.flags.output) || 'yaml';
    if (str(ctx.flags.template) && (o === 'yaml' || !ctx.changed.has('output'))) o = `go-template=${str(ctx.flags.template)}`;
    const format = parseOutput(o, false);
    if (format.kind === 'yaml') ctx.io.out(toYAML(obj));
    // clientcmd's v1 field order, not sorted keys
    else if (format.kind === 'json') ctx.io.out(`${JSON.stringify(obj, null, 4)}\n`);
    // a Config has no name
    else if (format.kind === 'name') ctx.io.out('config/<unknown>\n');
    else ctx.io.out(await printObjects(format, [obj as KubeObject], true));
  },
};

export const getContexts: Verb = {
  name: 'get-contexts',
  flags: [
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  help: help.getContextsHelp,
  async run(ctx) {
    const o = str(ctx.flags.output);
    if (o && o !== 'name') throw new CommandError(`error: --output ${o} is not available in kubectl config get-contexts; resetting to default output format`);
    const cfg = ctx.kubeconfig;
    const all = byName(cfg.contexts);
    const wanted = ctx.args.length ? ctx.args : all.map((c) => c.name);
    const found: KubeContext[] = [];
    const missing: string[] = [];
    for (const name of wanted) {
      const c = all.find((x) => x.name === name);
      if (c) found.push(c);
      else missing.push(name);
    }
    if (o === 'name') {
      ctx.io.out(found.map((c) => `${c.name}\n`).join(''));
    } else {
      const rows = found.map((c) => [c.name === cfg['current-context'] ? '*' : '', c.name, c.context.cluster, c.context.user, c.context.namespace ?? '']);
      if (ctx.flags['no-headers'] !== true) rows.unshift(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
      ctx.io.out(new TabWriter().format(rows));
    }
    // one error is printed as `error: ...`; several (an aggregate) one per line, as checkErr does
    const errs = missing.map((m) => `context ${m} not found`);
    if (errs.length) throw new CommandError(errs.length === 1 ? `error: ${errs[0]}` : errs.join('\n'));
  },
};

export const currentContext: Verb = {
  name: 'current-context',
  flags: [],
  help: help.currentContextHelp,
  async run(ctx) {
    const name = ctx.kubeconfig['current-context'];
    if (!name) throw new CommandError('error: current-context is not set');
    ctx.io.out(`${name}\n`);
  },
};

export const useContext: Verb = {
  name: 'use-context',
  aliases: ['use'],
  flags: [],
  help: help.useContextHelp,
  async run(ctx) {
    if (ctx.args.length !== 1) {
      // kubectl prints the usage, then the error
      ctx.io.out(help.useContextHelp);
      throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0];
    const cfg = structuredClone(ctx.kubeconfig);
    if (!cfg.contexts.some((c) => c.name === name)) throw new CommandError(`error: no context exists with the name: "${name}"`);
    cfg['current-context'] = name;
    save(ctx, cfg);
    ctx.io.out(`Switched to context "${name}".\n`);
  },
};

export const setContext: Verb = {
  name: 'set-context',
  flags: [
    { name: 'cluster', type: 'string' },
    { name: 'current', type: 'bool' },
    { name: 'namespace', type: 'string' },
    { name: 'user', type: 'string' },
  ],
  help: help.setContextHelp,
  async run(ctx) {
    const current = ctx.flags.current === true;
    if (ctx.args.length > 1) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
    let name = ctx.args[0] ?? '';
    if (current && name) throw new CommandError('error: you cannot specify both a context name and --current');
    const cfg = structuredClone(ctx.kubeconfig);
    if (current) {
      name = cfg['current-context'];
      if (!name) throw new CommandError('error: no current context is set');
    }
    if (!name) throw new CommandError('error: you must specify a non-empty context name or --current');
    const existing = cfg.contexts.find((c) => c.name === name);
    const context: KubeContext = existing ?? { name, context: { cluster: '', user: '' } };
    for (const f of ['cluster', 'user', 'namespace'] as const) if (ctx.changed.has(f)) context.context[f] = str(ctx.flags[f]);
    if (context.context.namespace === '') delete context.context.namespace;
    if (!existing) cfg.contexts.push(context);
    save(ctx, cfg);
    ctx.io.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
  },
};

export const getClusters: Verb = {
  name: 'get-clusters',
  flags: [],
  help: help.getClustersHelp,
  async run(ctx) {
    ctx.io.out(['NAME', ...ctx.kubeconfig.clusters.map((c) => c.name)].map((l) => `${l}\n`).join(''));
  },
};

export const getUsers: Verb = {
  name: 'get-users',
  flags: [],
  help: help.getUsersHelp,
  async run(ctx) {
    ctx.io.out(['NAME', ...byName(ctx.kubeconfig.users).map((u) => u.name)].map((l) => `${l}\n`).join(''));
  },
};

export const renameContext: Verb = {
  name: 'rename-context',
  flags: [],
  help: help.renameContextHelp,
  async run(ctx) {
    if (ctx.args.length !== 2) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
    const [from, to] = ctx.args;
    const cfg = structuredClone(ctx.kubeconfig);
    const file = kubeconfigFile(ctx.home);
    const c = cfg.contexts.find((x) => x.name === from);
    if (!c) throw new CommandError(`error: cannot rename the context "${from}", it's not in ${file}`);
    if (cfg.contexts.some((x) => x.name === to)) throw new CommandError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${file}`);
    c.name = to;
    if (cfg['current-context'] === from) cfg['current-context'] = to;
    save(ctx, cfg);
    ctx.io.out(`Context "${from}" renamed to "${to}".\n`);
  },
};

export const deleteContext: Verb = {
  name: 'delete-context',
  flags: [],
  help: help.deleteContextHelp,
  async run(ctx) {
    if (ctx.args.length !== 1) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
    const name = ctx.args[0];
    const cfg = structuredClone(ctx.kubeconfig);
    const file = kubeconfigFile(ctx.home);
    if (!cfg.contexts.some((c) => c.name === name)) throw new CommandError(`error: cannot delete context ${name}, not in ${file}`);
    if (cfg['current-context'] === name) ctx.io.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    cfg.contexts = cfg.contexts.filter((c) => c.name !== name);
    save(ctx, cfg);
    ctx.io.out(`deleted context ${name} from ${file}\n`);
  },
};

/**
 * A user entry: client certificate files (or, with --embed-certs, their contents), a bearer token, or a
 * user name and password (create_authinfo.go). A token or basic auth replaces the other.
 */
export const setCredentials: Verb = {
  name: 'set-credentials',
  flags: [
    { name: 'client-certificate', type: 'string' },
    { name: 'client-key', type: 'string' },
    { name: 'embed-certs', type: 'bool' },
    { name: 'password', type: 'string' },
    { name: 'token', type: 'string' },
    { name: 'username', type: 'string' },
  ],
  help: help.setCredentialsHelp,
  async run(ctx) {
    if (ctx.args.length !== 1) {
      // kubectl prints the usage, then the error
      ctx.io.out(help.setCredentialsHelp);
      throw new CommandError(`error: unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0];
    const given = (f: string) => (ctx.changed.has(f) ? str(ctx.flags[f]) : '');
    const methods: string[] = [];
    if (given('token')) methods.push('--token');
    if (given('username') || given('password')) methods.push('--username/--password');
    if (methods.length > 1) throw new CommandError(`error: you cannot specify more than one authentication method at the same time: ${methods.join(', ')}`);
    const embed = ctx.flags['embed-certs'] === true;
    if (embed) {
      if (!given('client-certificate') && !given('client-key')) throw new CommandError('error: you must specify a --client-certificate or --client-key to embed');
      for (const f of ['client-certificate', 'client-key'])
        if (given(f) && !fs.existsSync(given(f)))
          throw new CommandError(`error: could not stat ${f} file ${given(f)}: stat ${given(f)}: no such file or directory`);
    }
    const cfg = structuredClone(ctx.kubeconfig);
    let user = cfg.users.find((u) => u.name === name);
    if (!user) {
      user = { name, user: {} };
      cfg.users.push(user);
    }
    const u = user.user;
    for (const f of ['client-certificate', 'client-key'] as const) {
      if (!ctx.changed.has(f)) continue;
      const file = str(ctx.flags[f]);
      if (embed) {
        u[`${f}-data`] = fs.readFileSync(file).toString('base64');
        delete u[f];
      } else if (file) {
        // stored relative to the kubeconfig's folder, as clientcmd writes it
        u[f] = storedPath(ctx.home, file);
        delete u[`${f}-data`];
      } else delete u[f];
    }
    let setToken = false;
    let setBasic = false;
    if (ctx.changed.has('token')) {
      u.token = str(ctx.flags.token);
      setToken = !!u.token;
    }
    for (const f of ['username', 'password'] as const)
      if (ctx.changed.has(f)) {
        u[f] = str(ctx.flags[f]);
        setBasic ||= !!u[f];
      }
    // setting one kind of credential clears the other
    if (setToken || setBasic) {
      if (!setToken) delete u.token;
      if (!setBasic) {
        delete u.username;
        delete u.password;
      }
    }
    for (const k of Object.keys(u)) if (u[k] === '') delete u[k];
    save(ctx, cfg);
    ctx.io.out(`User "${name}" set.\n`);
  },
};

export const deleteUser: Verb = {
  name: 'delete-user',
  flags: [],
  help: help.deleteUserHelp,
  async run(ctx) {
    if (!ctx.args.length) throw new UsageError('user to delete is required');
    const name = ctx.args[0];
    const cfg = structuredClone(ctx.kubeconfig);
    const file = kubeconfigFile(ctx.home);
    if (!cfg.users.some((u) => u.name === name)) throw new CommandError(`error: cannot delete user ${name}, not in ${file}`);
    cfg.users = cfg.users.filter((u) => u.name !== name);
    save(ctx, cfg);
    ctx.io.out(`deleted user ${name} from ${file}\n`);
  },
};

export const verb: Verb = {
  name: 'config',
  flags: [],
  help: help.configHelp,
  subcommands: {
    'current-context': async () => currentContext,
    'delete-cluster': async () => (await import('./config/deleteCluster.js')).verb,
    'delete-context': async () => deleteContext,
    'delete-user': async () => deleteUser,
    'get-clusters': async () => getClusters,
    'get-contexts': async () => getContexts,
    'get-users': async () => getUsers,
    'rename-context': async () => renameContext,
    set: async () => (await import('./config/set.js')).verb,
    'set-cluster': async () => (await import('./config/setCluster.js')).verb,
    'set-context': async () => setContext,
    'set-credentials': async () => setCredentials,
    'use-context': async () => useContext,
    unset: async () => (await import('./config/unset.js')).verb,
    use: async () => useContext,
    view: async () => view,
  },
  async run(ctx) {
    if (ctx.args.length) throw new CommandError(`error: unknown command "${ctx.args[0]}"\nSee 'kubectl config -h' for help and examples`);
    // with no subcommand kubectl prints its help on stderr and fails
    ctx.io.err(help.configHelp);
    return 1;
  },
};
