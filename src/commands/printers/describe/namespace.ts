import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { byteCompare, canonicalQuantity, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

export const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** DescribeResourceQuotas: every quota of the namespace with its used and hard amounts. */
export function describeResourceQuotas(quotas: KubeObject[], w: PrefixWriter): void {
  if (!quotas.length) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => byteCompare(a.metadata.name ?? '', b.metadata.name ?? ''))) {
    w.write(1, `Name:\t${q.metadata.name}\n`);
    const scopes: string[] = [...(q.spec?.scopes ?? [])].sort(byteCompare);
    if (scopes.length) {
      w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    const hard: Record<string, string> = q.status?.hard ?? {};
    const used: Record<string, string> = q.status?.used ?? {};
    for (const r of Object.keys(hard).sort(byteCompare)) w.write(1, `${r}\t${canonicalQuantity(used[r] ?? '0')}\t${canonicalQuantity(hard[r])}\n`);
  }
}

/** DescribeLimitRanges: one row per limit type and resource; `-` where a bound is not set. */
export function describeLimitRanges(ranges: KubeObject[], w: PrefixWriter): void {
  if (!ranges.length) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) describeLimitRangeSpec(lr, ' ', w);
}

export function describeLimitRangeSpec(lr: KubeObject, prefix: string, w: PrefixWriter): void {
  for (const item of lr.spec?.limits ?? []) {
    const fields = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'];
    const names = new Set<string>();
    for (const f of fields) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    for (const k of [...names].sort(byteCompare)) {
      const v = (f: string) => (item[f]?.[k] !== undefined ? canonicalQuantity(item[f][k]) : '-');
      w.write(0, `${prefix}${item.type}\t${k}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

/** describeNamespace: status, conditions, then its quotas and limit ranges. */
export const namespace: Describer = {
  group: '',
  kind: 'Namespace',
  describe(ns: KubeObject, ctx) {
    const w = new PrefixWriter();
    const name = ns.metadata.name ?? '';
    w.write(0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if (ns.status?.conditions?.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    const list = (kind: string) => {
      const spec = ctx.client.kinds.forKind(kind, '');
      return spec ? ctx.client.list(spec, name).items : undefined;
    };
    const quotas = list('ResourceQuota');
    if (quotas) {
      w.write(0, '\n');
      describeResourceQuotas(quotas, w);
    }
    const ranges = list('LimitRange');
    if (ranges) {
      w.write(0, '\n');
      describeLimitRanges(ranges, w);
    }
    return w.toString();
  },
};
