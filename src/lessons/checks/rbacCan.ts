import type { KubeObject } from '../../cluster/api/types.js';
import type { ClusterReader } from '../reader.js';
import type { Check } from './index.js';

/**
 * Whether a user or ServiceAccount may do something, decided from the cluster's RBAC objects as the RBAC
 * authorizer decides it: bindings in the namespace and cluster-wide whose subjects name the user (or one of
 * its groups), and the rules of the roles they refer to. This is `kubectl auth can-i ... --as=...` turned
 * into a check on cluster state, whatever names and shapes the candidate gave the roles and bindings.
 * args: user (`jane` or `system:serviceaccount:<ns>:<name>`), verb, resource (`pods`, `deployments.apps`,
 * `pods/log`), namespace (omit for a cluster-scoped resource; default: the task's unless clusterScoped),
 * allowed (default true: false checks the access is NOT granted).
 */
function subjectMatches(s: any, user: string, groups: string[]): boolean {
  if (s.kind === 'User') return s.name === user;
  if (s.kind === 'Group') return groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user === `system:serviceaccount:${s.namespace}:${s.name}`;
  return false;
}

function ruleCovers(r: any, verb: string, group: string, resource: string): boolean {
  const has = (list: string[] | undefined, v: string) => (list ?? []).includes('*') || (list ?? []).includes(v);
  return has(r.verbs, verb) && has(r.apiGroups, group) && has(r.resources, resource);
}

export function rbacAllows(reader: ClusterReader, user: string, verb: string, resource: string, namespace: string | undefined): string | undefined {
  const sa = /^system:serviceaccount:([^:]+):/.exec(user);
  const groups = ['system:authenticated', ...(sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [])];
  const dot = resource.indexOf('.');
  const [res, group] = dot < 0 ? [resource, ''] : [resource.slice(0, dot), resource.slice(dot + 1)];
  const check = (b: KubeObject, ns: string | undefined): string | undefined => {
    if (!(b.subjects ?? []).some((s: any) => subjectMatches(s, user, groups))) return undefined;
    const role = b.roleRef?.kind === 'Role' ? reader.get('roles', ns, b.roleRef.name) : reader.get('clusterroles', undefined, b.roleRef?.name);
    if (!role || !(role.rules ?? []).some((r: any) => ruleCovers(r, verb, group, res))) return undefined;
    return `${b.kind.toLowerCase()}/${b.metadata.name}`;
  };
  for (const b of reader.list('clusterrolebindings')) {
    const by = check(b, undefined);
    if (by) return by;
  }
  if (namespace)
    for (const b of reader.list('rolebindings', namespace)) {
      const by = check(b, namespace);
      if (by) return by;
    }
  return undefined;
}

export const rbacCan: Check = ({ reader, namespace }, args) => {
  const user = String(args.user);
  const verb = String(args.verb);
  const resource = String(args.resource);
  const ns = args.clusterScoped ? undefined : String(args.namespace ?? namespace);
  const want = args.allowed !== false;
  const where = ns ? ` in namespace ${ns}` : ' cluster-wide';
  const says = `${user} ${want ? 'may' : 'may not'} ${verb} ${resource}${where}`;
  const by = rbacAllows(reader, user, verb, resource, ns);
  if (!!by === want) return { ok: true, says };
  return { ok: false, says, problem: by ? `${user} may ${verb} ${resource}${where} (granted by ${by})` : `no binding lets ${user} ${verb} ${resource}${where}` };
};
