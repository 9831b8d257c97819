import { age } from '../../meta/duration.js';
import { validateLabelSelector } from './podTemplate.js';
import { invalid, isDNS1123Subdomain, notSupported, required, type FieldError } from '../validation.js';
import type { TableSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

/**
 * What the four RBAC kinds share: PolicyRule and Subject validation, the binding defaults, and the
 * binding table. Each kind is its own file; this one holds their common rules.
 */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function goStrings(v: string[]): string {
  return `[]string{${v.map((s) => JSON.stringify(s)).join(', ')}}`;
}

/** ValidatePolicyRule. */
export function validateRules(rules: any[] | undefined, namespaced: boolean, errs: FieldError[]): void {
  (rules ?? []).forEach((rule, i) => {
    const f = `rules[${i}]`;
    if (!(rule.verbs ?? []).length) errs.push(required(`${f}.verbs`, 'verbs must contain at least one value'));
    const urls: string[] = rule.nonResourceURLs ?? [];
    if (urls.length) {
      if (namespaced) errs.push({ type: 'FieldValueInvalid', field: `${f}.nonResourceURLs`, value: goStrings(urls), detail: 'namespaced rules cannot apply to non-resource URLs' });
      if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length)
        errs.push({
          type: 'FieldValueInvalid',
          field: `${f}.nonResourceURLs`,
          value: goStrings(urls),
          detail: 'rules cannot apply to both regular resources and non-resource URLs',
        });
      return;
    }
    if (!(rule.apiGroups ?? []).length) errs.push(required(`${f}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!(rule.resources ?? []).length) errs.push(required(`${f}.resources`, 'resource rules must supply at least one resource'));
  });
}

/** ValidateAggregationRule for ClusterRoles. */
export function validateAggregationRule(rule: any, errs: FieldError[]): void {
  if (!rule) return;
  const selectors: any[] = rule.clusterRoleSelectors ?? [];
  if (!selectors.length) errs.push(required('aggregationRule.clusterRoleSelectors'));
  selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
}

/** SetDefaults_RoleBinding / _ClusterRoleBinding and SetDefaults_Subject. */
export function defaultBinding(obj: KubeObject): void {
  obj.roleRef ??= {};
  obj.roleRef.apiGroup ||= RBAC_GROUP;
  for (const s of obj.subjects ?? []) {
    if (s.apiGroup) continue;
    // a ServiceAccount's group is the core group, "": stored empty, it is omitted as Go's omitempty omits it
    if (s.kind === 'ServiceAccount') delete s.apiGroup;
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

/** Go's %#v of an rbac.RoleRef, as `cannot change roleRef` prints it. */
function goRoleRef(r: any): string {
  return `rbac.RoleRef{APIGroup:${JSON.stringify(r?.apiGroup ?? '')}, Kind:${JSON.stringify(r?.kind ?? '')}, Name:${JSON.stringify(r?.name ?? '')}}`;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding: the role reference and each subject. */
export function validateBinding(obj: KubeObject, old: KubeObject | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = obj.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const m of pathSegmentErrors(ref.name)) errs.push(invalid('roleRef.name', ref.name, m));
  (obj.subjects ?? []).forEach((s: any, i: number) => {
    const f = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${f}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(invalid(`${f}.name`, s.name, m));
        if ((s.apiGroup ?? '') !== '') errs.push(notSupported(`${f}.apiGroup`, s.apiGroup, ['']));
        if (!namespaced && !s.namespace) errs.push(required(`${f}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${f}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(`${f}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  if (old && JSON.stringify(old.roleRef) !== JSON.stringify(obj.roleRef))
    errs.push({ type: 'FieldValueInvalid', field: 'roleRef', value: goRoleRef(obj.roleRef), detail: 'cannot change roleRef' });
  return errs;
}

/** path.ValidatePathSegmentName: what RBAC names must avoid. */
export function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  for (const c of ['/', '%']) if (name.includes(c)) return [`may not contain '${c}'`];
  return [];
}

/** rbac.SubjectsStrings: user names, group names and `namespace/name` service accounts. */
function subjects(o: KubeObject, kind: string): string {
  return ((o.subjects ?? []) as any[])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' && s.namespace ? `${s.namespace}/${s.name}` : s.name))
    .join(', ');
}

export const bindingTable: TableSpec = {
  columns: [
    { name: 'Name' },
    { name: 'Role' },
    { name: 'Age' },
    { name: 'Users', priority: 1 },
    { name: 'Groups', priority: 1 },
    { name: 'ServiceAccounts', priority: 1 },
  ],
  row: (o, now) => [
    o.metadata.name!,
    `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`,
    age(o.metadata.creationTimestamp, now),
    subjects(o, 'User'),
    subjects(o, 'Group'),
    subjects(o, 'ServiceAccount'),
  ],
};
