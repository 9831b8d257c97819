import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './format.js';
import { describePodTemplate } from './podTemplate.js';
import { PrefixWriter } from './prefixWriter.js';

const unset = (v: unknown, suffix = '') => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`);

/** describeCronJob, with its job template. */
export const cronJob: Describer = {
  group: 'batch',
  kind: 'CronJob',
  describe(cj: KubeObject, ctx) {
    const w = new PrefixWriter();
    const spec = cj.spec ?? {};
    w.write(0, `Name:\t${cj.metadata.name}\n`);
    w.write(0, `Namespace:\t${cj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(0, `Suspend:\t${spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}\n`);
    w.write(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}\n`);
    w.write(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}\n`);
    const jobSpec = spec.jobTemplate?.spec ?? {};
    w.write(0, `Selector:\t${jobSpec.selector ? selectorString(jobSpec.selector) : '<unset>'}\n`);
    w.write(0, `Parallelism:\t${unset(jobSpec.parallelism)}\n`);
    w.write(0, `Completions:\t${unset(jobSpec.completions)}\n`);
    if (jobSpec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
    describePodTemplate(jobSpec.template, w);
    w.write(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
    const active: { name: string }[] = cj.status?.active ?? [];
    w.write(0, 'Active Jobs:\t');
    w.writeLine(active.length ? active.map((j) => j.name).join(', ') : '<none>');
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(cj)), w, ctx.now);
    return w.toString();
  },
};
