import type { KindSpec, TableColumn } from '../../cluster/api/resources/kindSpec.js';
import type { KubeObject } from '../../cluster/api/types.js';
import { cleanCell } from './tabwriter.js';

export interface TableOptions {
  wide?: boolean;
  /** add NAMESPACE first (-A on a namespaced kind) */
  withNamespace?: boolean;
  /** prefix every NAME with `<resource>[.<group>]/` (several types in one get) */
  withKind?: boolean;
  /** -L columns */
  labelColumns?: string[];
  showLabels?: boolean;
  noHeaders?: boolean;
  /** --output-watch-events: an EVENT column first */
  eventColumn?: boolean;
}

function createdAt(o: KubeObject): string {
  return o.metadata.creationTimestamp ?? '';
}

/** Kinds without a server printer get NAME and CREATED AT (the API server's default table). */
const defaultTable: NonNullable<KindSpec['table']> = {
  columns: [{ name: 'Name' }, { name: 'Created At', type: 'date' }],
  row: (o) => [o.metadata.name ?? '', createdAt(o)],
};

export function tableFor(spec: KindSpec): NonNullable<KindSpec['table']> {
  return spec.table ?? defaultTable;
}

/** `resource[.group]` as the NAME prefix and `-o name` write it. */
export function kindPrefix(spec: KindSpec): string {
  return spec.group ? `${spec.singular}.${spec.group}` : spec.singular;
}

/** The header row, in kubectl's order: EVENT, NAMESPACE, server columns, -L columns, LABELS. */
export function headerRow(spec: KindSpec, opts: TableOptions): string[] {
  const cols = tableFor(spec).columns.filter((c: TableColumn) => opts.wide || !c.priority);
  const row: string[] = [];
  if (opts.eventColumn) row.push('EVENT');
  if (opts.withNamespace) row.push('NAMESPACE');
  row.push(...cols.map((c) => c.name.toUpperCase()));
  for (const l of opts.labelColumns ?? []) row.push(l.slice(l.lastIndexOf('/') + 1).toUpperCase());
  if (opts.showLabels) row.push('LABELS');
  return row;
}

/** One object's row of cells. */
export function objectRow(spec: KindSpec, obj: KubeObject, now: number, opts: TableOptions, event?: string): string[] {
  const table = tableFor(spec);
  const cells = table.row(obj, now);
  const row: string[] = [];
  if (opts.eventColumn) row.push(event ?? '');
  if (opts.withNamespace) row.push(obj.metadata.namespace ?? '');
  table.columns.forEach((c, i) => {
    if (!opts.wide && c.priority) return;
    let v = String(cells[i] ?? '');
    if (i === 0 && opts.withKind) v = `${kindPrefix(spec)}/${v}`;
    row.push(cleanCell(v));
  });
  const labels = obj.metadata.labels ?? {};
  for (const l of opts.labelColumns ?? []) row.push(labels[l] ?? '');
  if (opts.showLabels) {
    const keys = Object.keys(labels).sort();
    row.push(keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>');
  }
  return row;
}
