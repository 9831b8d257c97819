import { age } from '../../meta/duration.js';
import { containerCells, formatLabelSelector, nonNegative, validatePodTemplate } from './podTemplate.js';
import { defaultJobTemplate, validateJobRestartPolicy } from './job.js';
import { invalid, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const FIELD_BOUNDS: [number, number, Record<string, number>?][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

function parseValue(s: string, names: Record<string, number> | undefined, expr: string): number {
  const named = names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

/** One cron field, with robfig/cron's error texts (getRange). */
function checkField(field: string, [min, max, names]: [number, number, Record<string, number>?]): void {
  for (const expr of field.split(',')) {
    const [rangePart, step, ...extra] = expr.split('/');
    if (extra.length) throw new Error(`too many slashes: ${expr}`);
    const bounds = rangePart.split('-');
    if (bounds.length > 2) throw new Error(`too many hyphens: ${expr}`);
    let start: number;
    let end: number;
    if (rangePart === '*' || rangePart === '?') {
      start = min;
      end = max;
    } else {
      start = parseValue(bounds[0], names, expr);
      end = bounds.length === 2 ? parseValue(bounds[1], names, expr) : start;
    }
    if (step !== undefined) {
      const n = parseValue(step, undefined, expr);
      if (n <= 0) throw new Error(`step of range should be a positive number: ${expr}`);
      if (bounds.length === 1 && rangePart !== '*' && rangePart !== '?') end = max;
    }
    if (start < min) throw new Error(`beginning of range (${start}) below minimum (${min}): ${expr}`);
    if (end > max) throw new Error(`end of range (${end}) above maximum (${max}): ${expr}`);
    if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  }
}

/** cron.ParseStandard's verdict on a schedule, or undefined when it parses. */
export function scheduleError(schedule: string): string | undefined {
  const s = schedule.trim();
  try {
    if (s.startsWith('@')) {
      if (DESCRIPTORS.includes(s)) return undefined;
      if (s.startsWith('@every ')) return undefined;
      throw new Error(`unrecognized descriptor: ${s}`);
    }
    const fields = s.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    fields.forEach((f, i) => checkField(f, FIELD_BOUNDS[i]));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export const cronJob = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  categories: ['all'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  defaults(obj) {
    // SetDefaults_CronJob
    const spec = (obj.spec ??= {});
    spec.concurrencyPolicy ||= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    spec.jobTemplate ??= {};
    spec.jobTemplate.metadata ??= {};
    if (spec.jobTemplate.metadata.creationTimestamp === undefined) spec.jobTemplate.metadata.creationTimestamp = null;
    spec.jobTemplate.spec ??= {};
    defaultJobTemplate((spec.jobTemplate.spec.template ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    // the CronJob name becomes a Job name plus an 11-character suffix
    if ((obj.metadata.name ?? '').length > 52) errs.push(invalid('metadata.name', obj.metadata.name, 'must be no more than 52 characters'));
    if (!spec.schedule) errs.push(required('spec.schedule'));
    else if (/(^|\s)(CRON_)?TZ=/.test(spec.schedule))
      errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else {
      const err = scheduleError(spec.schedule);
      if (err) errs.push(invalid('spec.schedule', spec.schedule, err));
    }
    if (spec.timeZone !== undefined && spec.timeZone !== null) {
      // time.LoadLocation's verdict; "Local" is refused because it means the controller's own zone
      let known = spec.timeZone !== '' && spec.timeZone !== 'Local';
      try {
        if (known) new Intl.DateTimeFormat('en-US', { timeZone: spec.timeZone });
      } catch {
        known = false;
      }
      if (!known) errs.push(invalid('spec.timeZone', spec.timeZone, `unknown time zone ${spec.timeZone}`));
    }
    if (!CONCURRENCY.includes(spec.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY));
    nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds, errs);
    nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit, errs);
    nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit, errs);
    const jobSpec = spec.jobTemplate?.spec ?? {};
    const p = 'spec.jobTemplate.spec';
    nonNegative(`${p}.parallelism`, jobSpec.parallelism, errs);
    nonNegative(`${p}.completions`, jobSpec.completions, errs);
    nonNegative(`${p}.backoffLimit`, jobSpec.backoffLimit, errs);
    errs.push(...validatePodTemplate(jobSpec.template, `${p}.template`));
    errs.push(...validateJobRestartPolicy(jobSpec.template, `${p}.template`));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Schedule' },
      { name: 'Timezone' },
      { name: 'Suspend' },
      { name: 'Active' },
      { name: 'Last Schedule' },
      { name: 'Age' },
      { name: 'Containers', priority: 1 },
      { name: 'Images', priority: 1 },
      { name: 'Selector', priority: 1 },
    ],
    row: (o, now) => {
      const jobSpec = o.spec?.jobTemplate?.spec ?? {};
      const [names, images] = containerCells(jobSpec.template);
      const last = o.status?.lastScheduleTime;
      return [
        o.metadata.name!,
        o.spec?.schedule ?? '',
        o.spec?.timeZone ?? '<none>',
        o.spec?.suspend ? 'True' : 'False',
        (o.status?.active ?? []).length,
        last ? age(last, now) : '<none>',
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(jobSpec.selector),
      ];
    },
  },
} satisfies KindSpec;
