import type { CommandContext } from '../context.js';
import { dryRunStrategy, outputFormat } from '../create/generator.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { NO_RESOURCES, selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';
import { aggregateError, objectName, throwSelectionErrors, writeChange } from './writeChange.js';
import { setFlags } from './setFlags.js';

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const LOCAL_RESOURCE = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

const sortedSet = (v: string[]) => [...new Set(v)].sort();
const same = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/**
 * `set subject`: adds users, groups and service accounts (each set sorted) to RoleBindings and
 * ClusterRoleBindings; subjects already bound are not added twice, and a binding left as it was is passed over.
 */
async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(ctx);
  const local = f.local === true;
  if (local && ctx.args.length) throw new CommandError(LOCAL_RESOURCE);
  if (local && !(f.filename as string[]).length) throw new CommandError(NO_RESOURCES);
  const client = local ? undefined : await ctx.client();
  const sel = await selectResources(ctx, client, { allowAll: true, local });
  throwSelectionErrors(sel.errors);
  // Validate
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (f.all === true && f.selector) throw new CommandError('error: cannot set --all and --selector at the same time');
  const users = f.user as string[];
  const groups = f.group as string[];
  const accounts = f.serviceaccount as string[];
  if (!users.length && !groups.length && !accounts.length) throw new CommandError('error: you must specify at least one value of user, group or serviceaccount');
  for (const sa of accounts) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[1]) throw new CommandError('error: serviceaccount must be <namespace>:<name>');
    if (!tokens[0] && sel.items.some((s) => s.object.kind === 'ClusterRoleBinding')) throw new CommandError('error: serviceaccount must be <namespace>:<name>, namespace must be specified');
  }
  const subjects: Subject[] = [
    ...sortedSet(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedSet(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedSet(accounts).map((sa) => {
      const [namespace, name] = sa.split(':');
      return { kind: 'ServiceAccount', name, namespace: namespace || ctx.namespace };
    }),
  ];
  const errors: string[] = [];
  for (const s of sel.items) {
    if (s.object.kind !== 'RoleBinding' && s.object.kind !== 'ClusterRoleBinding') {
      errors.push(`error: ${objectName(s, local)} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
      continue;
    }
    const after = structuredClone(s.object);
    const existing: Subject[] = after.subjects ?? [];
    const added = subjects.filter((t) => !existing.some((e) => same(e, t)));
    if (!added.length) continue;
    after.subjects = [...existing, ...added];
    const failed = await writeChange(ctx, s, after, { client, local, dryRun, output, word: 'subjects updated', failure: 'failed to patch subjects to rolebinding: ' });
    if (failed) errors.push(failed);
  }
  if (errors.length) throw aggregateError(errors);
  return 0;
}

const help = `Update the user, group, or service account in a role binding or cluster role binding.

Examples:
  # Update a cluster role binding for serviceaccount1
  kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1
  
  # Update a role binding for user1, user2, and group1
  kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1
  
  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
  kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml

Usage:
  kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags: FlagSpec[] = [
  ...setFlags({
    all: 'Select all resources, in the namespace of the specified resource types',
    filename: 'Filename, directory, or URL to files the resource to update the subjects',
    local: 'If true, set subject will NOT contact api-server but run locally.',
  }),
  { name: 'group', usage: 'Groups to bind to the role', type: 'stringArray' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'serviceaccount', usage: 'Service accounts to bind to the role', type: 'stringArray' },
  { name: 'user', usage: 'Usernames to bind to the role', type: 'stringArray' },
];
export const verb: Verb = { name: 'subject', flags, help, run };
