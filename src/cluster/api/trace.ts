import type { Attributes, Verdict } from './authz/attributes.js';
import type { UserInfo } from './authz/identity.js';

/**
 * The request trace: what the API server did with each request, step by step, for `kubecadet trace`.
 * A real cluster shows none of this to its users (the audit log and `-v=8` come closest). The API server
 * records only while a tracer is attached, so untraced requests pay one property check per step.
 */

export type Phase = 'authentication' | 'authorization' | 'admission' | 'validation' | 'storage';

export interface TraceStep {
  phase: Phase;
  /** the admission plugin, for admission steps */
  plugin?: string;
  /** `allowed`, `denied`, `mutated`, `validated`, `refused`, `passed`, `invalid`, `stored` */
  verdict: string;
  detail?: string;
  /** what a mutating admission plugin changed, as a JSON patch */
  patch?: PatchOp[];
}

export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

export interface TracedRequest {
  /** the cluster's time when the request arrived (ms), when the tracer has a clock */
  at?: number;
  /** the kubectl command line that sent it */
  command?: string;
  /** the Kubernetes verb: get, list, watch, create, update, patch, delete */
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  user: UserInfo;
  /** who sent it: the command being traced, or the control plane and kubelets catching up around it */
  source: 'command' | 'cluster';
  steps: TraceStep[];
}

/**
 * Collects the requests an API server handles while attached (ApiServer.tracer). A tracer attached over
 * another (a traced command over the cluster's request log) passes everything on to it as well.
 */
export class RequestTracer {
  readonly requests: TracedRequest[] = [];
  private current: TracedRequest | undefined;
  /** the identities the traced command sends its requests as (its credential's, and the one it impersonates) */
  readonly commandUsers = new Set<string>();
  /** the command line of the command running now */
  command?: string;
  /** impersonated user -> who impersonates them (--as), for the authentication step */
  private readonly impersonators = new Map<string, string>();
  /** the tracer this one was attached over */
  tee?: RequestTracer;
  /** called after each new request (the request log schedules a flush) */
  onRecord?: () => void;
  /** requests[0..taken) were handed to drain() already */
  private taken = 0;

  constructor(private readonly opts: { limit?: number; now?: () => number } = {}) {}

  /** Attaches this tracer to an API server, over the one it has. */
  attach(api: { tracer?: RequestTracer }): void {
    if (api.tracer === this) return;
    this.tee = api.tracer;
    api.tracer = this;
  }

  /** Gives the API server back the tracer this one was attached over. */
  detach(api: { tracer?: RequestTracer }): void {
    if (api.tracer === this) api.tracer = this.tee;
  }

  /** A command starts: requests from these identities are its own. */
  beginCommand(line: string | undefined, users: string[]): void {
    if (line !== undefined) this.command = line;
    for (const u of users) this.commandUsers.add(u);
    this.tee?.beginCommand(line, users);
  }

  endCommand(): void {
    this.command = undefined;
    this.commandUsers.clear();
    this.tee?.endCommand();
  }

  /** The requests recorded since the last drain (their steps complete once the request has returned). */
  drain(): TracedRequest[] {
    const out = this.requests.slice(this.taken);
    this.taken = this.requests.length;
    return out;
  }

  /** The impersonation filter's check (`impersonate` on users, groups, serviceaccounts), allowed or not. */
  impersonation(a: Attributes, verdict: Verdict): void {
    this.authorized(a, verdict);
    this.impersonatedBy(a, verdict);
  }

  /** Remembers who impersonates whom, here and in the tracer this one was attached over. */
  private impersonatedBy(a: Attributes, verdict: Verdict): void {
    if (verdict.decision === 'Allow' && a.resource !== 'groups') this.impersonators.set(a.resource === 'serviceaccounts' ? `system:serviceaccount:${a.namespace}:${a.name}` : a.name!, a.user.name);
    this.tee?.impersonatedBy(a, verdict);
  }

  /** A request starts with its authorization (authentication already happened: the identity is known). */
  authorized(a: Attributes, verdict: Verdict): void {
    const command = this.commandUsers.has(a.user.name);
    const r: TracedRequest = {
      at: this.opts.now?.(),
      command: command ? this.command : undefined,
      verb: a.verb,
      resource: a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource!,
      subresource: a.subresource,
      namespace: a.namespace,
      name: a.name || undefined,
      user: a.user,
      source: command ? 'command' : 'cluster',
      steps: [{ phase: 'authentication', verdict: 'authenticated', detail: `user "${a.user.name}", groups [${a.user.groups.join(' ')}]` }],
    };
    const by = this.impersonators.get(a.user.name);
    if (by) r.steps[0].detail += ` (impersonated by "${by}")`;
    r.steps.push({ phase: 'authorization', verdict: verdict.decision === 'Allow' ? 'allowed' : 'denied', detail: authorizerOf(a, verdict) });
    this.requests.push(r);
    this.current = r;
    const limit = this.opts.limit ?? Infinity;
    if (this.requests.length > 2 * limit) {
      const drop = this.requests.length - limit;
      this.requests.splice(0, drop);
      this.taken = Math.max(0, this.taken - drop);
    }
    this.tee?.authorized(a, verdict);
    this.onRecord?.();
  }

  step(s: TraceStep): void {
    this.current?.steps.push(s);
    this.tee?.step(s);
  }
}

/** Which authorizer decided, in words. */
function authorizerOf(a: Attributes, v: Verdict): string {
  if (v.decision !== 'Allow') return v.reason ? `no authorizer allows it: ${v.reason}` : 'no authorizer allows it (RBAC grants nothing that matches)';
  if (v.reason.startsWith('RBAC: allowed by ')) return `RBAC: ${v.reason.slice('RBAC: allowed by '.length)}`;
  if (a.user.groups.includes('system:masters')) return 'the group system:masters, which every authorizer lets through';
  return `the Node authorizer: ${a.user.name} acts for its own node`;
}

const escapePointer = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** What a mutating plugin changed, as the JSON patch an admission webhook would have returned. */
export function jsonPatch(before: unknown, after: unknown, path = ''): PatchOp[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObj = (v: unknown) => typeof v === 'object' && v !== null;
  if (!isObj(before) || !isObj(after) || Array.isArray(before) !== Array.isArray(after)) return [{ op: 'replace', path: path || '/', value: after }];
  const out: PatchOp[] = [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const p = `${path}/${escapePointer(k)}`;
    if (!(k in a)) out.push({ op: 'remove', path: p });
    else if (!(k in b)) out.push({ op: 'add', path: p, value: a[k] });
    else out.push(...jsonPatch(b[k], a[k], p));
  }
  return out;
}

/** One patch operation in a line: `add /spec/priority 0`, long values cut short so a line fits 80 columns. */
export function patchOpText(op: PatchOp, width = 58): string {
  if (op.op === 'remove') return `remove ${op.path}`;
  const value = JSON.stringify(op.value) ?? 'null';
  const room = Math.max(12, width - op.op.length - op.path.length - 2);
  return `${op.op} ${op.path} ${value.length > room ? `${value.slice(0, room - 1)}…` : value}`;
}

/** `03:12:45` of a cluster time, in UTC as the cluster's timestamps are. */
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * A timeline a learner can read, one block per request; plugins with nothing to say share a line. With
 * `log`, each request also says when it came and which command (or component) sent it.
 */
export function renderTrace(requests: TracedRequest[], opts: { log?: boolean; first?: number } = {}): string {
  const lines: string[] = [];
  requests.forEach((r, i) => {
    const what = `${r.subresource ? `${r.resource}/${r.subresource}` : r.resource}${r.name ? ` "${r.name}"` : ''}`;
    const where = r.namespace ? ` in namespace "${r.namespace}"` : '';
    let head = `request ${(opts.first ?? 1) + i}`;
    if (opts.log) {
      if (r.at !== undefined) head += ` at ${clockTime(r.at)}`;
      head += r.command ? ` from "${r.command}"` : ` from ${r.user.name}`;
    }
    lines.push(`${head}: ${r.verb} ${what}${where}`);
    const rows: [Phase, string][] = [];
    let quiet: { verdict: string; plugins: string[] } | undefined;
    const flush = () => {
      if (quiet) rows.push(['admission', `${quiet.verdict}: ${quiet.plugins.join(', ')}`]);
      quiet = undefined;
    };
    for (const s of r.steps) {
      if (s.phase === 'admission' && s.plugin && !s.detail && !s.patch?.length) {
        if (quiet?.verdict !== s.verdict) flush();
        quiet ??= { verdict: s.verdict, plugins: [] };
        quiet.plugins.push(s.plugin);
        continue;
      }
      flush();
      if (s.patch?.length) {
        rows.push([s.phase, `${s.plugin} ${s.verdict}:`]);
        for (const op of s.patch) rows.push([s.phase, `  ${patchOpText(op)}`]);
        continue;
      }
      rows.push([s.phase, s.plugin ? `${s.plugin} ${s.verdict}: ${s.detail}` : `${s.verdict}${s.detail ? `: ${s.detail}` : ''}`]);
    }
    flush();
    let phase: Phase | undefined;
    for (const [p, text] of rows) {
      lines.push(`  ${(p === phase ? '' : p).padEnd(16)}${text}`);
      phase = p;
    }
    lines.push('');
  });
  return lines.join('\n');
}
