import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

/** Subjects in kubectl's order: users, then groups, then service accounts (`namespace:name`). */
export function subjects(ctx: CommandContext): Record<string, string>[] | undefined {
  const out: Record<string, string>[] = [];
  for (const name of ctx.flags.user as string[]) out.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
  for (const name of ctx.flags.group as string[]) out.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
  for (const sa of ctx.flags.serviceaccount as string[]) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CommandError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out.length ? out : undefined;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const role = str(ctx.flags.role);
  const clusterRole = str(ctx.flags.clusterrole);
  if (!role === !clusterRole) throw new CommandError('error: exactly one of clusterrole or role must be specified');
  const binding: Record<string, unknown> = {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
  };
  const subs = subjects(ctx);
  if (subs) binding.subjects = subs;
  binding.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
  return createGenerated(ctx, o, binding as unknown as KubeObject, 'failed to create rolebinding: ');
}

export const verb: Verb = {
  name: 'rolebinding',
  flags: [
    ...generatorFlags(),
    { name: 'clusterrole', usage: "ClusterRole this RoleBinding should reference", type: 'string' },
    { name: 'group', usage: "Groups to bind to the role. The flag can be repeated to add multiple groups.", type: 'stringArray' },
    { name: 'role', type: 'string' },
    { name: 'serviceaccount', usage: "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.", type: 'stringArray' },
    { name: 'user', usage: "Usernames to bind to the role. The flag can be repeated to add multiple users.", type: 'stringArray' },
  ],
  help: `Create a role binding for a particular role or cluster role.

Examples:
  # Create a role binding for user1, user2, and group1 using the admin cluster role
  kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1
  
  # Create a role binding for service account monitoring:sa-dev using the admin role
  kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev

Usage:
  kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
