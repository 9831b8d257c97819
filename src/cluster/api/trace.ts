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
}

export interface TracedRequest {
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

/** Collects the requests an API server handles while attached (ApiServer.tracer). */
export class RequestTracer {
  readonly requests: TracedRequest[] = [];
  private current: TracedRequest | undefined;
  /** the identities the traced command sends its requests as (its credential's, and the one it impersonates) */
  readonly commandUsers = new Set<string>();
  /** impersonated user -> who impersonates them (--as), for the authentication step */
  private readonly impersonators = new Map<string, string>();

  /** The impersonation filter's check (`impersonate` on users, groups, serviceaccounts), allowed or not. */
  impersonation(a: Attributes, verdict: Verdict): void {
    this.authorized(a, verdict);
    if (verdict.decision === 'Allow' && a.resource !== 'groups') this.impersonators.set(a.resource === 'serviceaccounts' ? `system:serviceaccount:${a.namespace}:${a.name}` : a.name!, a.user.name);
  }

  /** A request starts with its authorization (authentication already happened: the identity is known). */
  authorized(a: Attributes, verdict: Verdict): void {
    const r: TracedRequest = {
      verb: a.verb,
      resource: a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource!,
      subresource: a.subresource,
      namespace: a.namespace,
      name: a.name || undefined,
      user: a.user,
      source: this.commandUsers.has(a.user.name) ? 'command' : 'cluster',
      steps: [{ phase: 'authentication', verdict: 'authenticated', detail: `user "${a.user.name}", groups [${a.user.groups.join(' ')}]` }],
    };
    const by = this.impersonators.get(a.user.name);
    if (by) r.steps[0].detail += ` (impersonated by "${by}")`;
    r.steps.push({ phase: 'authorization', verdict: verdict.decision === 'Allow' ? 'allowed' : 'denied', detail: authorizerOf(a, verdict) });
    this.requests.push(r);
    this.current = r;
  }

  step(s: TraceStep): void {
    this.current?.steps.push(s);
  }
}

/** Which authorizer decided, in words. */
function authorizerOf(a: Attributes, v: Verdict): string {
  if (v.decision !== 'Allow') return v.reason ? `no authorizer allows it: ${v.reason}` : 'no authorizer allows it (RBAC grants nothing that matches)';
  if (v.reason.startsWith('RBAC: allowed by ')) return `RBAC: ${v.reason.slice('RBAC: allowed by '.length)}`;
  if (a.user.groups.includes('system:masters')) return 'the group system:masters, which every authorizer lets through';
  return `the Node authorizer: ${a.user.name} acts for its own node`;
}

/** The fields a mutating plugin changed, as dotted paths (spec.containers[0].resources). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObj = (v: unknown) => typeof v === 'object' && v !== null;
  if (!isObj(before) || !isObj(after) || Array.isArray(before) !== Array.isArray(after)) return [prefix || '.'];
  const out: string[] = [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const path = Array.isArray(after) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k;
    if (!(k in b) || !(k in a)) out.push(path);
    else out.push(...changedPaths(b[k], a[k], path));
  }
  return out;
}

/** A timeline a learner can read, one block per request; plugins with nothing to say share a line. */
export function renderTrace(requests: TracedRequest[]): string {
  const lines: string[] = [];
  requests.forEach((r, i) => {
    const what = `${r.subresource ? `${r.resource}/${r.subresource}` : r.resource}${r.name ? ` "${r.name}"` : ''}`;
    const where = r.namespace ? ` in namespace "${r.namespace}"` : '';
    lines.push(`request ${i + 1}: ${r.verb} ${what}${where}`);
    const rows: [Phase, string][] = [];
    let quiet: { verdict: string; plugins: string[] } | undefined;
    const flush = () => {
      if (quiet) rows.push(['admission', `${quiet.verdict}: ${quiet.plugins.join(', ')}`]);
      quiet = undefined;
    };
    for (const s of r.steps) {
      if (s.phase === 'admission' && s.plugin && !s.detail) {
        if (quiet?.verdict !== s.verdict) flush();
        quiet ??= { verdict: s.verdict, plugins: [] };
        quiet.plugins.push(s.plugin);
        continue;
      }
      flush();
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
