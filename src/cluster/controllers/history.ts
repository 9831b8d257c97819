import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef, isControlledBy } from '../meta/ownerRefs.js';

/**
 * Controller history (pkg/controller/history), as the daemonset and statefulset controllers keep it: one
 * ControllerRevision per pod template they have run, numbered in the order the templates became current.
 * A template that comes back (a rollback) has its old revision renumbered as the newest, as upstream does.
 */
/** The label a revision's hash is kept under: the daemonset controller's own, or controller history's. */
export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
export const HASH_LABEL = 'controller.kubernetes.io/hash';

export function ownedRevisions(ctx: Pick<SyncContext, 'view'>, owner: KubeObject): KubeObject[] {
  return ctx.view
    .list('apps/controllerrevisions', owner.metadata.namespace)
    .filter((r) => isControlledBy(r, owner))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** Makes `hash` the owner's newest revision (name `<owner>-<hash>`), and trims history to its limit. */
export async function recordRevision(ctx: SyncContext, owner: KubeObject, hash: string, name: string, label = HASH_LABEL): Promise<void> {
  const spec = ctx.kinds.forKind('ControllerRevision', 'apps');
  if (!spec) return;
  const ns = owner.metadata.namespace!;
  const revisions = ownedRevisions(ctx, owner);
  const newest = revisions[revisions.length - 1];
  const max = newest?.revision ?? 0;
  const existing = revisions.find((r) => r.metadata.labels?.[label] === hash || r.metadata.name === name);
  if (existing) {
    if (existing !== newest) await ctx.client.update(spec, { ...structuredClone(existing), revision: max + 1 });
  } else {
    const template = structuredClone(owner.spec?.template ?? {});
    await ctx.client.create(
      spec,
      {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(owner.spec?.selector?.matchLabels ?? {}), [label]: hash },
          ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
          ownerReferences: [controllerRef(owner)],
        },
        data: { spec: { template: { ...template, $patch: 'replace' } } },
        revision: max + 1,
      },
      ns,
    );
  }
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const all = ownedRevisions(ctx, owner);
  for (const old of all.slice(0, Math.max(0, all.length - 1 - limit))) await ctx.client.delete(spec, ns, old.metadata.name!);
}
