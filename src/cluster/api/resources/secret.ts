import { age } from '../../meta/duration.js';
import { base64ErrorOffset, isConfigMapKey } from './dataKeys.js';
import { badRequest } from '../status.js';
import { forbiddenField, invalid, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';


export const secret = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  defaults(obj) {
    // data is []byte: a value that is not base64 fails the decode, before any validation
    for (const v of Object.values((obj.data ?? {}) as Record<string, unknown>)) {
      const at = typeof v === 'string' ? base64ErrorOffset(v) : undefined;
      if (at !== undefined) throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`);
    }
    obj.type ||= 'Opaque';
    // stringData is write-only: the API server folds it into data, base64-encoded, on decode
    if (obj.stringData && typeof obj.stringData === 'object') {
      obj.data ??= {};
      for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      delete obj.stringData;
    }
  },
  validate(obj, old) {
    // ValidateSecretUpdate checks the type and immutability first, then the Secret itself
    const errs: FieldError[] = [];
    if (old) {
      if (old.type !== obj.type) errs.push(invalid('type', obj.type, 'field is immutable'));
      if (old.immutable === true) {
        if (obj.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
        if (JSON.stringify(old.data ?? {}) !== JSON.stringify(obj.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
      }
    }
    const data: Record<string, string> = obj.data ?? {};
    for (const k of Object.keys(data)) for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
    const type: string = obj.type;
    if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name'])
      errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
    if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data))
      errs.push(required('data[username]'), required('data[password]'));
    // the keys each built-in type must carry (ValidateSecret)
    if (type === 'kubernetes.io/ssh-auth' && !data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'));
    if (type === 'kubernetes.io/dockercfg' && !('.dockercfg' in data)) errs.push(required('data[.dockercfg]'));
    if (type === 'kubernetes.io/dockerconfigjson' && !('.dockerconfigjson' in data)) errs.push(required('data[.dockerconfigjson]'));
    if (type === 'kubernetes.io/tls') for (const k of ['tls.crt', 'tls.key']) if (!(k in data)) errs.push(required(`data[${k}]`));
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
    row: (o, now) => [o.metadata.name!, o.type ?? '', Object.keys(o.data ?? {}).length, age(o.metadata.creationTimestamp, now)],
  },
  fieldSelectors: { type: (o) => o.type ?? '' },
} satisfies KindSpec;
