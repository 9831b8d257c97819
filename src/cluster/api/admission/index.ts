import type { AdmissionPlugin } from './admissionPlugin.js';
import { NamespaceLifecycle } from './namespaceLifecycle.js';
import { LimitRanger } from './limitRanger.js';
import { ServiceAccount } from './serviceAccount.js';
import { NodeRestriction } from './nodeRestriction.js';
import { TaintNodesByCondition } from './taintNodesByCondition.js';
import { PodSecurity } from './podSecurity.js';
import { Priority } from './priority.js';
import { DefaultTolerationSeconds } from './defaultTolerationSeconds.js';
import { DefaultStorageClass } from './defaultStorageClass.js';
import { StorageObjectInUseProtection } from './storageObjectInUseProtection.js';
import { PersistentVolumeClaimResize } from './persistentVolumeClaimResize.js';
import { RuntimeClass } from './runtimeClass.js';
import { CertificateApproval } from './certificateApproval.js';
import { CertificateSubjectRestriction } from './certificateSubjectRestriction.js';
import { DefaultIngressClass } from './defaultIngressClass.js';
import { ResourceQuota } from './resourceQuota.js';

export type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/**
 * kube-apiserver's plugin order (AllOrderedPlugins), each entry one file in this folder: the plugins a
 * kubeadm cluster runs, which are v1.32's defaults plus NodeRestriction (kubeadm's
 * --enable-admission-plugins). Mutating phases run first in this order, then validating ones.
 */
export const admissionPlugins: AdmissionPlugin[] = [
  NamespaceLifecycle,
  LimitRanger,
  ServiceAccount,
  NodeRestriction,
  TaintNodesByCondition,
  PodSecurity,
  Priority,
  DefaultTolerationSeconds,
  DefaultStorageClass,
  StorageObjectInUseProtection,
  PersistentVolumeClaimResize,
  RuntimeClass,
  CertificateApproval,
  CertificateSubjectRestriction,
  DefaultIngressClass,
  ResourceQuota,
];

/** `kubecadet cluster admission enable|disable`, kept in the store like --enable/--disable-admission-plugins. */
export interface AdmissionSettings {
  disabled?: string[];
}

export function findAdmissionPlugin(name: string): AdmissionPlugin | undefined {
  return admissionPlugins.find((p) => p.name === name);
}

export function isAdmissionPluginEnabled(p: AdmissionPlugin, sim: Record<string, unknown>): boolean {
  return !((sim.admission ?? {}) as AdmissionSettings).disabled?.includes(p.name);
}

/** The plugins that run, in order, given the settings kept in the store. */
export function enabledAdmissionPlugins(sim: Record<string, unknown>): AdmissionPlugin[] {
  return admissionPlugins.filter((p) => isAdmissionPluginEnabled(p, sim));
}
