import { newest } from './defaultStorageClass.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

/**
 * DefaultIngressClass: a new Ingress that names no class (neither spec.ingressClassName nor the old
 * `kubernetes.io/ingress.class` annotation) gets the IngressClass marked
 * `ingressclass.kubernetes.io/is-default-class: "true"`.
 */
export const DefaultIngressClass = {
  name: 'DefaultIngressClass',
  mutate(attrs, doc) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || attrs.spec.kind !== 'Ingress' || attrs.spec.group !== 'networking.k8s.io') return;
    const spec = (attrs.object.spec ??= {});
    if (spec.ingressClassName || attrs.object.metadata.annotations?.['kubernetes.io/ingress.class']) return;
    const defaults = Object.values(doc.objects['networking.k8s.io/ingressclasses'] ?? {}).filter(
      (c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
    );
    const def = newest(defaults);
    if (def) spec.ingressClassName = def.metadata.name;
  },
} satisfies AdmissionPlugin;
