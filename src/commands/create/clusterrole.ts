import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError, FlagError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, sortedMap } from './generator.js';
import { completeRole, policyRules, roleFlags, roleObject, validateResources, warnVerbs } from './role.js';

const validNonResourceVerbs = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** cliflag.MapStringString: `k=v,k2=v2`. */
function parseMap(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw new FlagError(`invalid argument ${JSON.stringify(raw)} for "--aggregation-rule" flag: malformed pair, expect string=string`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const aggregation = parseMap(str(ctx.flags['aggregation-rule']));
  const nonResourceURLs = [...new Set(ctx.flags['non-resource-url'] as string[])];
  const o = completeGenerator(ctx);
  const r = completeRole(ctx);
  const client = await ctx.client();
  const role = roleObject('ClusterRole', o, false);
  if (Object.keys(aggregation).length) {
    if (nonResourceURLs.length || r.verbs.length || r.resources.length || r.resourceNames.length)
      throw new CommandError('error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    // Rules has no omitempty: an aggregated role prints `rules: null`
    role.rules = null;
    role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: sortedMap(aggregation) }] };
    return createGenerated(ctx, o, role as unknown as KubeObject);
  }
  if (!r.verbs.length) throw new CommandError('error: at least one verb must be specified');
  if (!r.resources.length && !nonResourceURLs.length) throw new CommandError('error: one of resource or nonResourceURL must be specified');
  if (r.resources.length) {
    warnVerbs(ctx, r.verbs);
    validateResources(client.kinds, r);
  }
  if (nonResourceURLs.length) {
    for (const v of r.verbs) if (!validNonResourceVerbs.includes(v)) throw new CommandError(`error: invalid verb: '${v}' for nonResourceURL`);
    for (const u of nonResourceURLs) {
      if (u === '*') continue;
      if (!u.startsWith('/')) throw new CommandError('error: nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*')) throw new CommandError("error: nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
  role.rules = policyRules(client.kinds, r, nonResourceURLs);
  return createGenerated(ctx, o, role as unknown as KubeObject);
}

export const verb: Verb = {
  name: 'clusterrole',
  flags: [...roleFlags, { name: 'aggregation-rule', type: 'string' }, { name: 'non-resource-url', type: 'stringSlice' }],
  help: `Create a cluster role.

Examples:
  # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods
  
  # Create a cluster role named "pod-reader" with ResourceName specified
  kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod
  
  # Create a cluster role named "foo" with API Group specified
  kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps
  
  # Create a cluster role named "foo" with SubResource specified
  kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status
  
  # Create a cluster role name "foo" with NonResourceURL specified
  kubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*
  
  # Create a cluster role name "monitoring" with AggregationRule specified
  kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"

Options:
    --aggregation-rule=:
	An aggregation label selector for combining ClusterRoles.

    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --non-resource-url=[]:
	A partial url that user should have access to.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --resource=[]:
	Resource that the rule applies to

    --resource-name=[]:
	Resource in the white list that the rule applies to, repeat this flag for multiple items

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

    --verb=[]:
	Verb that applies to the resources contained in the rule

Usage:
  kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
