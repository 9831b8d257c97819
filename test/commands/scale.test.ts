import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('scale writes through the scale subresource, so RBAC can grant scaling alone', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=2');
  await kubectl(c.engine, 'create role reader --verb=get,list --resource=deployments');
  await kubectl(c.engine, 'create role scaler --verb=get,patch,update --resource=deployments/scale');
  await kubectl(c.engine, 'create rolebinding reader --role=reader --user=jane --user=bob');
  await kubectl(c.engine, 'create rolebinding scaler --role=scaler --user=jane');
  t.same(await kubectl(c.engine, 'scale deploy web --replicas=4 --as=jane'), ok('deployment.apps/web scaled\n'));
  t.equal(c.engine.client().get(c.engine.client().kinds.forKind('Deployment')!, 'default', 'web').spec.replicas, 4);
  t.same(await kubectl(c.engine, 'scale deploy web --replicas=5 --current-replicas=4 --as=jane'), ok('deployment.apps/web scaled\n'), 'a precondition reads the Scale and PUTs it');
  t.same(
    await kubectl(c.engine, ['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":1}}', '--as=jane']),
    fail('Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "default"\n'),
    'the same user may not patch the deployment itself',
  );
  t.same(
    await kubectl(c.engine, 'scale deploy web --replicas=1 --as=bob'),
    fail('Error from server (Forbidden): deployments.apps "web" is forbidden: User "bob" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"\n'),
  );
});

t.test('scale prints the object as it was read, and refuses kinds without a scale subresource', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=2');
  t.same(await kubectl(c.engine, 'scale deploy web --replicas=3 -o jsonpath={.spec.replicas}'), ok('2'), 'info.Object is printed, not the result');
  t.same(await kubectl(c.engine, 'scale deploy web --replicas=7 --dry-run=server'), ok('deployment.apps/web scaled (server dry run)\n'));
  t.same(await kubectl(c.engine, 'get deploy web -o jsonpath={.spec.replicas}'), ok('3'), 'server dry run stored nothing');
  await kubectl(c.engine, 'create configmap cfg');
  t.same(await kubectl(c.engine, 'scale configmap cfg --replicas=2'), fail('Error from server (NotFound): the server could not find the requested resource\n'));
});

t.test('a custom resource with a scale subresource scales by its declared paths', async (t) => {
  const c = await newTestCluster({ fixture: 'bare', simulate: false });
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: webapps.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: webapps, singular: webapp, kind: WebApp}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
          status: {type: object, properties: {size: {type: integer}}}
`;
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: crd })).code, 0);
  t.equal((await kubectl(c.engine, 'apply -f -', { stdin: 'apiVersion: example.com/v1\nkind: WebApp\nmetadata: {name: shop}\nspec: {size: 1}\n' })).code, 0);
  t.same(await kubectl(c.engine, 'scale webapp shop --replicas=3'), ok('webapp.example.com/shop scaled\n'));
  t.same(await kubectl(c.engine, 'get webapp shop -o jsonpath={.spec.size}'), ok('3'));
});
