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
    { name: 'selector', usage: "A label selector to use for this budget. Only equality-based selector requirements are supported.", type: 'string' },
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

Usage:
  kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
