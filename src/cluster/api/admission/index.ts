import type { AdmissionPlugin } from './admissionPlugin.js';
import { NamespaceLifecycle } from './namespaceLifecycle.js';
import { ServiceAccount } from './serviceAccount.js';
import { DefaultTolerationSeconds } from './defaultTolerationSeconds.js';
import { Priority } from './priority.js';
import { CertificateApproval } from './certificateApproval.js';
import { CertificateSubjectRestriction } from './certificateSubjectRestriction.js';

export type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/** kube-apiserver's plugin order: each entry one file in this folder. */
export const admissionPlugins: AdmissionPlugin[] = [
  NamespaceLifecycle,
  ServiceAccount,
  Priority,
  DefaultTolerationSeconds,
  CertificateApproval,
  CertificateSubjectRestriction,
];
