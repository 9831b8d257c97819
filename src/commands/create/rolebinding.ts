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
    { name: 'clusterrole', type: 'string' },
    { name: 'group', type: 'stringArray' },
    { name: 'role', type: 'string' },
    { name: 'serviceaccount', type: 'stringArray' },
    { name: 'user', type: 'stringArray' },
  ],
  help: `Create a role binding for a particular role or cluster role.

Examples:
  # Create a role binding for user1, user2, and group1 using the admin cluster role
  kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1
  
  # Create a role binding for service account monitoring:sa-dev using the admin role
  kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --clusterrole='':
	ClusterRole this RoleBinding should reference

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --group=[]:
	Groups to bind to the role. The flag can be repeated to add multiple groups.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --role='':
	Role this RoleBinding should reference

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --serviceaccount=[]:
	Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --user=[]:
	Usernames to bind to the role. The flag can be repeated to add multiple users.

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
