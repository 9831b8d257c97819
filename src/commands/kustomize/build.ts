import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../cluster/api/types.js';
import { jsonPatch } from '../../cluster/api/patch.js';
import { strategicMerge } from '../../cluster/api/strategicMerge.js';
import { parseLabelSelector, matchesRequirements } from '../../cluster/meta/selectors.js';
import { configMapHash, secretHash } from '../create/hash.js';
import {
  CLUSTER_SCOPED,
  COMMON_ANNOTATIONS,
  IMAGES,
  METADATA_LABELS,
  NAME_REFERENCES,
  REPLICAS,
  SELECTOR_LABELS,
  type FieldSpec,
} from './fieldSpecs.js';

/**
 * `kubectl kustomize DIR` (kustomize v5 as kubectl v1.32 embeds it): resources from files and other
 * kustomizations, ConfigMap and Secret generators, then the built-in transformers in kustomize's order
 * (patches, namespace, prefix/suffix, labels, annotations, JSON 6902 patches, replicas, images), and last
 * the generated names' hashes and the references to renamed objects. Nothing here touches a cluster.
 */
export class KustomizeError extends Error {}

export interface Kustomized {
  objects: KubeObject[];
  /** kustomize's deprecation notes, printed to stderr as `# Warning: ...` */
  warnings: string[];
}

/** An object in the build, with every name it has had, so later references to an old name can follow it. */
interface Res {
  obj: KubeObject;
  names: string[];
  namespaces: (string | undefined)[];
  /** generated, and still waiting for its content hash */
  needsHash?: boolean;
  /** where it came from, for kustomize's messages */
  source: string;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'buildMetadata',
  'sortOptions',
]);

const DEPRECATED: Record<string, string> = {
  commonLabels: 'labels',
  patchesStrategicMerge: 'patches',
  patchesJson6902: 'patches',
  bases: 'resources',
};

function groupOf(obj: KubeObject): string {
  const v = String(obj.apiVersion ?? '');
  return v.includes('/') ? v.split('/')[0] : '';
}

function versionOf(obj: KubeObject): string {
  return String(obj.apiVersion ?? '').split('/').pop() ?? '';
}

/** kustomize's resource id in messages: `Deployment.v1.apps/web.[noNs]`. */
function resId(obj: KubeObject): string {
  const g = groupOf(obj);
  return `${obj.kind}.${versionOf(obj)}${g ? `.${g}` : ''}/${obj.metadata?.name}.${obj.metadata?.namespace ?? '[noNs]'}`;
}

function selects(spec: FieldSpec, obj: KubeObject): boolean {
  return (!spec.kind || spec.kind === obj.kind) && (spec.group === undefined || spec.group === groupOf(obj));
}

/** Visits the field at `path` (`a/b[]/c`) in obj, creating maps on the way when `create` allows it. */
function visit(obj: any, parts: string[], create: boolean, fn: (parent: any, key: string) => void): void {
  if (obj === null || typeof obj !== 'object') return;
  const [head, ...rest] = parts;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (!rest.length) {
    if (key in obj || create) fn(obj, key);
    return;
  }
  if (list) {
    if (Array.isArray(obj[key])) for (const item of obj[key]) visit(item, rest, create, fn);
    return;
  }
  if (!(key in obj) || obj[key] === null) {
    if (!create) return;
    obj[key] = {};
  }
  visit(obj[key], rest, create, fn);
}

function applySpecs(res: Res[], specs: FieldSpec[], fn: (parent: any, key: string, r: Res) => void, create = true): void {
  for (const r of res) for (const s of specs) if (selects(s, r.obj)) visit(r.obj, s.path.split('/'), create && !!s.create, (p, k) => fn(p, k, r));
}

function setMap(values: Record<string, string>) {
  return (parent: any, key: string) => {
    parent[key] = { ...(parent[key] ?? {}), ...values };
  };
}

// ---------------------------------------------------------------- reading

function readKustomization(dir: string): Record<string, any> {
  const file = KUSTOMIZATION_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const k = (parse(fs.readFileSync(file, 'utf8')) ?? {}) as Record<string, any>;
  for (const key of Object.keys(k)) if (!FIELDS.has(key)) throw new KustomizeError(`invalid Kustomization: json: unknown field ${JSON.stringify(key)}`);
  return k;
}

function decodeFile(file: string, shown: string): Res[] {
  const out: Res[] = [];
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj) continue;
    const items = obj.kind === 'List' && Array.isArray(obj.items) ? (obj.items as KubeObject[]) : [obj];
    for (const o of items) out.push({ obj: o, names: [String(o.metadata?.name ?? '')], namespaces: [o.metadata?.namespace], source: shown });
  }
  return out;
}

function add(all: Res[], more: Res[], entry: string, file: string): void {
  for (const r of more) {
    const clash = all.find((a) => resId(a.obj) === resId(r.obj));
    if (clash)
      throw new KustomizeError(
        `accumulating resources: accumulation err='merging resources from '${entry}': may not add resource with an already registered id: ${resId(r.obj)}': must build at directory: '${file}': file is not directory`,
      );
    all.push(r);
  }
}

function accumulate(dir: string, k: Record<string, any>, warnings: string[]): Res[] {
  const all: Res[] = [];
  for (const entry of [...(k.bases ?? []), ...(k.resources ?? [])] as string[]) {
    const p = path.resolve(dir, entry);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      const why = `evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`;
      throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${why}': must build at directory: not a valid directory: ${why}`);
    }
    if (st.isDirectory()) add(all, build(p, warnings), entry, p);
    else add(all, decodeFile(p, entry), entry, p);
  }
  return all;
}

// ---------------------------------------------------------------- generators

/** An env file's line as kustomize reads it: `KEY=VALUE`; blank lines and `#` comments say nothing. */
function parseEnvLine(line: string): [string, string] | undefined {
  const text = line.replace(/\r$/, '');
  if (!text.trim() || text.trimStart().startsWith('#')) return undefined;
  const eq = text.indexOf('=');
  if (eq < 0) return [text.trim(), process.env[text.trim()] ?? ''];
  return [text.slice(0, eq).trimStart(), text.slice(eq + 1)];
}

interface GeneratorArgs {
  name: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string>; immutable?: boolean };
}

function generatedData(dir: string, g: GeneratorArgs): Record<string, string> {
  const data: Record<string, string> = {};
  for (const env of [...(g.envs ?? []), ...(g.env ? [g.env] : [])])
    for (const line of fs.readFileSync(path.resolve(dir, env), 'utf8').split('\n')) {
      const kv = parseEnvLine(line);
      if (kv) data[kv[0]] = kv[1];
    }
  for (const f of g.files ?? []) {
    const eq = f.indexOf('=');
    const [key, file] = eq > 0 ? [f.slice(0, eq), f.slice(eq + 1)] : [path.basename(f), f];
    data[key] = fs.readFileSync(path.resolve(dir, file), 'utf8');
  }
  for (const l of g.literals ?? []) {
    const eq = l.indexOf('=');
    let v = l.slice(eq + 1);
    if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) v = v.slice(1, -1);
    data[l.slice(0, eq)] = v;
  }
  return data;
}

function generate(dir: string, k: Record<string, any>, res: Res[]): void {
  const opts = k.generatorOptions ?? {};
  const run = (kind: 'ConfigMap' | 'Secret', g: GeneratorArgs) => {
    const data = generatedData(dir, g);
    const labels = { ...(opts.labels ?? {}), ...(g.options?.labels ?? {}) };
    const annotations = { ...(opts.annotations ?? {}), ...(g.options?.annotations ?? {}) };
    const hash = !(g.options?.disableNameSuffixHash ?? opts.disableNameSuffixHash);
    const metadata: Record<string, unknown> = { name: g.name };
    if (g.namespace) metadata.namespace = g.namespace;
    if (Object.keys(labels).length) metadata.labels = labels;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    const obj: KubeObject = { apiVersion: 'v1', kind, metadata } as KubeObject;
    if (kind === 'Secret') {
      obj.type = g.type ?? 'Opaque';
      obj.data = Object.fromEntries(Object.entries(data).map(([key, v]) => [key, Buffer.from(v).toString('base64')]));
    } else obj.data = data;
    if (g.options?.immutable ?? opts.immutable) obj.immutable = true;
    const existing = res.find((r) => r.obj.kind === kind && r.names.includes(g.name) && (!g.namespace || r.obj.metadata.namespace === g.namespace));
    const behavior = g.behavior ?? 'create';
    if (behavior === 'create') {
      if (existing) throw new KustomizeError(`merging from generator ${kind.toLowerCase()}/${g.name}: id ${resId(obj)} exists; behavior must be merge or replace`);
      res.push({ obj, names: [g.name], namespaces: [g.namespace], needsHash: hash, source: 'generator' });
      return;
    }
    if (!existing) throw new KustomizeError(`id ${resId(obj)} does not exist; cannot merge or replace`);
    existing.obj.data = behavior === 'merge' ? { ...(existing.obj.data ?? {}), ...obj.data } : obj.data;
    if (Object.keys(labels).length) existing.obj.metadata.labels = { ...(existing.obj.metadata.labels ?? {}), ...labels };
    if (Object.keys(annotations).length) existing.obj.metadata.annotations = { ...(existing.obj.metadata.annotations ?? {}), ...annotations };
    existing.needsHash = existing.needsHash && hash;
  };
  for (const g of (k.configMapGenerator ?? []) as GeneratorArgs[]) run('ConfigMap', g);
  for (const g of (k.secretGenerator ?? []) as GeneratorArgs[]) run('Secret', g);
}

// ---------------------------------------------------------------- patches

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

const anchored = (re: string) => new RegExp(`^(?:${re})$`);

function matchesTarget(r: Res, t: Target): boolean {
  const o = r.obj;
  if (t.kind && !anchored(t.kind).test(o.kind)) return false;
  if (t.group !== undefined && t.group !== groupOf(o)) return false;
  if (t.version && t.version !== versionOf(o)) return false;
  if (t.name && !r.names.some((n) => anchored(t.name!).test(n))) return false;
  if (t.namespace && !r.namespaces.some((n) => n === t.namespace)) return false;
  if (t.labelSelector && !matchesRequirements(o.metadata?.labels ?? {}, parseLabelSelector(t.labelSelector))) return false;
  if (t.annotationSelector && !matchesRequirements(o.metadata?.annotations ?? {}, parseLabelSelector(t.annotationSelector))) return false;
  return true;
}

function patchText(dir: string, p: { path?: string; patch?: string }): string {
  return p.path !== undefined ? fs.readFileSync(path.resolve(dir, p.path), 'utf8') : String(p.patch ?? '');
}

function applyStrategic(res: Res[], patch: KubeObject, targets: Res[]): void {
  for (const r of targets) {
    if (patch.$patch === 'delete') {
      res.splice(res.indexOf(r), 1);
      continue;
    }
    const { metadata, ...rest } = patch;
    const keep = { name: r.obj.metadata.name, namespace: r.obj.metadata.namespace };
    const merged = strategicMerge(r.obj, { ...rest, metadata: { ...(metadata ?? {}), ...keep } }, { group: groupOf(r.obj) }) as KubeObject;
    if (!keep.namespace) delete merged.metadata.namespace;
    r.obj = merged;
  }
}

function applyPatches(dir: string, k: Record<string, any>, res: Res[]): void {
  const strategic = (doc: KubeObject, target?: Target) => {
    const targets = target ? res.filter((r) => matchesTarget(r, target)) : res.filter((r) => matchesTarget(r, { kind: doc.kind, name: doc.metadata?.name, namespace: doc.metadata?.namespace }));
    if (!target && !targets.length)
      throw new KustomizeError(`no resource matches strategic merge patch "${resId(doc)}": no matches for Id ${resId(doc)}; failed to find unique target for patch ${resId(doc)}`);
    applyStrategic(res, doc, targets);
  };
  for (const p of (k.patchesStrategicMerge ?? []) as string[]) {
    const text = p.includes('\n') || !fs.existsSync(path.resolve(dir, p)) ? p : fs.readFileSync(path.resolve(dir, p), 'utf8');
    for (const doc of parseAllDocuments(text)) if (doc.toJS()) strategic(doc.toJS() as KubeObject);
  }
  for (const p of (k.patches ?? []) as { path?: string; patch?: string; target?: Target }[]) {
    const value = parse(patchText(dir, p));
    if (Array.isArray(value)) {
      if (!p.target) throw new KustomizeError('unable to apply patch: no target specified for JSON patch');
      for (const r of res.filter((x) => matchesTarget(x, p.target!))) r.obj = jsonPatch(r.obj, value) as unknown as KubeObject;
    } else if (value) strategic(value as KubeObject, p.target);
  }
}

function applyJson6902(dir: string, k: Record<string, any>, res: Res[]): void {
  for (const p of (k.patchesJson6902 ?? []) as { path?: string; patch?: string; target: Target }[]) {
    const ops = parse(patchText(dir, p));
    for (const r of res.filter((x) => matchesTarget(x, p.target))) r.obj = jsonPatch(r.obj, ops) as unknown as KubeObject;
  }
}

// ---------------------------------------------------------------- transformers

function rename(r: Res, name: string): void {
  r.obj.metadata.name = name;
  if (r.names[r.names.length - 1] !== name) r.names.push(name);
}

function transform(dir: string, k: Record<string, any>, res: Res[]): void {
  applyPatches(dir, k, res);
  if (k.namespace) {
    const ns = String(k.namespace);
    for (const r of res) {
      if (r.obj.kind === 'Namespace') rename(r, ns);
      else if (!CLUSTER_SCOPED.has(r.obj.kind)) {
        r.obj.metadata.namespace = ns;
        r.namespaces.push(ns);
      }
      if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding')
        for (const s of r.obj.subjects ?? []) if (s.name === 'default' && s.kind === 'ServiceAccount') s.namespace = ns;
    }
  }
  const prefix = String(k.namePrefix ?? '');
  const suffix = String(k.nameSuffix ?? '');
  if (prefix || suffix)
    for (const r of res) if (!['CustomResourceDefinition', 'APIService', 'Namespace'].includes(r.obj.kind)) rename(r, `${prefix}${r.obj.metadata.name}${suffix}`);
  if (k.commonLabels) applySpecs(res, [...METADATA_LABELS, ...SELECTOR_LABELS], setMap(k.commonLabels));
  for (const l of (k.labels ?? []) as { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[]) {
    const specs = l.includeSelectors ? [...METADATA_LABELS, ...SELECTOR_LABELS] : l.includeTemplates ? METADATA_LABELS : [METADATA_LABELS[0]];
    applySpecs(res, specs, setMap(l.pairs ?? {}));
  }
  if (k.commonAnnotations) applySpecs(res, COMMON_ANNOTATIONS, setMap(k.commonAnnotations));
  applyJson6902(dir, k, res);
  for (const rep of (k.replicas ?? []) as { name: string; count: number }[])
    applySpecs(res.filter((r) => r.names.includes(rep.name)), REPLICAS, (p, key) => (p[key] = rep.count));
  for (const img of (k.images ?? []) as { name: string; newName?: string; newTag?: string; digest?: string }[])
    applySpecs(res, IMAGES, (p, key) => (p[key] = retag(String(p[key]), img)), false);
}

/** The image transformer: `nginx:1.25` with `{name: nginx, newTag: "1.27"}` becomes `nginx:1.27`. */
function retag(image: string, img: { name: string; newName?: string; newTag?: string; digest?: string }): string {
  const at = image.indexOf('@');
  let rest = at >= 0 ? image.slice(0, at) : image;
  let digest = at >= 0 ? image.slice(at + 1) : '';
  const colon = rest.lastIndexOf(':');
  let tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : '';
  let name = tag ? rest.slice(0, colon) : rest;
  if (name !== img.name) return image;
  if (img.newName) name = img.newName;
  if (img.newTag !== undefined) {
    tag = String(img.newTag);
    digest = '';
  }
  if (img.digest) {
    digest = img.digest;
    tag = '';
  }
  rest = name + (tag ? `:${tag}` : '');
  return rest + (digest ? `@${digest}` : '');
}

// ---------------------------------------------------------------- the last steps

function addHashes(res: Res[]): void {
  for (const r of res) {
    if (!r.needsHash) continue;
    const o = r.obj;
    // kustomize's hasher looks the name up as one field called `metadata/name`, finds none, and hashes ''
    const hash = o.kind === 'Secret' ? secretHash('', o.type ?? 'Opaque', o.data ?? {}) : configMapHash('', o.data ?? {}, o.binaryData ?? {});
    rename(r, `${o.metadata.name}-${hash}`);
    r.needsHash = false;
  }
}

function fixReferences(res: Res[]): void {
  for (const { kind, referrers } of NAME_REFERENCES) {
    const targets = res.filter((r) => r.obj.kind === kind && r.names.length > 1);
    if (!targets.length) continue;
    applySpecs(
      res,
      referrers,
      (parent, key, referrer) => {
        const old = parent[key];
        if (typeof old !== 'string') return;
        // a reference that says its kind (roleRef, subjects, scaleTargetRef) must name this kind
        if (typeof parent.kind === 'string' && parent.kind !== kind) return;
        // a subject names its ServiceAccount's namespace itself (none or `default` for one that had none)
        const subject = kind === 'ServiceAccount' && typeof parent.kind === 'string';
        const ns = subject ? parent.namespace : referrer.obj.metadata?.namespace;
        const hit = targets.find(
          (t) =>
            t.names.includes(old) &&
            (CLUSTER_SCOPED.has(kind) || (subject && (ns === undefined || (ns === 'default' && t.namespaces.includes(undefined)))) || t.obj.metadata.namespace === ns || t.namespaces.includes(ns)),
        );
        if (!hit) return;
        parent[key] = hit.obj.metadata.name;
        if (subject && hit.obj.metadata.namespace) parent.namespace = hit.obj.metadata.namespace;
      },
      false,
    );
  }
}

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrder(kind: string): number {
  const i = ORDER_FIRST.indexOf(kind);
  if (i >= 0) return i - ORDER_FIRST.length;
  const j = ORDER_LAST.indexOf(kind);
  return j >= 0 ? j + 1 : 0;
}

function gvkString(o: KubeObject): string {
  return [groupOf(o) || '~G', versionOf(o) || '~V', o.kind || '~K'].join('_');
}

/** kustomize's legacy sort: Namespaces first, webhooks last, then by group/version/kind, namespace and name. */
function legacyOrder(a: KubeObject, b: KubeObject): number {
  if (gvkString(a) !== gvkString(b)) {
    const d = typeOrder(a.kind) - typeOrder(b.kind);
    if (d) return d;
    const [x, y] = [gvkString(a), gvkString(b)];
    return x < y ? -1 : 1;
  }
  const id = (o: KubeObject) => `${o.metadata?.namespace || '~X'}|${o.metadata?.name || '~N'}`;
  return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
}

/** One kustomization, with what its resources bring: resources, generators, transformers. */
function build(dir: string, warnings: string[]): Res[] {
  const k = readKustomization(dir);
  for (const [field, instead] of Object.entries(DEPRECATED))
    if (k[field] !== undefined) {
      const w = `# Warning: '${field}' is deprecated. Please use '${instead}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.`;
      if (!warnings.includes(w)) warnings.push(w);
    }
  const res = accumulate(dir, k, warnings);
  generate(dir, k, res);
  transform(dir, k, res);
  return res;
}

export function kustomize(dir: string): Kustomized {
  const warnings: string[] = [];
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${abs}: no such file or directory`);
  }
  if (!st.isDirectory()) throw new KustomizeError(`must build at directory: '${abs}': file is not directory`);
  const res = build(abs, warnings);
  addHashes(res);
  fixReferences(res);
  return { objects: res.map((r) => r.obj).sort(legacyOrder), warnings };
}
