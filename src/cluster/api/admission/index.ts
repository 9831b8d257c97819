import type { AdmissionPlugin } from './admissionPlugin.js';
import { NamespaceLifecycle } from './namespaceLifecycle.js';

export type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/** kube-apiserver's plugin order: each entry one file in this folder. */
export const admissionPlugins: AdmissionPlugin[] = [NamespaceLifecycle];
