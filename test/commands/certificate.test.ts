import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { GOLDEN_FIXTURES } from '../helpers/golden.js';

const PKI = path.join(GOLDEN_FIXTURES, 'pki');
const b64 = (file: string) => fs.readFileSync(path.join(PKI, file)).toString('base64');

function csrManifest(name: string, file: string, extra = ''): string {
  return `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${b64(file)}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
${extra || '  - client auth\n'}`;
}

/** The CKA task as a learner types it: openssl made the key and request; the cluster signs; a context uses it. */
t.test('a user made through a CertificateSigningRequest is refused until a binding grants it', async (t) => {
  const c = await newTestCluster();
  const env = { ...process.env, KUBECADET_HOME: c.home };
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { env, stdin });

  t.same(await k('create -f -', csrManifest('jane', 'jane.csr')), { stdout: 'certificatesigningrequest.certificates.k8s.io/jane created\n', stderr: '', code: 0 });
  t.equal(
    (await k('get csr')).stdout,
    'NAME   AGE   SIGNERNAME                            REQUESTOR          REQUESTEDDURATION   CONDITION\n' +
      'jane   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h                 Pending\n',
    'nothing approves a user\'s request on its own',
  );
  c.advance(5000);
  t.same(await k('certificate approve jane'), { stdout: 'certificatesigningrequest.certificates.k8s.io/jane approved\n', stderr: '', code: 0 });
  t.equal((await k('get csr jane --no-headers')).stdout, 'jane   5s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h   Approved,Issued\n', 'the signer issued it');
  const cond = JSON.parse((await k('get csr jane -o jsonpath={.status.conditions[0]}')).stdout);
  t.same(
    { type: cond.type, status: cond.status, reason: cond.reason, message: cond.message },
    { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' },
  );
  t.same(await k('certificate approve jane'), { stdout: 'certificatesigningrequest.certificates.k8s.io/jane approved\n', stderr: '', code: 0 }, 'approving twice changes nothing');
  const stored = JSON.parse((await k('get csr jane -o json')).stdout);
  t.equal(stored.status.conditions.length, 1);
  t.same([stored.spec.username, stored.spec.groups], ['kubernetes-admin', ['kubeadm:cluster-admins', 'system:authenticated']], 'the requester, as the API server authenticated it');

  // the certificate: the request's subject and key, issued by the cluster CA, for as long as asked
  const pem = Buffer.from((await k('get csr jane -o jsonpath={.status.certificate}')).stdout, 'base64').toString('utf8');
  const cert = new X509Certificate(pem);
  t.equal(cert.subject, 'O=developers\nCN=jane');
  t.equal(cert.issuer, 'CN=kubernetes');
  const key = createPrivateKey(fs.readFileSync(path.join(PKI, 'jane.key')));
  t.ok(cert.checkPrivateKey(key), 'the certificate holds the public key of the learner\'s key');
  t.equal(createPublicKey(key).export({ type: 'spki', format: 'pem' }), cert.publicKey.export({ type: 'spki', format: 'pem' }));
  t.equal(Date.parse(cert.validTo) - Date.parse(cert.validFrom), (86400 + 300) * 1000, 'expirationSeconds, backdated 5 minutes');

  fs.writeFileSync(path.join(c.home, 'jane.crt'), pem);
  t.equal((await k(`config set-credentials jane --client-certificate=${c.home}/jane.crt --client-key=${PKI}/jane.key --embed-certs`)).stdout, 'User "jane" set.\n');
  t.equal((await k('config set-context jane-ctx --cluster=kubernetes --user=jane')).stdout, 'Context "jane-ctx" created.\n');
  t.same(await k('--context jane-ctx get pods'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
    code: 1,
  });
  t.equal(
    (await k('--context jane-ctx auth whoami')).stdout,
    'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [developers system:authenticated]\n',
    'the certificate\'s CN is the user, its O the groups',
  );
  t.equal((await k('auth can-i list pods --as jane')).stdout, 'no\n');

  t.equal((await k('create role pod-reader --verb=get,list --resource=pods')).code, 0);
  t.equal((await k('create rolebinding jane-reads-pods --role=pod-reader --user=jane')).code, 0);
  t.same(await k('--context jane-ctx get pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 }, 'the binding grants it');
  t.equal((await k('--context jane-ctx get pods -n kube-system')).code, 1, 'in its namespace only');
  t.equal((await k('create rolebinding developers-view --clusterrole=view --group=developers -n kube-system')).code, 0);
  t.equal((await k('--context jane-ctx get pods -n kube-system -o name')).code, 0, 'a binding to the certificate\'s O group applies too');
  t.same(await k('--context jane-ctx delete pod x -n kube-system'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods "x" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "kube-system"\n',
    code: 1,
  });

  // the same context, current
  t.equal((await k('config use-context jane-ctx')).stdout, 'Switched to context "jane-ctx".\n');
  t.equal(
    (await kubectl(c.engine, 'get secrets', { env: { KUBECADET_HOME: c.home } })).stderr,
    'Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"\n',
    'jane, without --context',
  );
  t.equal((await kubectl(c.engine, 'get secrets --context kubernetes-admin@kubernetes', { env: { KUBECADET_HOME: c.home } })).code, 0);
  // a context for another cluster than the one open: the open one is worked as its admin (the tutor's lesson cluster)
  await k('config set-context elsewhere --cluster=exam --user=jane');
  await k('config use-context elsewhere');
  t.equal((await kubectl(c.engine, 'get secrets', { env: { KUBECADET_HOME: c.home } })).code, 0);
});

t.test('approval refusals: deny after approve, unknown names, no approve permission, system:masters, bad usages', async (t) => {
  const c = await newTestCluster();
  const env = { ...process.env, KUBECADET_HOME: c.home };
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { env, stdin });
  await k('create -f -', csrManifest('jane', 'jane.csr'));
  await k('certificate approve jane');
  t.same(await k('certificate deny jane'), {
    stdout: '',
    stderr: 'The CertificateSigningRequest "jane" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive\n',
    code: 1,
  });
  t.same(await k('certificate approve nope'), {
    stdout: '',
    stderr: 'Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n',
    code: 1,
  });
  t.same(await k('certificate approve'), { stdout: '', stderr: 'error: one or more CSRs must be specified as <name> or -f <filename>\n', code: 1 });

  await k('create -f -', csrManifest('jane2', 'jane.csr'));
  t.same(await k('certificate deny jane2'), { stdout: 'certificatesigningrequest.certificates.k8s.io/jane2 denied\n', stderr: '', code: 0 });
  t.match((await k('get csr jane2 --no-headers')).stdout, /\sDenied\n$/, 'a denied request is never signed');
  t.equal(JSON.parse((await k('get csr jane2 -o json')).stdout).status.certificate, undefined);

  // updating the approval subresource is not enough: the signer's `approve` verb is needed too
  await k('create clusterrole csr-approver --verb=get,update --resource=certificatesigningrequests,certificatesigningrequests/approval');
  await k('create clusterrolebinding bob-approves --clusterrole=csr-approver --user=bob');
  await k('create -f -', csrManifest('jane3', 'jane.csr'));
  t.same(await k('certificate approve jane3 --as bob'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io "jane3" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client"\n',
    code: 1,
  });
  // signers are no API resource, so kubectl create clusterrole refuses them: the docs' way is a manifest
  const signerRole = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: signer-approver
rules:
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: ['kubernetes.io/*']
  verbs: [approve]
`;
  t.equal((await k('create -f -', signerRole)).code, 0);
  await k('create clusterrolebinding bob-approves-signer --clusterrole=signer-approver --user=bob');
  t.equal((await k('certificate approve jane3 --as bob')).stdout, 'certificatesigningrequest.certificates.k8s.io/jane3 approved\n', 'the signer domain\'s wildcard name grants it');

  t.same(await k('create -f -', csrManifest('mallory', 'mallory.csr')), {
    stdout: '',
    stderr: 'Error from server (Forbidden): error when creating "STDIN": certificatesigningrequests.certificates.k8s.io "mallory" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed\n',
    code: 1,
  });

  await k('create -f -', csrManifest('server', 'jane.csr', '  - server auth\n'));
  await k('certificate approve server');
  t.match((await k('get csr server --no-headers')).stdout, /\sApproved,Failed\n$/);
  const failed = JSON.parse((await k('get csr server -o json')).stdout).status.conditions[1];
  t.same({ type: failed.type, reason: failed.reason, message: failed.message }, { type: 'Failed', reason: 'SignerValidationFailure', message: 'invalid usage for client certificate: server auth' });
});

t.test('tokens, anonymous users and certificates the cluster did not sign', async (t) => {
  const c = await newTestCluster();
  const env = { ...process.env, KUBECADET_HOME: c.home };
  const k = (line: string) => kubectl(c.engine, line, { env });
  await k('create serviceaccount bot');
  const token = (await k('create token bot')).stdout;
  await k(`config set-credentials bot --token=${token}`);
  await k('config set-context bot-ctx --cluster=kubernetes --user=bot');
  t.match((await k('--context bot-ctx auth whoami')).stdout, /Username\s+system:serviceaccount:default:bot\nGroups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]\n/);
  t.same(await k('--context bot-ctx get secrets'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:default:bot" cannot list resource "secrets" in API group "" in the namespace "default"\n',
    code: 1,
  });
  await k('delete serviceaccount bot');
  t.same(
    await k('--context bot-ctx get pods'),
    { stdout: '', stderr: 'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n', code: 1 },
    'the token of a deleted ServiceAccount no longer authenticates',
  );

  await k('config set-credentials forged --token=abc');
  await k('config set-context forged --cluster=kubernetes --user=forged');
  t.equal((await k('--context forged get pods')).stderr, 'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n');

  // a self-signed certificate is not the cluster CA's
  await k(`config set-credentials selfsigned --client-certificate=${PKI}/jane.crt --client-key=${PKI}/jane.key`);
  await k('config set-context selfsigned --cluster=kubernetes --user=selfsigned');
  t.equal((await k('--context selfsigned get pods')).stderr, 'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n');

  // a context whose user has no entry sends no credential at all
  await k('config set-context nobody --cluster=kubernetes --user=nobody');
  t.same(await k('--context nobody get pods'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"\n',
    code: 1,
  });
  t.equal((await k('--context kubernetes-admin@kubernetes auth whoami')).stdout.split('\n')[2], 'Groups      [kubeadm:cluster-admins system:authenticated]');
});

t.test('csrapproving approves kubelet client certificates when a SubjectAccessReview allows the requester', async (t) => {
  const c = await newTestCluster();
  const env = { ...process.env, KUBECADET_HOME: c.home };
  const k = (line: string, stdin?: string) => kubectl(c.engine, line, { env, stdin });
  const kubeletCSR = (name: string) =>
    csrManifest(name, 'node01.csr', '  - digital signature\n  - client auth\n').replace('kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet');
  t.equal((await k('create -f - --as system:node:node01 --as-group system:nodes --as-group system:authenticated', kubeletCSR('node-csr-self'))).code, 0);
  // from someone else, it takes the right to create certificatesigningrequests/nodeclient (the admin's `*` has it)
  t.equal((await k('create -f -', kubeletCSR('node-csr-admin'))).code, 0);
  await k('create clusterrole csr-creator --verb=create,get --resource=certificatesigningrequests');
  await k('create clusterrolebinding jane-creates-csrs --clusterrole=csr-creator --user=jane');
  t.equal((await k('create -f - --as jane', kubeletCSR('node-csr-jane'))).code, 0);
  const rows = (await k('get csr -o custom-columns=NAME:.metadata.name,REQUESTOR:.spec.username,REASON:.status.conditions[*].reason')).stdout;
  t.equal(rows, 'NAME             REQUESTOR            REASON\nnode-csr-admin   kubernetes-admin     AutoApproved\nnode-csr-jane    jane                 <none>\nnode-csr-self    system:node:node01   AutoApproved\n');
  t.equal(JSON.parse((await k('get csr node-csr-admin -o json')).stdout).status.conditions[0].message, 'Auto approving kubelet client certificate after SubjectAccessReview.');
  const self = JSON.parse((await k('get csr node-csr-self -o json')).stdout);
  t.equal(self.status.conditions[0].message, 'Auto approving self kubelet client certificate after SubjectAccessReview.');
  t.ok(self.status.certificate, 'and the signer issued it');
  t.equal((await k('get csr node-csr-self --no-headers -o custom-columns=C:.spec.signerName')).stdout, 'kubernetes.io/kube-apiserver-client-kubelet\n');
});
