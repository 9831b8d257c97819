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
  flags: [...roleFlags, { name: 'aggregation-rule', type: 'string', defValue: '' }, { name: 'non-resource-url', type: 'stringSlice' }],
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

Usage:
  kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
