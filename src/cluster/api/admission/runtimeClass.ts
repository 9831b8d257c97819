import { forbidden } from '../status.js';
import { parseQuantity } from '../../meta/quantity.js';
import type { KubeObject } from '../types.js';
import type { StoreDocument } from '../../store/document.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

/** The pod's RuntimeClass, or undefined when it names none; a name that does not exist is refused. */
function runtimeClassOf(attrs: AdmissionAttributes, doc: StoreDocument): KubeObject | undefined {
  const name: string | undefined = attrs.object.spec?.runtimeClassName;
  if (name === undefined || name === null) return undefined;
  const rc = doc.objects['node.k8s.io/runtimeclasses']?.[`/${name}`];
  if (!rc) throw forbidden('pods', '', attrs.name, `pod rejected: RuntimeClass "${name}" not found`);
  return rc;
}

const handles = (attrs: AdmissionAttributes) => attrs.operation === 'CREATE' && !attrs.subresource && attrs.spec.plural === 'pods' && attrs.spec.group === '';

/** apiequality.Semantic.DeepEqual of two resource lists: the same names, each quantity equal in value. */
function sameResources(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && parseQuantity(a[k] as string) === parseQuantity(b[k] as string));
}

const OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";

/** isSuperset: whether toleration ss tolerates everything t does. */
function isSuperset(ss: Toleration, t: Toleration): boolean {
  if (sameToleration(ss, t)) return true;
  if (t.key !== ss.key && (ss.key || ss.operator !== 'Exists')) return false;
  if (t.effect !== ss.effect && ss.effect) return false;
  if (ss.effect === 'NoExecute' && ss.tolerationSeconds !== undefined && (t.tolerationSeconds === undefined || t.tolerationSeconds > ss.tolerationSeconds)) return false;
  if (!ss.operator || ss.operator === 'Equal') return t.operator === 'Equal' && (t.value ?? '') === (ss.value ?? '');
  return ss.operator === 'Exists';
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '') && a.tolerationSeconds === b.tolerationSeconds;
}

/** tolerations.MergeTolerations: both lists, keeping only a superset where one toleration covers another. */
function mergeTolerations(first: Toleration[], second: Toleration[]): Toleration[] {
  const all = [...first, ...second];
  const merged: Toleration[] = [];
  all.forEach((t, i) => {
    if (merged.some((m) => isSuperset(m, t))) return;
    // of two equal tolerations the first is kept
    if (all.slice(i + 1).some((t2) => !sameToleration(t, t2) && isSuperset(t2, t))) return;
    merged.push(t);
  });
  return merged;
}

/**
 * RuntimeClass: a pod naming a RuntimeClass gets the class's overhead (spec.overhead, counted by the
 * scheduler and quota on top of its containers) and its scheduling constraints (nodeSelector merged in,
 * tolerations added); an unknown class, a conflicting nodeSelector, or an overhead the pod set itself
 * that differs from the class's is refused.
 */
export const RuntimeClass = {
  name: 'RuntimeClass',
  mutate(attrs, doc) {
    if (!handles(attrs)) return;
    const rc = runtimeClassOf(attrs, doc);
    if (!rc) return;
    const spec = attrs.object.spec;
    const podFixed = rc.overhead?.podFixed;
    if (rc.overhead) {
      if (Object.keys(spec.overhead ?? {}).length && !sameResources(podFixed, spec.overhead)) throw forbidden('pods', '', attrs.name, OVERHEAD_MISMATCH);
      if (podFixed) spec.overhead = structuredClone(podFixed);
      else delete spec.overhead;
    }
    const scheduling = rc.scheduling;
    if (!scheduling) return;
    const selector: Record<string, string> | undefined = scheduling.nodeSelector;
    if (spec.nodeSelector) {
      for (const [key, value] of Object.entries(selector ?? {})) {
        const podValue = spec.nodeSelector[key];
        if (podValue !== undefined && podValue !== value)
          throw forbidden('pods', '', attrs.name, `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${podValue}`);
        spec.nodeSelector[key] = value;
      }
    } else if (selector) spec.nodeSelector = structuredClone(selector);
    const merged = mergeTolerations(spec.tolerations ?? [], scheduling.tolerations ?? []);
    if (merged.length) spec.tolerations = merged;
    else delete spec.tolerations;
  },
  validate(attrs, doc) {
    if (!handles(attrs)) return;
    const rc = runtimeClassOf(attrs, doc);
    const overhead = attrs.object.spec?.overhead;
    if (!Object.keys(overhead ?? {}).length) return;
    if (!rc?.overhead) throw forbidden('pods', '', attrs.name, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    if (!sameResources(rc.overhead.podFixed, overhead)) throw forbidden('pods', '', attrs.name, OVERHEAD_MISMATCH);
  },
} satisfies AdmissionPlugin;
