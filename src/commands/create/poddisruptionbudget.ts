import type { KubeObject } from '../../cluster/api/types.js';
import { parseLabelSelector } from '../../cluster/meta/selectors.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta } from './generator.js';

/** metav1.ParseToLabelSelector: requirements sorted by key; `=`/`==` become matchLabels, the rest matchExpressions. */
export function parseToLabelSelector(s: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseLabelSelector(s);
  } catch (e) {
    throw new CommandError(`error: couldn't parse the selector string ${JSON.stringify(s)}: ${(e as Error).message}`);
  }
  reqs = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.operator === 'Equals') matchLabels[r.key] = r.values[0];
    else if (r.operator === 'NotEquals') throw new CommandError('error: "!=" is not a valid label selector operator');
    else if (r.operator === 'In' || r.operator === 'NotIn') matchExpressions.push({ key: r.key, operator: r.operator, values: [...new Set(r.values)].sort() });
    else matchExpressions.push({ key: r.key, operator: r.operator });
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) sel.matchLabels = matchLabels;
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}

/** intstr.Parse: a number when the text is an integer, else the string. */
function intOrString(s: string): number | string {
  return /^[+-]?\d+$/.test(s) ? Number(s) : s;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const selector = str(ctx.flags.selector);
  const minAvailable = str(ctx.flags['min-available']);
  const maxUnavailable = str(ctx.flags['max-unavailable']);
  if (!selector) throw new CommandError('error: a selector must be specified');
  if (!maxUnavailable && !minAvailable) throw new CommandError('error: one of min-available or max-unavailable must be specified');
  if (maxUnavailable && minAvailable) throw new CommandError('error: min-available and max-unavailable cannot be both specified');
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable)) throw new CommandError('error: invalid format specified for min-available');
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable)) throw new CommandError('error: invalid format specified for max-unavailable');
  const spec: Record<string, unknown> = {};
  if (minAvailable) spec.minAvailable = intOrString(minAvailable);
  spec.selector = parseToLabelSelector(selector);
  if (maxUnavailable) spec.maxUnavailable = intOrString(maxUnavailable);
  const pdb = {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  } as unknown as KubeObject;
  return createGenerated(ctx, o, pdb, 'failed to create poddisruptionbudgets: ');
}

export const verb: Verb = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  flags: [
    ...generatorFlags(),
    { name: 'max-unavailable', type: 'string' },
    { name: 'min-available', type: 'string' },
    { name: 'selector', type: 'string' },
  ],
  help: `Create a pod disruption budget with the specified name, selector, and desired minimum available pods.

Aliases:
poddisruptionbudget, pdb

Examples:
  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
  # and require at least one of them being available at any point in time
  kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1
  
  # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
  # and require at least half of the pods selected to be available at any point in time
  kubectl create pdb my-pdb --selector=app=nginx --min-available=50%

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --max-unavailable='':
	The maximum number or percentage of unavailable pods this budget requires.

    --min-available='':
	The minimum number or percentage of available pods this budget requires.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --selector='':
	A label selector to use for this budget. Only equality-based selector requirements are supported.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
