import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';
import { subjects } from './rolebinding.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const binding: Record<string, unknown> = {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: objectMeta({ name: o.name }),
  };
  const subs = subjects(ctx);
  if (subs) binding.subjects = subs;
  binding.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: str(ctx.flags.clusterrole) };
  return createGenerated(ctx, o, binding as unknown as KubeObject, 'failed to create clusterrolebinding: ');
}

export const verb: Verb = {
  name: 'clusterrolebinding',
  flags: [
    ...generatorFlags(),
    { name: 'clusterrole', type: 'string', required: true },
    { name: 'group', type: 'stringArray' },
    { name: 'serviceaccount', type: 'stringArray' },
    { name: 'user', type: 'stringArray' },
  ],
  help: `Create a cluster role binding for a particular cluster role.

Examples:
  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
  kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1

Usage:
  kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
