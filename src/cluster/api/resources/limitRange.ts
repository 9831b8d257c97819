import { decodeQuantities } from './quantities.js';
import { notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];
const BOUNDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

/** LimitRange has no server-side printer: `get` shows NAME and CREATED AT. */
export const limitRange = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  shortNames: ['limits'],
  namespaced: true,
  defaults(obj) {
    // SetDefaults_LimitRangeItem: a container's default limit falls back to max, its default request to the limit, then to min
    for (const item of obj.spec?.limits ?? []) {
      decodeQuantities('LimitRange', 'v1', BOUNDS.map((b) => item[b]));
      if (item.type !== 'Container') continue;
      const def: Record<string, unknown> = { ...item.default };
      const defReq: Record<string, unknown> = { ...item.defaultRequest };
      for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
      for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
      for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
      if (Object.keys(def).length) item.default = def;
      if (Object.keys(defReq).length) item.defaultRequest = defReq;
    }
  },
  validate(obj) {
    const errs: FieldError[] = [];
    (obj.spec?.limits ?? []).forEach((item: any, i: number) => {
      const f = `spec.limits[${i}]`;
      if (!item.type) errs.push(required(`${f}.type`));
      else if (!TYPES.includes(item.type)) errs.push(notSupported(`${f}.type`, item.type, TYPES));
    });
    return errs;
  },
} satisfies KindSpec;
