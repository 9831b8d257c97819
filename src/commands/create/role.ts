import type { KindRegistry } from '../../cluster/api/registry.js';
import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta, type GeneratorOptions } from './generator.js';

/** The verbs RBAC knows for resources; others get a warning, not an error. */
const validResourceVerbs = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];

/** Verbs that only make sense on particular resources. */
const specialVerbs: Record<string, [string, string][]> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    ['rbac.authorization.k8s.io', 'roles'],
    ['rbac.authorization.k8s.io', 'clusterroles'],
  ],
  escalate: [
    ['rbac.authorization.k8s.io', 'roles'],
    ['rbac.authorization.k8s.io', 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
    ['authentication.k8s.io', 'uids'],
  ],
};

export interface ResourceOptions {
  group: string;
  resource: string;
  subResource: string;
}

export interface RoleOptions {
  verbs: string[];
  resources: ResourceOptions[];
  resourceNames: string[];
}

export const roleFlags: FlagSpec[] = [
  ...generatorFlags(),
  { name: 'resource', type: 'stringSlice' },
  { name: 'resource-name', type: 'stringArray' },
  { name: 'verb', type: 'stringSlice' },
];

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** CreateRoleOptions.Complete: verbs deduplicated (`*` wins), `resource[.group][/subresource]`, names deduplicated. */
export function completeRole(ctx: CommandContext): RoleOptions {
  const verbs = starOrUnique(ctx.flags.verb as string[]);
  const resources: ResourceOptions[] = [];
  for (const r of ctx.flags.resource as string[]) {
    const slash = r.indexOf('/');
    const main = slash >= 0 ? r.slice(0, slash) : r;
    const subResource = slash >= 0 ? r.slice(slash + 1) : '';
    const dot = main.indexOf('.');
    const resource = { resource: dot >= 0 ? main.slice(0, dot) : main, group: dot >= 0 ? main.slice(dot + 1) : '', subResource };
    if (resource.resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, resource);
      break;
    }
    resources.push(resource);
  }
  return { verbs, resources, resourceNames: unique(ctx.flags['resource-name'] as string[]) };
}

/** Verbs up to the first `*` are kept unique; a `*` replaces them all. */
function starOrUnique(verbs: string[]): string[] {
  const out: string[] = [];
  for (const v of verbs) {
    if (v === '*') return ['*'];
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** The RESTMapper's ResourceFor: plural, singular or short name, within the group when one is given. */
function resourceFor(kinds: KindRegistry, r: ResourceOptions): { group: string; resource: string } | string {
  const name = r.resource.toLowerCase();
  const k = kinds
    .all()
    .find((k) => (k.plural === name || k.singular === name || (k.shortNames ?? []).includes(name)) && (!r.group || k.group === r.group));
  if (k) return { group: k.group, resource: k.plural };
  return r.group ? `the server doesn't have a resource type "${r.resource}" in group "${r.group}"` : `the server doesn't have a resource type "${r.resource}"`;
}

/** CreateRoleOptions.Validate's resource checks (after the verb warnings). */
export function validateResources(kinds: KindRegistry, o: RoleOptions): void {
  for (const r of o.resources) {
    if (!r.resource) throw new CommandError('error: resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(kinds, r);
    let err = typeof mapped === 'string' ? mapped : undefined;
    const res = typeof mapped === 'string' ? { group: r.group, resource: r.resource } : mapped;
    for (const v of o.verbs) {
      const allowed = specialVerbs[v];
      if (!allowed) continue;
      if (!allowed.some(([g, name]) => g === res.group && name === res.resource))
        throw new CommandError(`error: can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
      err = undefined;
    }
    if (err) throw new CommandError(err);
  }
}

export function warnVerbs(ctx: CommandContext, verbs: string[]): void {
  for (const v of verbs) if (!validResourceVerbs.includes(v)) ctx.io.err(`Warning: '${v}' is not a standard resource verb\n`);
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then one for the non-resource URLs. */
export function policyRules(kinds: KindRegistry, o: RoleOptions, nonResourceURLs: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of o.resources) {
    const mapped = resourceFor(kinds, r);
    const res = typeof mapped === 'string' ? { group: r.group, resource: r.resource } : { ...mapped };
    if (r.subResource) res.resource = `${res.resource}/${r.subResource}`;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(res.resource)) list.push(res.resource);
    byGroup.set(res.group, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    const rule: Record<string, unknown> = { verbs: o.verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (o.resourceNames.length) rule.resourceNames = o.resourceNames;
    rules.push(rule);
  }
  if (nonResourceURLs.length) rules.push({ verbs: o.verbs, nonResourceURLs });
  return rules;
}

export function roleObject(kind: 'Role' | 'ClusterRole', o: GeneratorOptions, namespaced: boolean): Record<string, unknown> {
  return {
    kind,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: objectMeta({ name: o.name, namespace: namespaced && o.enforceNamespace ? o.namespace : undefined }),
  };
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const r = completeRole(ctx);
  const client = await ctx.client();
  if (!r.verbs.length) throw new CommandError('error: at least one verb must be specified');
  warnVerbs(ctx, r.verbs);
  if (!r.resources.length) throw new CommandError('error: at least one resource must be specified');
  validateResources(client.kinds, r);
  const role = roleObject('Role', o, true);
  role.rules = policyRules(client.kinds, r, []);
  // the server's error is printed as is
  return createGenerated(ctx, o, role as unknown as KubeObject);
}

export const verb: Verb = {
  name: 'role',
  flags: roleFlags,
  help: `Create a role with single rule.

Examples:
  # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods
  
  # Create a role named "pod-reader" with ResourceName specified
  kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod
  
  # Create a role named "foo" with API Group specified
  kubectl create role foo --verb=get,list,watch --resource=rs.apps
  
  # Create a role named "foo" with SubResource specified
  kubectl create role foo --verb=get,list,watch --resource=pods,pods/status

Usage:
  kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
