import type { StoreDocument } from '../../store/document.js';
import type { KindSpec } from '../resources/kindSpec.js';
import type { KubeObject } from '../types.js';
import type { UserInfo } from '../authz/identity.js';

export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  spec: KindSpec;
  /** the incoming object (mutable in `mutate`); for DELETE the stored one */
  object: KubeObject;
  oldObject?: KubeObject;
  namespace?: string;
  name: string;
  user?: string;
  /** the requester as authentication found it (groups included) */
  userInfo?: UserInfo;
  /** receives warnings for the client (`Warning: ...` in kubectl) */
  warnings?: string[];
  /** a write to a subresource (`approval`); unset for the object itself */
  subresource?: string;
  /** the API server's random source (seeded in tests), for names plugins generate */
  random?: () => number;
  /** the API server's clock at the request, in ms */
  now?: number;
  /** annotations for the request's audit event (PodSecurity's audit mode); `kubecadet trace` shows them */
  auditAnnotations?: Record<string, string>;
}

/** An admission plugin as kube-apiserver registers it: mutating first, then validating, in registry order. */
export interface AdmissionPlugin {
  /** the plugin's name as --enable-admission-plugins knows it */
  name: string;
  /** may change attrs.object; throws a StatusError to refuse */
  mutate?(attrs: AdmissionAttributes, doc: StoreDocument): void;
  /** throws a StatusError to refuse */
  validate?(attrs: AdmissionAttributes, doc: StoreDocument): void;
}
