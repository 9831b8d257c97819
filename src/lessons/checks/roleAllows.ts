import type { Check } from './index.js';

/**
 * What a Role or ClusterRole grants, as `verb resource[.group]` pairs (`get pods`, `get pods/log`,
 * `create deployments.apps`). Rules can say the same grant in many shapes (one rule or several, verbs in any
 * order, wildcards), which field conditions cannot compare; this expands them and compares the sets.
 * args: kind (Role | ClusterRole), name, namespace (Roles; default: the task's), allow (the pairs that must be
 * granted), exactly (true: nothing else may be granted), forbidVerbs (verbs no rule may grant on anything).
 */
function grants(rules: any[]): { verb: string; resource: string; group: string }[] {
  const out: { verb: string; resource: string; group: string }[] = [];
  for (const r of rules ?? [])
    for (const group of r.apiGroups ?? [''])
      for (const resource of r.resources ?? []) for (const verb of r.verbs ?? []) out.push({ verb, resource, group });
  return out;
}

function parse(pair: string): { verb: string; resource: string; group: string } {
  const [verb, res] = pair.trim().split(/\s+/);
  const dot = res.indexOf('.');
  return dot < 0 ? { verb, resource: res, group: '' } : { verb, resource: res.slice(0, dot), group: res.slice(dot + 1) };
}

function covers(g: { verb: string; resource: string; group: string }, want: { verb: string; resource: string; group: string }): boolean {
  return (g.verb === '*' || g.verb === want.verb) && (g.resource === '*' || g.resource === want.resource) && (g.group === '*' || g.group === want.group);
}

function show(g: { verb: string; resource: string; group: string }): string {
  return `${g.verb} ${g.resource}${g.group ? `.${g.group}` : ''}`;
}

export const roleAllows: Check = ({ reader, namespace }, args) => {
  const kind = String(args.kind ?? 'Role');
  const name = String(args.name);
  const ns = kind === 'ClusterRole' ? undefined : String(args.namespace ?? namespace);
  const allow = ((args.allow as string[]) ?? []).map(parse);
  const exactly = args.exactly === true;
  const forbid = (args.forbidVerbs as string[]) ?? [];
  const where = ns ? ` in namespace ${ns}` : '';
  const says = `${kind.toLowerCase()}/${name}${where} allows ${allow.map(show).join(', ')}${exactly ? ' and nothing else' : ''}${forbid.length ? `, but not ${forbid.join('/')}` : ''}`;
  const role = reader.get(kind, ns, name);
  if (!role) return { ok: false, says, problem: `${kind.toLowerCase()}/${name}${where}: not found` };
  const granted = grants(role.rules);
  const missing = allow.filter((w) => !granted.some((g) => covers(g, w)));
  if (missing.length) return { ok: false, says, problem: `${kind.toLowerCase()}/${name} does not allow ${missing.map(show).join(', ')}` };
  if (exactly) {
    const extra = granted.filter((g) => !allow.some((w) => g.verb === w.verb && g.resource === w.resource && g.group === w.group));
    if (extra.length) return { ok: false, says, problem: `${kind.toLowerCase()}/${name} also allows ${[...new Set(extra.map(show))].join(', ')}` };
  }
  const forbidden = granted.filter((g) => g.verb === '*' || forbid.includes(g.verb));
  if (forbidden.length) return { ok: false, says, problem: `${kind.toLowerCase()}/${name} also allows ${[...new Set(forbidden.map(show))].join(', ')}` };
  return { ok: true, says };
};
