import type { KubeObject } from '../../../cluster/api/types.js';
import { selectorMatches, type LabelSelector } from '../../../cluster/meta/selectors.js';
import type { DescribeContext } from './describer.js';

/** getPodStatusForController: phases of the pods the selector matches and the object controls. */
export function podStatusForController(
  ctx: DescribeContext,
  owner: KubeObject,
  selector: LabelSelector | undefined = owner.spec?.selector,
): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const spec = ctx.client.kinds.forKind('Pod', '')!;
  for (const p of ctx.client.list(spec, owner.metadata.namespace).items) {
    if (!selectorMatches(selector, p.metadata.labels)) continue;
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

/** `3 Running / 0 Waiting / 0 Succeeded / 0 Failed` */
export function podsStatusText(c: ReturnType<typeof podStatusForController>): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}
