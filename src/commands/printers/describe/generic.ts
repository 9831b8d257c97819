import type { KubeObject } from '../../../cluster/api/types.js';
import type { DescribeContext } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { byteCompare, printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function charClass(c: string): CharClass {
  if (/\p{Ll}/u.test(c)) return 'lower';
  if (/\p{Lu}|\p{Lt}/u.test(c)) return 'upper';
  if (/\p{Nd}/u.test(c)) return 'digit';
  return 'other';
}

/** fatih/camelcase.Split: runs of one character class, an upper run giving its last letter to a lower run after it. */
function camelSplit(s: string): string[] {
  const runs: string[][] = [];
  let last: CharClass | undefined;
  for (const c of s) {
    const cls = charClass(c);
    if (cls === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (charClass(runs[i][0]) === 'upper' && charClass(runs[i + 1][0]) === 'lower') {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` -> `API Version`, `creationTimestamp` -> `Creation Timestamp`; odd names stay as they are. */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase())))
    .join(' ');
}

/** Go's %v of a JSON scalar. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function printUnstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of Object.keys(content).sort(byteCompare)) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.map(goValue).join(' ')}]` : goValue(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, path);
    } else w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
  }
}

/** kubectl's generic describer, for kinds without their own and for custom resources: every field, nested. */
export function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructured(w, 0, obj, '');
  if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(obj)), w, ctx.now);
  return w.toString();
}
