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

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
	Name of the manager used to track field ownership.

    --hard='':
	A comma-delimited set of resource=quantity pairs that define a hard limit.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --save-config=false:
	If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --scopes='':
	A comma-delimited set of quota scopes that must all match each object tracked by the quota.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
	Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
