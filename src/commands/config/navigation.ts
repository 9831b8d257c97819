import type { KubeconfigDoc } from '../../cluster/home.js';
import { CommandError } from '../util/errors.js';

/*
 * `config set` and `config unset` walk a dot-separated PROPERTY_NAME through clientcmd's internal Config
 * type (navigation_step_parser.go and modifyConfig in set.go), here over kubecadet's kubeconfig document.
 * Field names are the internal type's JSON names (`act-as`, where the file says `as`).
 */

type FieldType = 'string' | 'bool' | 'bytes' | 'stringSlice' | 'other' | Struct | MapOf;
interface Field {
  json: string;
  type: FieldType;
  /** the key in the kubeconfig file, when it differs from the internal type's */
  stored?: string;
  /** omitempty: left out of the file when empty */
  omitempty?: boolean;
}
interface Struct {
  name: string;
  fields: Field[];
}
interface MapOf {
  /** the list in the file and the key each entry keeps its value under */
  list: 'clusters' | 'users' | 'contexts';
  inner: 'cluster' | 'user' | 'context';
  value: Struct;
}

const extensions: Field = { json: 'extensions', type: 'other', omitempty: true };
const origin: Field = { json: '-', type: 'string' };
const cluster: Struct = {
  name: 'api.Cluster',
  fields: [
    origin,
    { json: 'server', type: 'string' },
    { json: 'tls-server-name', type: 'string', omitempty: true },
    { json: 'insecure-skip-tls-verify', type: 'bool', omitempty: true },
    { json: 'certificate-authority', type: 'string', omitempty: true },
    { json: 'certificate-authority-data', type: 'bytes', omitempty: true },
    { json: 'proxy-url', type: 'string', omitempty: true },
    { json: 'disable-compression', type: 'bool', omitempty: true },
    extensions,
  ],
};
const authInfo: Struct = {
  name: 'api.AuthInfo',
  fields: [
    origin,
    { json: 'client-certificate', type: 'string', omitempty: true },
    { json: 'client-certificate-data', type: 'bytes', omitempty: true },
    { json: 'client-key', type: 'string', omitempty: true },
    { json: 'client-key-data', type: 'bytes', omitempty: true },
    { json: 'token', type: 'string', omitempty: true },
    { json: 'tokenFile', type: 'string', omitempty: true },
    { json: 'act-as', type: 'string', stored: 'as', omitempty: true },
    { json: 'act-as-uid', type: 'string', stored: 'as-uid', omitempty: true },
    { json: 'act-as-groups', type: 'stringSlice', stored: 'as-groups', omitempty: true },
    { json: 'act-as-user-extra', type: 'other', stored: 'as-user-extra', omitempty: true },
    { json: 'username', type: 'string', omitempty: true },
    { json: 'password', type: 'string', omitempty: true },
    { json: 'auth-provider', type: 'other', omitempty: true },
    { json: 'exec', type: 'other', omitempty: true },
    extensions,
  ],
};
const context: Struct = {
  name: 'api.Context',
  fields: [origin, { json: 'cluster', type: 'string' }, { json: 'user', type: 'string' }, { json: 'namespace', type: 'string', omitempty: true }, extensions],
};
const preferences: Struct = { name: 'api.Preferences', fields: [{ json: 'colors', type: 'bool', omitempty: true }, extensions] };
const config: Struct = {
  name: 'api.Config',
  fields: [
    { json: 'kind', type: 'string', omitempty: true },
    { json: 'apiVersion', type: 'string', omitempty: true },
    { json: 'preferences', type: preferences },
    { json: 'clusters', type: { list: 'clusters', inner: 'cluster', value: cluster } },
    { json: 'users', type: { list: 'users', inner: 'user', value: authInfo } },
    { json: 'contexts', type: { list: 'contexts', inner: 'context', value: context } },
    { json: 'current-context', type: 'string' },
    extensions,
  ],
};

interface Step {
  value: string;
  type: FieldType;
}

const isStruct = (t: FieldType): t is Struct => typeof t === 'object' && 'fields' in t;
const isMap = (t: FieldType): t is MapOf => typeof t === 'object' && 'list' in t;

/**
 * Go prints the reflect.Type inside a navigationStep as a pointer: an address of the kind Go's
 * allocator hands out, which differs from run to run there too.
 */
let nextAddress = 0x256080;
const address = () => `0xc000${(nextAddress += 0x80).toString(16)}`;
const stepsText = (steps: Step[]) => `[${steps.map((s) => `{${s.value} ${address()}}`).join(' ')}]`;

/** newNavigationSteps: a map key runs up to the first part that names a field of the map's value type. */
export function navigationSteps(path: string): Step[] {
  const steps: Step[] = [];
  const parts = path.split('.');
  let type: FieldType = config;
  let i = 0;
  while (i < parts.length) {
    if (isMap(type)) {
      const names = new Set(type.value.fields.map((f) => f.json));
      const known = parts.slice(i + 1).findIndex((p) => names.has(p));
      const n = known < 0 ? parts.length - i : known + 1;
      steps.push({ value: parts.slice(i, i + n).join('.'), type: type.value });
      i += n;
      type = type.value;
    } else if (isStruct(type)) {
      const field: Field | undefined = type.fields.find((f) => f.json === parts[i]);
      if (!field) throw new CommandError(`error: unable to parse ${path} after ${stepsText(steps)} at ${type.name}`);
      steps.push({ value: parts[i], type: field.type });
      i += 1;
      type = field.type;
    } else throw new CommandError(`error: unable to parse one or more field values of ${path}`);
  }
  return steps;
}

type Obj = Record<string, unknown>;

/** Go's %v of a map of pointers: `map[a:0xc000256100 b:0xc000256180]`, keys sorted. */
function goMap(entries: { name: string }[]): string {
  return `map[${entries
    .map((e) => e.name)
    .sort()
    .map((k) => `${k}:${address()}`)
    .join(' ')}]`;
}

/** base64.StdEncoding.DecodeString's refusal: the offset of the first byte it cannot take. */
function decodeBase64(s: string): Buffer {
  const bad = s.search(/[^A-Za-z0-9+/=]/);
  const pad = s.indexOf('=');
  let at = bad;
  if (at < 0 && pad >= 0 && (s.slice(pad).replace(/=/g, '') !== '' || s.length % 4 !== 0)) at = pad;
  if (at < 0 && s.length % 4 !== 0) at = s.length - (s.length % 4);
  if (at >= 0) throw new CommandError(`error: error decoding input value: illegal base64 data at input byte ${at}`);
  return Buffer.from(s, 'base64');
}

/** strconv.ParseBool, as toBool calls it (an empty value is false). */
function parseBool(v: string): boolean {
  if (v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new CommandError(`error: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** Sets (or with `unset`, clears) the property the steps lead to, in place. */
export function modifyConfig(cfg: KubeconfigDoc, steps: Step[], value: string, unset: boolean, rawBytes: boolean): void {
  const doc = cfg as unknown as Obj;
  const walkStruct = (obj: Obj, type: Struct, at: number): void => {
    const step = steps[at];
    const field: Field | undefined = type.fields.find((f) => f.json === step?.value);
    if (!field) throw new CommandError(`error: unable to locate path config.navigationStep{stepValue:"", stepType:reflect.Type(nil)} under ${type.name}`);
    const key = field.stored ?? field.json;
    const last = at === steps.length - 1;
    if (isMap(field.type)) {
      const list = (doc[field.type.list] as { name: string }[] | undefined) ?? [];
      doc[field.type.list] = list;
      if (last && unset) {
        doc[field.type.list] = [];
        return;
      }
      return walkMap(field.type, at + 1);
    }
    if (last && unset) {
      // the field's zero value: omitempty fields leave the file, the others stay empty
      if (isStruct(field.type)) obj[key] = {};
      else if (field.omitempty) delete obj[key];
      else obj[key] = '';
      return;
    }
    if (isStruct(field.type)) {
      obj[key] = (obj[key] as Obj | undefined) ?? {};
      if (last) throw new CommandError(`error: unable to locate path config.navigationStep{stepValue:"", stepType:reflect.Type(nil)} under {${obj[key] && (obj[key] as Obj).colors === true} map[]}`);
      return walkStruct(obj[key] as Obj, field.type, at + 1);
    }
    if (!last) {
      const rest = `&{${stepsText(steps)} ${at + 1}}`;
      if (field.type === 'string') throw new CommandError(`error: can't have more steps after a string. ${rest}`);
      if (field.type === 'bool') throw new CommandError(`error: can't have more steps after a bool. ${rest}`);
      if (field.type === 'bytes') throw new CommandError(`error: can't have more steps after bytes. ${rest}`);
    }
    switch (field.type) {
      case 'string':
        // kind and apiVersion are written as v1 Config whatever they are set to
        if (type === config && (key === 'kind' || key === 'apiVersion')) return;
        obj[key] = value;
        return;
      case 'bool': {
        const b = parseBool(value);
        if (b || !field.omitempty) obj[key] = b;
        else delete obj[key];
        return;
      }
      case 'bytes': {
        const bytes = rawBytes ? Buffer.from(value) : decodeBase64(value);
        if (bytes.length) obj[key] = bytes.toString('base64');
        else delete obj[key];
        return;
      }
      case 'stringSlice':
        throw new CommandError('error: unrecognized slice type. string');
      default:
        throw new CommandError(`error: unable to parse one or more field values of ${steps.map((s) => s.value).join('.')}`);
    }
  };
  const walkMap = (type: MapOf, at: number): void => {
    const list = doc[type.list] as { name: string; [k: string]: unknown }[];
    const step = steps[at];
    if (!step && !unset) throw new CommandError(`error: can't set a map to a value: ${goMap(list)}`);
    if (!step) return;
    const last = at === steps.length - 1;
    if (last && !unset) throw new CommandError(`error: can't set a map to a value: ${goMap(list)}`);
    if (last && unset) {
      doc[type.list] = list.filter((e) => e.name !== step.value);
      return;
    }
    let entry = list.find((e) => e.name === step.value);
    if (!entry) {
      if (unset) throw new CommandError(`error: current map key \`${step.value}\` is invalid`);
      // a new entry holds its type's zero value: the fields without omitempty, empty
      const zero: Obj = {};
      for (const f of type.value.fields) if (!f.omitempty && f.json !== '-') zero[f.stored ?? f.json] = '';
      entry = { name: step.value, [type.inner]: zero };
      list.push(entry);
    }
    walkStruct(entry[type.inner] as Obj, type.value, at + 1);
  };
  walkStruct(doc, config, 0);
}
