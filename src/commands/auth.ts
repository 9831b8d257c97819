import type { CommandContext } from './context.js';
import { str } from './context.js';
import { CommandError } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { TabWriter } from './printers/tabwriter.js';
import { parseOutput, printObjects } from './printers/index.js';
import type { Verb } from './verb.js';
import type { PolicyRule } from '../cluster/api/authz/rbac.js';
import type { KubeObject } from '../cluster/api/types.js';

// ---------------------------------------------------------------- auth can-i

const canIFlags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
  { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
  { name: 'no-headers', type: 'bool', usage: 'If true, prints allowed actions without headers' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress output and just return the exit code.' },
  { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
];

const canIHelp = `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.

Examples:
  # Check to see if I can create pods in any namespace
  kubectl auth can-i create pods --all-namespaces
  
  # Check to see if I can list deployments in my current namespace
  kubectl auth can-i list deployments.apps
  
  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
  # You must be allowed to use impersonation for the global option "--as"
  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod
  
  # Check to see if I can do everything in my current namespace ("*" means all)
  kubectl auth can-i '*' '*'
  
  # Check to see if I can get the job named "bar" in namespace "foo"
  kubectl auth can-i list jobs.batch/bar -n foo
  
  # Check to see if I can read pod logs
  kubectl auth can-i get pods --subresource=log
  
  # Check to see if I can access the URL /logs/
  kubectl auth can-i get /logs/
  
  # Check to see if I can approve certificates.k8s.io
  kubectl auth can-i approve certificates.k8s.io
  
  # List all allowed actions in namespace "foo"
  kubectl auth can-i --list --namespace=foo

Options:
    -A, --all-namespaces=false:
	If true, check the specified action in all namespaces.

    --list=false:
	If true, prints all allowed actions.

    --no-headers=false:
	If true, prints allowed actions without headers

    -q, --quiet=false:
	If true, suppress output and just return the exit code.

    --subresource='':
	SubResource such as pod/log or deployment/scale

Usage:
  kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl auth can-i`: a SelfSubjectAccessReview, or with --list a SelfSubjectRulesReview. */
async function runCanI(ctx: CommandContext): Promise<number> {
  const quiet = ctx.flags.quiet === true;
  const namespace = ctx.flags['all-namespaces'] === true ? '' : ctx.namespace;
  if (ctx.flags.list === true) {
    if (ctx.args.length) throw new CommandError('error: list option must be specified with no arguments');
    const client = await ctx.client();
    if (!quiet) ctx.io.out(printRules(client.rules(namespace || undefined).flatMap((g) => g.rules), ctx.flags['no-headers'] === true));
    return 0;
  }
  if (ctx.args.length !== 2)
    throw new CommandError(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    );
  const [verb, target] = ctx.args;
  const client = await ctx.client();
  let verdict;
  if (target.startsWith('/')) {
    verdict = client.canI({ verb, path: target });
  } else {
    const [resourceArg, name = ''] = target.split('/', 2);
    let group = '';
    let resource = resourceArg;
    let namespaced = true;
    if (resourceArg !== '*') {
      const spec = client.kinds.resolve(resourceArg);
      if (spec) {
        group = spec.group;
        resource = spec.plural;
        namespaced = spec.namespaced;
      } else {
        // kubectl asks about the resource as typed, splitting `resource.group`
        const dot = resourceArg.indexOf('.');
        if (dot > 0) {
          resource = resourceArg.slice(0, dot);
          group = resourceArg.slice(dot + 1);
        }
        ctx.io.err(`Warning: the server doesn't have a resource type '${resource}'\n\n`);
      }
    }
    if (!namespaced && namespace) ctx.io.err(`Warning: resource '${resource}' is not namespace scoped\n\n`);
    verdict = client.canI({ verb, apiGroup: group, resource, subresource: str(ctx.flags.subresource) || undefined, namespace: namespace || undefined, name });
  }
  const allowed = verdict.decision === 'Allow';
  if (!quiet) ctx.io.out(allowed ? 'yes\n' : verdict.reason ? `no - ${verdict.reason}\n` : 'no\n');
  return allowed ? 0 : 1;
}

/** One row per (resource, group) a rule names, as kubectl's breakdown of the rules review does. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? [])
    for (const r of rule.resources ?? []) out.push({ verbs: rule.verbs, apiGroups: [g], resources: [r], resourceNames: rule.resourceNames ?? [] });
  for (const u of rule.nonResourceURLs ?? []) out.push({ verbs: rule.verbs, nonResourceURLs: [u] });
  return out;
}

/** Go's `%v` of a []string: `[a b]`. */
const goList = (xs: string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** rbacv1.PolicyRule's String(), which kubectl sorts the rows by. */
const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** The --list table: rules broken down, merged where only their verbs differ, sorted, with verbs deduplicated. */
function printRules(rules: PolicyRule[], noHeaders: boolean): string {
  const merged = new Map<string, PolicyRule>();
  for (const r of rules.flatMap(breakdown)) {
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...r, verbs: [...r.verbs] });
    else for (const v of r.verbs) if (!seen.verbs.includes(v)) seen.verbs.push(v);
  }
  const sorted = [...merged.values()].sort((a, b) => (ruleString(a) < ruleString(b) ? -1 : ruleString(a) > ruleString(b) ? 1 : 0));
  const rows = noHeaders ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  for (const r of sorted) {
    const resources = (r.resources ?? []).flatMap((res) => (r.apiGroups ?? []).map((g) => (g ? `${res}.${g}` : res)));
    rows.push([resources.join(', '), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  }
  return new TabWriter().format(rows);
}

const canI: Verb = { name: 'can-i', flags: canIFlags, help: canIHelp, run: runCanI };

// ---------------------------------------------------------------- auth whoami

const whoamiFlags: FlagSpec[] = [
  {
    name: 'allow-missing-template-keys',
    type: 'bool',
    default: true,
    usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
  },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  {
    name: 'template',
    type: 'string',
    usage:
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  },
];

const whoamiHelp = `Experimental: Check who you are and your attributes (groups, extra).

        This command is helpful to get yourself aware of the current user attributes,
        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,
        is enabled in the Kubernetes cluster.

Examples:
  # Get your subject attributes
  kubectl auth whoami
  
  # Get your subject attributes in JSON format
  kubectl auth whoami -o json

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

Usage:
  kubectl auth whoami [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl auth whoami`: a SelfSubjectReview, printed as an ATTRIBUTE/VALUE table or as the object. */
async function runWhoami(ctx: CommandContext): Promise<number> {
  const format = parseOutput(str(ctx.flags.output), false);
  const client = await ctx.client();
  const me = client.whoami();
  if (format.kind !== 'table') {
    const review: KubeObject = {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null as unknown as string },
      status: { userInfo: { username: me.name, groups: me.groups } },
    };
    ctx.io.out(await printObjects(format, [review], true));
    return 0;
  }
  ctx.io.out(new TabWriter().format([['ATTRIBUTE', 'VALUE'], ['Username', me.name], ['Groups', goList(me.groups)]]));
  return 0;
}

const whoami: Verb = { name: 'whoami', flags: whoamiFlags, help: whoamiHelp, run: runWhoami };

// ---------------------------------------------------------------- auth

const help = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl auth` alone prints its help, as cobra does for a command without Run. */
async function run(ctx: CommandContext): Promise<number> {
  ctx.io.out(help);
  return 0;
}

export const verb: Verb = {
  name: 'auth',
  flags: [],
  help,
  subcommands: { 'can-i': async () => canI, whoami: async () => whoami },
  run,
};
