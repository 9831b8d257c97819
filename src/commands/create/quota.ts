import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta, sortedMap } from './generator.js';
import { canonicalQuantity, QUANTITY_ERROR } from './quantity.js';

/** populateResourceListV1: `resource=quantity,...`. */
export function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new CommandError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const q = canonicalQuantity(parts[1]);
    if (q === undefined) throw new CommandError(`error: ${QUANTITY_ERROR}`);
    out[parts[0]] = q;
  }
  return sortedMap(out);
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const hard = resourceList(str(ctx.flags.hard));
  const scopesRaw = str(ctx.flags.scopes);
  const scopes = scopesRaw ? scopesRaw.split(',') : undefined;
  if (scopes?.includes('')) throw new CommandError('error: invalid resource quota scope ""');
  const spec: Record<string, unknown> = {};
  if (hard) spec.hard = hard;
  if (scopes) spec.scopes = scopes;
  const quota = {
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined }),
    spec,
    status: {},
  } as unknown as KubeObject;
  return createGenerated(ctx, o, quota, 'failed to create quota: ');
}

export const verb: Verb = {
  name: 'quota',
  aliases: ['resourcequota'],
  flags: [...generatorFlags(), { name: 'hard', type: 'string' }, { name: 'scopes', type: 'string' }],
  help: `Create a resource quota with the specified name, hard limits, and optional scopes.

Aliases:
quota, resourcequota

Examples:
  # Create a new resource quota named my-quota
  kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10
  
  # Create a new resource quota named best-effort
  kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort

Usage:
  kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
