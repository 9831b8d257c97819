import t from 'tap';
import { newTestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';

t.test('scratch', async (t) => {
  const c = await newTestCluster();
  const client = c.engine.client();
  const crdSpec = client.kinds.resolve('crd')!;
  await client.create(crdSpec, {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' }, replicas: { type: 'integer', default: 1 }, image: {type: 'string'} } } } } },
        additionalPrinterColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }, { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }, { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }] }] },
  });
  const ct = client.kinds.resolve('ct')!;
  await client.create(ct, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec: { cronSpec: '* * * * */5', foo: 1 } });
  c.advance(61000);
  for (const a of ['get crd', 'get crd crontabs.stable.example.com -o yaml', 'get ct', 'get crontabs.stable.example.com -o yaml', 'get ct -A']) {
    const r = await kubectl(c.engine, a);
    console.log('$', a, r.code); console.log(r.stdout + r.stderr);
  }
  try { await client.create(ct, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'y' }, spec: { replicas: 'three' } }); } catch (e) { console.log((e as Error).message); }
  await client.delete(crdSpec, undefined, 'crontabs.stable.example.com');
  for (const a of ['get crd', 'get ct']) {
    const r = await kubectl(c.engine, a);
    console.log('$', a, r.code); console.log(r.stdout + r.stderr);
  }
});
