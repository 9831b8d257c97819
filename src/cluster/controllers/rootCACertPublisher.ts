import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

/** A stand-in for the cluster CA bundle: a certificate's shape, not a real key. */
const CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIU3ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV
BAMTCmt1YmVybmV0ZXMwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAwMDAwWjAV
MRMwEQYDVQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB
CgKCAQEAa3ViZWNhZGV0IHNpbXVsYXRlZCBjbHVzdGVyIENBIC0gbm90IGEgcmVh
bCBrZXkga3ViZWNhZGV0IHNpbXVsYXRlZCBjbHVzdGVyIENBIC0gbm90IGEgcmVh
-----END CERTIFICATE-----
`;

/** root-ca-certificate-publisher: every namespace gets the ConfigMap kube-root-ca.crt. */
export const rootCACertPublisher = {
  name: 'root-ca-certificate-publisher-controller',
  aliases: ['root-ca-cert-publisher'],
  user: 'system:serviceaccount:kube-system:root-ca-cert-publisher',
  eventSource: 'root-ca-cert-publisher',
  async sync(ctx: SyncContext) {
    const cm = ctx.kinds.forKind('ConfigMap', '')!;
    for (const ns of ctx.view.list('/namespaces')) {
      if (ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name!;
      if (!ctx.view.get('/configmaps', name, 'kube-root-ca.crt'))
        await ctx.client.create(
          cm,
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
            data: { 'ca.crt': CA_CRT },
          },
          name,
        );
    }
  },
} satisfies ControllerSpec;
