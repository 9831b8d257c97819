import type { KubeObject } from '../../../cluster/api/types.js';
import { humanDuration } from '../../../cluster/meta/duration.js';
import { parseQuantity } from '../../../cluster/meta/quantity.js';
import { taintString, type Taint, type Toleration } from '../../../cluster/meta/taints.js';
import type { PrefixWriter } from './prefixWriter.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC, as describe prints every timestamp: `Thu, 26 Nov 2026 21:06:11 +0000`. */
export function rfc1123z(ts: string | null | undefined): string {
  const d = new Date(ts ? Date.parse(ts) : Date.UTC(1, 0, 1));
  if (!ts) d.setUTCFullYear(1);
  const p = (n: number) => String(n).padStart(2, '0');
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince: HumanDuration since the time, `<unknown>` for none. */
export function since(ts: string | null | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

/** Go's sort.Strings order (byte order). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** printLabelsMultilineWithIndent: `Title:<inner>k=v`, one per line, sorted; `<none>` when empty. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: `k: v` per line, sorted; long or multi-line values go below their key, cut at 138. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(byteCompare);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** printTaintsMultilineWithIndent: sorted by effect then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => byteCompare(key(a), key(b)))
    .forEach((t, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${taintString(t)}\n`);
    });
}

/** printTolerationsMultilineWithIndent: sorted by key; `op=Exists`, `for 300s`. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  [...tolerations]
    .sort((a, b) => byteCompare(a.key ?? '', b.key ?? ''))
    .forEach((t, i) => {
      if (i !== 0) w.write(0, '\t');
      let s = t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
      w.write(0, `${s}\n`);
    });
}

/** labels.FormatLabels: `k=v,k2=v2` sorted, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** printController: `Kind/name` of the controlling owner, '' when there is none. */
export function controlledBy(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** The way a quantity was written decides how sums of it print (resource.Quantity's Format). */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export function quantityFormat(q: string | number | undefined): QuantityFormat {
  if (typeof q !== 'string') return 'DecimalSI';
  if (/(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(q)) return 'BinarySI';
  if (/[eE][+-]?\d+$/.test(q)) return 'DecimalExponent';
  return 'DecimalSI';
}

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** resource.Quantity.String(): the canonical form of a value in a format (`250m`, `1536Mi`, `2`, `18556039957`). */
export function formatQuantity(value: number, format: QuantityFormat = 'DecimalSI'): string {
  if (value === 0) return '0';
  const milli = Math.round(value * 1000);
  if (milli % 1000 !== 0) {
    // below one unit, or not whole: milli (or smaller) units
    const nano = Math.round(value * 1e9);
    if (nano % 1e6 === 0) return `${nano / 1e6}m`;
    if (nano % 1e3 === 0) return `${nano / 1e3}u`;
    return `${nano}n`;
  }
  let n = milli / 1000;
  if (format === 'BinarySI' && Math.abs(n) >= 1024) {
    let i = 0;
    while (i < BINARY.length - 1 && n % 1024 === 0) {
      n /= 1024;
      i++;
    }
    return `${n}${BINARY[i]}`;
  }
  let i = 0;
  while (i < DECIMAL.length - 1 && n % 1000 === 0) {
    n /= 1000;
    i++;
  }
  return format === 'DecimalExponent' ? (i ? `${n}e${3 * i}` : `${n}`) : `${n}${DECIMAL[i]}`;
}

/** A quantity as written, in its canonical form. */
export function canonicalQuantity(q: string | number | undefined): string {
  const v = parseQuantity(q);
  return v === undefined ? String(q ?? '') : formatQuantity(v, quantityFormat(q));
}

/** Resource names as SortableResourceNames orders them (byte order). */
export function sortedResourceNames(list: Record<string, unknown> | undefined): string[] {
  return Object.keys(list ?? {}).sort(byteCompare);
}

/** labels.Selector.String() of a LabelSelector: requirements sorted by key (`app=web,tier in (a,b)`); '' when empty. */
export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel?.matchExpressions ?? []) {
    const vals = [...new Set(e.values ?? [])].sort(byteCompare).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => byteCompare(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
export function formatSelector(sel: Parameters<typeof selectorString>[0]): string {
  return selectorString(sel) || '<none>';
}

/** storageutil.GetAccessModesAsString: `RWO,ROX,RWX,RWOP`, in that order, without duplicates. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  return [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
    .filter(([m]) => have.has(m))
    .map(([, s]) => s)
    .join(',');
}

/** Go's %v of a []string: `[a b]`. */
export function goList(list: string[] | undefined): string {
  return `[${(list ?? []).join(' ')}]`;
}
