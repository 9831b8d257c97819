import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

t.test('api-resources lists the served kinds, filtered and sorted as asked', async (t) => {
  const c = await newTestCluster({ simulate: false });
  let r = await kubectl(c.engine, 'api-resources --namespaced=false --api-group= --no-headers');
  t.equal(r.stdout, 'namespaces          ns    v1    false   Namespace\nnodes               no    v1    false   Node\npersistentvolumes   pv    v1    false   PersistentVolume\n');
  r = await kubectl(c.engine, 'api-resources --api-group=batch --sort-by=kind -o wide');
  t.equal(
    r.stdout,
    'NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND      VERBS                                                        CATEGORIES\n' +
      'cronjobs   cj           batch/v1     true         CronJob   create,delete,deletecollection,get,list,patch,update,watch   all\n' +
      'jobs                    batch/v1     true         Job       create,delete,deletecollection,get,list,patch,update,watch   all\n',
  );
  r = await kubectl(c.engine, 'api-resources --categories=all -o name');
  t.equal(
    r.stdout,
    'pods\nreplicationcontrollers\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\nhorizontalpodautoscalers.autoscaling\ncronjobs.batch\njobs.batch\n',
    'the kinds `get all` stands for',
  );
  r = await kubectl(c.engine, 'api-resources -o yaml');
  t.equal(r.stderr, 'error: --output yaml is not available\n');
  t.equal(r.code, 1);
});

t.test('custom resources join discovery once their CRD is established', async (t) => {
  const c = await newTestCluster();
  const crd = c.engine.api.kinds.resolve('customresourcedefinitions')!;
  await c.engine.client('system:admin').create(crd, {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  } as never);
  await c.engine.sync();
  let r = await kubectl(c.engine, 'api-resources --api-group=stable.example.com');
  t.equal(r.stdout, 'NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND\ncrontabs   ct           stable.example.com/v1   true         CronTab\n');
  r = await kubectl(c.engine, 'api-versions');
  t.match(r.stdout, /\nscheduling\.k8s\.io\/v1\nstable\.example\.com\/v1\nstorage\.k8s\.io\/v1\nv1\n$/, 'sorted as strings, v1 last');
});

t.test('version reports the client and the simulated server as v1.32.4', async (t) => {
  const c = await newTestCluster({ simulate: false });
  let r = await kubectl(c.engine, 'version');
  t.equal(r.stdout, 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
  r = await kubectl(c.engine, 'version -o json');
  const v = JSON.parse(r.stdout);
  t.same(Object.keys(v), ['clientVersion', 'kustomizeVersion', 'serverVersion']);
  t.equal(v.serverVersion.platform, 'linux/amd64');
  t.equal(v.serverVersion.gitVersion, 'v1.32.4');
});
