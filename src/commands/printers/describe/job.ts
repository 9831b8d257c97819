import type { KubeObject } from '../../../cluster/api/types.js';
import { humanDuration } from '../../../cluster/meta/duration.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

/** capIndexesListOrNone: the completed indexes cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

/** describeJob. */
export const job: Describer = {
  group: 'batch',
  kind: 'Job',
  describe(j: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = j.spec ?? {};
    const status = j.status ?? {};
    w.write(0, `Name:\t${j.metadata.name}\n`);
    w.write(0, `Namespace:\t${j.metadata.namespace}\n`);
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', j.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', j.metadata.annotations);
    const owner = controlledBy(j);
    if (owner) w.write(0, `Controlled By:\t${owner}\n`);
    if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
    if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
    if (status.startTime && status.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (status.ready === undefined || status.ready === null) w.write(0, `Pods Statuses:\t${status.active ?? 0} Active / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
    else w.write(0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}\n`);
    describePodTemplate(spec.template, w);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(j)), w, ctx.now);
    return w.toString();
  },
};
