import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { dryRunStrategy } from '../create/generator.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { revisionsOf, type Revision } from './history.js';
import { selectRollable } from './patcher.js';
import { describePodTemplate } from './podTemplate.js';

const HASH = 'pod-template-hash';

/** Annotations the rollback keeps from the Deployment rather than taking from the ReplicaSet (rollback.go annotationsToSkip). */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v));
}

/** rollback.go equalIgnoreHash: two templates are the same revision whatever their pod-template-hash label. */
function equalIgnoreHash(a: KubeObject['spec'], b: KubeObject['spec']): boolean {
  const strip = (t: KubeObject['spec']) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[HASH];
    return c;
  };
  return canonical(strip(a)) === canonical(strip(b));
}

/** rollback.go deploymentRevision: the asked revision, or the one before the newest. */
function pickRevision(d: KubeObject, revisions: Revision[], toRevision: number): Revision {
  if (toRevision > 0) {
    const r = revisions.find((x) => x.revision === toRevision);
    if (!r) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
    return r;
  }
  const sorted = [...revisions].sort((a, b) => b.revision - a.revision);
  if (sorted.length < 2) throw new CommandError(`error: no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
  return sorted[1];
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  if (!ctx.args.length && !(f.filename as string[]).length && !str(f.kustomize)) throw new CommandError('error: required resource not specified');
  const toRevision = f['to-revision'] as number;
  const dryRun = dryRunStrategy(ctx);
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  for (const e of sel.errors) throw typeof e === 'string' ? new CommandError(e) : e;
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const s of sel.items) {
    const d = s.object;
    if (d.kind !== 'Deployment') throw new CommandError(`error: no rollbacker has been implemented for ${JSON.stringify(s.spec.group ? `${s.spec.kind}.${s.spec.group}` : s.spec.kind)}`);
    if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
    if (d.spec?.paused) throw new CommandError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const target = pickRevision(d, revisionsOf(client, d), toRevision);
    let result: string;
    if (dryRun === 'client') result = describePodTemplate(target.template);
    else if (equalIgnoreHash(target.template, d.spec.template)) result = `skipped rollback (current template already matches revision ${target.revision})`;
    else {
      // DeploymentRollbacker: the ReplicaSet's template (without its hash label) and annotations go back into the Deployment
      const template = structuredClone(target.template);
      if (template.metadata?.labels) delete template.metadata.labels[HASH];
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(target.owner.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
      const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      await client.patch(s.spec, s.namespace, s.name, 'json', patch, { dryRun: dryRun === 'server' });
      result = 'rolled back';
    }
    ctx.io.out(`${nameOf(d)} ${result}${suffix}\n`);
  }
  return 0;
}

const help = `Roll back to a previous rollout.

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Roll back to daemonset revision 3
  kubectl rollout undo daemonset/abc --to-revision=3
  
  # Roll back to the previous deployment with dry-run
  kubectl rollout undo --dry-run=server deployment/abc

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to get from a server.

    -k, --kustomize='':
	Process the kustomization directory. This flag can't be used together with -f or -R.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --to-revision=0:
	The revision to rollback to. Default to 0 (last revision).

Usage:
  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'undo',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'to-revision', type: 'int', default: 0 },
  ],
  help,
  run,
};
