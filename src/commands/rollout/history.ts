import type { KubeObject } from '../../cluster/api/types.js';
import type { Client } from '../../cluster/client/client.js';
import { isControlledBy } from '../../cluster/meta/ownerRefs.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { nameOf } from '../printers/name.js';
import { CommandError } from '../util/errors.js';
import { TabWriter } from '../printers/tabwriter.js';
import type { Verb } from '../verb.js';
import { selectRollable } from './patcher.js';
import { describePodTemplate } from './podTemplate.js';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** A revision of a workload's template: the ReplicaSet or ControllerRevision that keeps it. */
export interface Revision {
  revision: number;
  template: KubeObject['spec'];
  changeCause: string;
  owner: KubeObject;
}

/** A Deployment's ReplicaSets (history.go DeploymentHistoryViewer), a DaemonSet's or StatefulSet's ControllerRevisions. */
export function revisionsOf(client: Client, obj: KubeObject): Revision[] {
  const ns = obj.metadata.namespace;
  if (obj.kind === 'Deployment') {
    const rsSpec = client.kinds.forKind('ReplicaSet', 'apps')!;
    return client
      .list(rsSpec, ns)
      .items.filter((rs) => isControlledBy(rs, obj))
      .flatMap((rs) => {
        const v = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
        if (v === undefined || !/^\d+$/.test(v)) return [];
        return [{ revision: Number(v), template: rs.spec?.template, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? '', owner: rs }];
      });
  }
  const crSpec = client.kinds.forKind('ControllerRevision', 'apps')!;
  return client
    .list(crSpec, ns)
    .items.filter((cr) => isControlledBy(cr, obj))
    .map((cr) => ({ revision: Number(cr.revision ?? 0), template: (cr.data as KubeObject['spec'])?.spec?.template, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '', owner: cr }));
}

const ROLLABLE = ['Deployment', 'DaemonSet', 'StatefulSet'];

/** history.go ViewHistory: the table of revisions, or one revision's pod template. */
function viewHistory(revisions: Revision[], revision: number): string {
  const byRevision = new Map<number, Revision>();
  for (const r of revisions) byRevision.set(r.revision, r);
  if (!byRevision.size) return 'No rollout history found.';
  if (revision > 0) {
    const r = byRevision.get(revision);
    if (!r) throw new CommandError('error: unable to find the specified revision');
    const template = structuredClone(r.template ?? {});
    if (r.changeCause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE]: r.changeCause } };
    return describePodTemplate(template);
  }
  // tabbedString: minwidth 0, padding 2
  const rows = [['REVISION', 'CHANGE-CAUSE']];
  for (const n of [...byRevision.keys()].sort((a, b) => a - b)) rows.push([String(n), byRevision.get(n)!.changeCause || '<none>']);
  return new TabWriter(0, 2).format(rows);
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  if (!ctx.args.length && !(f.filename as string[]).length && !str(f.kustomize)) throw new CommandError('error: required resource not specified');
  const revision = f.revision as number;
  const client = await ctx.client();
  const sel = await selectRollable(ctx, client);
  for (const e of sel.errors) throw typeof e === 'string' ? new CommandError(e) : e;
  for (const s of sel.items) {
    if (!ROLLABLE.includes(String(s.object.kind))) throw new CommandError(`error: no history viewer has been implemented for ${JSON.stringify(s.spec.kind)}`);
    const info = viewHistory(revisionsOf(client, s.object), revision);
    ctx.io.out(`${nameOf(s.object)} ${revision > 0 ? `with revision #${revision}` : ''}\n${info}\n`);
  }
  return 0;
}

const help = `View previous rollout revisions and configurations.

Examples:
  # View the rollout history of a deployment
  kubectl rollout history deployment/abc
  
  # View the details of daemonset revision 3
  kubectl rollout history daemonset/abc --revision=3

Options:
    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to get from a server.

    -k, --kustomize='':
	Process the kustomization directory. This flag can't be used together with -f or -R.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    --revision=0:
	See the details, including podTemplate of the revision specified

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

Usage:
  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'history',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help,
  run,
};
