import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { localGoldens } from '../helpers/golden.js';

/**
 * get-raw-* recordings: the real kubectl's own checks of --raw (no server needed) and how it prints a
 * 404 and a body (against test/golden/fake-apiserver.mjs, which answers /api from kubecadet's discovery).
 */
t.test('get --raw: kubectl checks and error printing match the real kubectl', async (t) => {
  const c = await newTestCluster({ simulate: false });
  const cases = localGoldens(['get-raw-']);
  t.equal(cases.length, 7);
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.stdout, `${k.name}: stdout`);
    t.equal(r.stderr, k.stderr, `${k.name}: stderr`);
    t.equal(r.code, k.code, `${k.name}: exit code`);
  }
});

t.test('get --raw prints objects and lists as the API server encodes them', async (t) => {
  const c = await newTestCluster({ simulate: false });
  let r = await kubectl(c.engine, 'create configmap web --from-literal=html=<b>&amp;');
  t.equal(r.code, 0, r.stderr);
  r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/default/configmaps/web');
  t.equal(r.code, 0);
  t.ok(r.stdout.endsWith('}\n'), 'compact, one final newline');
  t.notOk(r.stdout.slice(0, -1).includes('\n'), 'one line');
  t.match(r.stdout, /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"web","namespace":"default","uid":"[^"]+","resourceVersion":"\d+","creationTimestamp":"[^"]+"/, 'Go struct order');
  t.ok(r.stdout.includes('"html":"\\u003cb\\u003e\\u0026amp;"'), 'HTML characters escaped as Go does');
  t.same(JSON.parse(r.stdout).data, { html: '<b>&amp;' });

  r = await kubectl(c.engine, 'create deployment web --image=nginx');
  r = await kubectl(c.engine, 'get --raw /apis/apps/v1/namespaces/default/deployments/web');
  t.ok(
    r.stdout.includes(
      '"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600}',
    ),
    'every level in its Go struct order',
  );

  r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dweb');
  const list = JSON.parse(r.stdout);
  t.same(Object.keys(list), ['kind', 'apiVersion', 'metadata', 'items']);
  t.equal(list.kind, 'ConfigMapList');
  t.same(
    list.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ['web'],
  );
  t.notOk('kind' in list.items[0], 'items of a typed list carry no kind');
  r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/nowhere/pods');
  t.match(r.stdout, /^\{"kind":"PodList","apiVersion":"v1","metadata":\{"resourceVersion":"\d+"\},"items":\[\]\}\n$/);

  r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/default/pods/nope');
  t.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  t.equal(r.code, 1);
  r = await kubectl(c.engine, 'get --raw /apis/apps/v1/namespaces/default/deployments/nope/scale');
  t.equal(r.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  r = await kubectl(c.engine, 'get --raw /apis/apps/v1/namespaces/default/deployments/web/scale');
  t.match(r.stdout, /^\{"kind":"Scale","apiVersion":"autoscaling\/v1","metadata":\{"name":"web","namespace":"default",.*\},"spec":\{"replicas":1\},"status":\{"replicas":\d,"selector":"app=web"\}\}\n$/);
  r = await kubectl(c.engine, 'get --raw /api/v1/configmaps/web');
  t.equal(r.stderr, 'Error from server (NotFound): the server could not find the requested resource\n', 'a namespaced object has no cluster-wide path');
  r = await kubectl(c.engine, 'get --raw /api/v1/configmaps');
  t.equal(JSON.parse(r.stdout).kind, 'ConfigMapList', 'but its kind lists across namespaces');
  r = await kubectl(c.engine, 'get --raw /api/v1/nothings');
  t.equal(r.stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
  r = await kubectl(c.engine, 'get --raw /metrics');
  t.equal(r.stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

t.test('get --raw serves discovery, OpenAPI, version and health', async (t) => {
  const c = await newTestCluster({ simulate: false });
  let r = await kubectl(c.engine, 'get --raw /healthz');
  t.equal(r.stdout, 'ok', 'no newline: the body as sent');
  for (const p of ['/livez', '/readyz']) t.equal((await kubectl(c.engine, `get --raw ${p}`)).stdout, 'ok', p);
  r = await kubectl(c.engine, 'get --raw /version');
  t.equal(r.stdout.split('\n')[1], '  "major": "1",', 'indented');
  t.equal(JSON.parse(r.stdout).gitVersion, 'v1.32.4');
  r = await kubectl(c.engine, 'get --raw /apis/apps/v1');
  const apps = JSON.parse(r.stdout);
  t.same([apps.kind, apps.apiVersion, apps.groupVersion], ['APIResourceList', 'v1', 'apps/v1']);
  const deploy = apps.resources.find((x: { name: string }) => x.name === 'deployments');
  t.same(deploy.shortNames, ['deploy']);
  t.equal(deploy.storageVersionHash, '8aSe+NMegvE=', "the API server's hash of apps/v1/Deployment");
  t.ok(apps.resources.some((x: { name: string }) => x.name === 'deployments/scale'));
  r = await kubectl(c.engine, 'get --raw /api/v1');
  const core = JSON.parse(r.stdout);
  t.notOk('apiVersion' in core, 'the core list carries no apiVersion');
  t.equal(core.resources.find((x: { name: string }) => x.name === 'pods').storageVersionHash, 'xPOwRZ+Yhw8=');
  r = await kubectl(c.engine, 'get --raw /apis');
  t.equal(JSON.parse(r.stdout).groups[0].name, 'apps');
  r = await kubectl(c.engine, 'get --raw /openapi/v3');
  const paths = JSON.parse(r.stdout).paths;
  t.ok(paths['api/v1'].serverRelativeURL.startsWith('/openapi/v3/api/v1?hash='));
  r = await kubectl(c.engine, 'get --raw /openapi/v3/apis/apps/v1');
  t.same(JSON.parse(r.stdout).components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  r = await kubectl(c.engine, 'get --raw /openapi/v3/apis/nothing/v1');
  t.equal(r.stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

t.test('get --raw is authorized as RBAC authorizes resource and non-resource requests', async (t) => {
  const c = await newTestCluster({ simulate: false });
  let r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/default/pods --as=jane');
  t.equal(r.stderr, 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
  r = await kubectl(c.engine, 'get --raw /api/v1/namespaces/default/pods/status-check/status --as=jane');
  t.equal(r.stderr, 'Error from server (Forbidden): pods "status-check" is forbidden: User "jane" cannot get resource "pods/status" in API group "" in the namespace "default"\n');
  r = await kubectl(c.engine, 'get --raw /metrics --as=jane');
  t.equal(r.stderr, 'Error from server (Forbidden): forbidden: User "jane" cannot get path "/metrics"\n');
  r = await kubectl(c.engine, 'get --raw /healthz --as=jane');
  t.equal(r.stdout, 'ok', 'system:public-info-viewer lets anyone read the health checks');
  r = await kubectl(c.engine, 'get --raw /apis --as=jane');
  t.equal(r.code, 0, 'system:discovery lets any authenticated user read discovery');
  r = await kubectl(c.engine, 'create clusterrole metrics-reader --verb=get --non-resource-url=/metrics');
  r = await kubectl(c.engine, 'create clusterrolebinding jane-metrics --clusterrole=metrics-reader --user=jane');
  r = await kubectl(c.engine, 'get --raw /metrics --as=jane');
  t.equal(r.stderr, 'Error from server (NotFound): the server could not find the requested resource\n', 'allowed, then not served');
});

t.test('get --raw prints a custom resource as the unstructured map it is', async (t) => {
  const c = await newTestCluster();
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {schedule: {type: string}, image: {type: string}}}
`;
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: crd })).code, 0);
  await c.engine.sync();
  const ct = 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 0 * * *"\n  image: busybox\n';
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: ct })).code, 0);
  const r = await kubectl(c.engine, 'get --raw /apis/stable.example.com/v1/namespaces/default/crontabs/nightly');
  t.match(r.stdout, /^\{"apiVersion":"stable.example.com\/v1","kind":"CronTab","metadata":\{"annotations":/, 'keys sorted at every level');
  t.ok(r.stdout.includes('"spec":{"image":"busybox","schedule":"0 0 * * *"}'));
  const list = JSON.parse((await kubectl(c.engine, 'get --raw /apis/stable.example.com/v1/crontabs')).stdout);
  t.same(Object.keys(list), ['apiVersion', 'items', 'kind', 'metadata']);
  t.equal(list.items[0].kind, 'CronTab', 'unstructured items keep their kind');
});
