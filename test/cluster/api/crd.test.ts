import t from 'tap';
import { newTestCluster, type TestCluster } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import { StatusError } from '../../../src/cluster/api/status.js';
import type { KindSpec } from '../../../src/cluster/api/resources/kindSpec.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Lets the watch stream deliver what was written. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

function kind(c: TestCluster, name: string): KindSpec {
  const spec = c.engine.client().kinds.resolve(name);
  if (!spec) throw new Error(`no kind ${name}`);
  return spec;
}

async function statusError(fn: () => unknown): Promise<StatusError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

interface CRDOptions {
  group?: string;
  plural?: string;
  kind?: string;
  shortNames?: string[];
  scope?: string;
  columns?: Json[];
  status?: boolean;
  schema?: Json;
}

/** A CRD in the shape of the CronTab example of the Kubernetes documentation. */
function crd(o: CRDOptions = {}): KubeObject {
  const group = o.group ?? 'stable.example.com';
  const plural = o.plural ?? 'crontabs';
  const version: Json = {
    name: 'v1',
    served: true,
    storage: true,
    schema: {
      openAPIV3Schema: o.schema ?? {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            required: ['cronSpec'],
            properties: {
              cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
              image: { type: 'string', maxLength: 20 },
              replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
              color: { type: 'string', enum: ['red', 'blue'] },
              port: { 'x-kubernetes-int-or-string': true },
              note: { type: 'string', nullable: true },
              tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
              extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              limits: { type: 'object', additionalProperties: { type: 'integer' } },
              when: { type: 'string', format: 'date-time' },
              hosts: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
              ports: {
                type: 'array',
                'x-kubernetes-list-type': 'map',
                'x-kubernetes-list-map-keys': ['name'],
                items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
              },
            },
          },
          status: { type: 'object', properties: { ready: { type: 'boolean' } } },
        },
      },
    },
  };
  if (o.columns) version.additionalPrinterColumns = o.columns;
  if (o.status) version.subresources = { status: {} };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: o.scope ?? 'Namespaced',
      names: { plural, kind: o.kind ?? 'CronTab', ...(o.shortNames ? { shortNames: o.shortNames } : {}) },
      versions: [version],
    },
  };
}

function cronTab(name: string, spec: Json = { cronSpec: '* * * * */5' }, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name }, spec, ...extra };
}

const columns = [
  { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
  { name: 'Ready', type: 'boolean', jsonPath: '.status.ready' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

t.test('a created CRD is accepted, established and listed with NAME and CREATED AT', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const created = await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  t.same(created.status, {
    acceptedNames: { kind: 'CronTab', listKind: 'CronTabList', plural: 'crontabs', shortNames: ['ct'], singular: 'crontab' },
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2026-01-01T12:00:00Z', reason: 'NoConflicts', message: 'no conflicts found' },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: '2026-01-01T12:00:00Z',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    storedVersions: ['v1'],
  });
  t.same(created.spec.names, { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'], singular: 'crontab', listKind: 'CronTabList' }, 'names are defaulted');
  t.same(created.spec.conversion, { strategy: 'None' });
  t.equal(created.metadata.generation, 1);
  c.advance(3600_000);
  for (const args of ['get crd', 'get crds', 'get customresourcedefinitions', 'get customresourcedefinitions.apiextensions.k8s.io']) {
    const r = await kubectl(c.engine, args);
    t.equal(r.stdout, 'NAME                          CREATED AT\ncrontabs.stable.example.com   2026-01-01T12:00:00Z\n', args);
    t.equal(r.code, 0);
  }
  const name = await kubectl(c.engine, 'get crd -o name');
  t.equal(name.stdout, 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com\n');
  const json = JSON.parse((await kubectl(c.engine, 'get crd crontabs.stable.example.com -o json')).stdout);
  t.equal(json.status.conditions[1].type, 'Established');
  t.equal(json.spec.versions[0].name, 'v1');
});

t.test('the API server refuses CRDs it would refuse, with its messages', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const crdKind = kind(c, 'crd');
  const cases: { name: string; mutate: (o: KubeObject) => void; want: string }[] = [
    {
      name: 'the name must be plural.group',
      mutate: (o) => (o.metadata.name = 'crontab.stable.example.com'),
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontab.stable.example.com" is invalid: metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    },
    {
      name: 'v1 requires a schema for every version',
      mutate: (o) => delete o.spec.versions[0].schema,
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
    },
    {
      name: 'the group needs a dot',
      mutate: (o) => {
        o.spec.group = 'example';
        o.metadata.name = 'crontabs.example';
      },
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.example" is invalid: spec.group: Invalid value: "example": should be a domain with at least one dot',
    },
    {
      name: 'the scope is Namespaced or Cluster',
      mutate: (o) => (o.spec.scope = 'Global'),
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
    },
    {
      name: 'a kind is required',
      mutate: (o) => delete o.spec.names.kind,
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: [spec.names.singular: Required value, spec.names.kind: Required value, spec.names.listKind: Required value]',
    },
    {
      name: 'schemas must be structural',
      mutate: (o) => delete o.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.image.type,
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[image].type: Required value: must not be empty for specified object fields',
    },
    {
      name: 'printer columns need a known type',
      mutate: (o) => (o.spec.versions[0].additionalPrinterColumns = [{ name: 'X', type: 'text', jsonPath: '.spec.image' }]),
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string',
    },
    {
      name: 'groups of the Kubernetes project need an approval annotation',
      mutate: (o) => {
        o.spec.group = 'widgets.k8s.io';
        o.metadata.name = 'crontabs.widgets.k8s.io';
      },
      want: 'CustomResourceDefinition.apiextensions.k8s.io "crontabs.widgets.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    },
  ];
  for (const k of cases) {
    const o = crd();
    k.mutate(o);
    const e = await statusError(() => client.create(crdKind, o));
    t.equal(e.reason, 'Invalid', k.name);
    t.equal(e.message, k.want, k.name);
  }
  const two = crd();
  two.spec.versions[0].storage = false;
  const e = await statusError(() => client.create(crdKind, two));
  t.match(
    e.message,
    /^CustomResourceDefinition\.apiextensions\.k8s\.io "crontabs\.stable\.example\.com" is invalid: spec\.versions: Invalid value: \[\]apiextensions\.CustomResourceDefinitionVersion\{apiextensions\.CustomResourceDefinitionVersion\{Name:"v1", Served:true, Storage:false, .*\}\}: must have exactly one version marked as storage version$/,
  );
  t.same(client.list(crdKind, undefined).items, [], 'nothing was stored');
});

t.test('custom resources are served under every name kubectl accepts', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'], columns }));
  const ct = kind(c, 'ct');
  await client.create(ct, cronTab('nightly', { cronSpec: '0 3 * * *', image: 'backup:1' }));
  c.advance(90_000);
  await client.create(ct, cronTab('often', { cronSpec: '*/5 * * * *', replicas: 3 }, { status: { ready: true } }));
  c.advance(30_000);
  const table =
    'NAME      SPEC          REPLICAS   READY   AGE\n' + 'nightly   0 3 * * *     1                  2m\n' + 'often     */5 * * * *   3          true    30s\n';
  for (const args of ['get ct', 'get crontabs', 'get crontab', 'get CronTab', 'get crontabs.stable.example.com', 'get crontabs.v1.stable.example.com']) {
    const r = await kubectl(c.engine, args);
    t.equal(r.stdout, table, args);
    t.equal(r.stderr, '', args);
  }
  const wide = await kubectl(c.engine, 'get ct -o wide');
  t.equal(
    wide.stdout,
    'NAME      SPEC          REPLICAS   IMAGE      READY   AGE\n' +
      'nightly   0 3 * * *     1          backup:1           2m\n' +
      'often     */5 * * * *   3                     true    30s\n',
    'priority columns only in wide; missing values are empty cells',
  );
  const one = await kubectl(c.engine, 'get ct nightly -o yaml');
  t.match(one.stdout, /^apiVersion: stable\.example\.com\/v1\nkind: CronTab\nmetadata:\n/);
  t.match(one.stdout, /\nspec:\n {2}cronSpec: 0 3 \* \* \*\n {2}image: backup:1\n {2}replicas: 1\n$/);
  t.equal((await kubectl(c.engine, 'get ct -o name')).stdout, 'crontab.stable.example.com/nightly\ncrontab.stable.example.com/often\n');
  const all = await kubectl(c.engine, 'get ct -A');
  t.match(all.stdout, /^NAMESPACE {3}NAME {6}SPEC/);
  const missing = await kubectl(c.engine, 'get ct nope');
  t.equal(missing.stderr, 'Error from server (NotFound): crontabs.stable.example.com "nope" not found\n');
  const none = await kubectl(c.engine, 'get ct -n kube-system');
  t.equal(none.stderr, 'No resources found in kube-system namespace.\n');
  const jsonpath = await kubectl(c.engine, ['get', 'ct', 'often', '-o', 'jsonpath={.spec.replicas}']);
  t.equal(jsonpath.stdout, '3');
});

t.test('without printer columns a custom resource shows NAME and AGE; cluster-scoped ones have no namespace', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ group: 'infra.example.com', plural: 'racks', kind: 'Rack', scope: 'Cluster', schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }));
  const rack = kind(c, 'rack');
  t.equal(rack.namespaced, false);
  await client.create(rack, { apiVersion: 'infra.example.com/v1', kind: 'Rack', metadata: { name: 'r1' }, spec: { anything: { goes: true } } });
  c.advance(125_000);
  t.equal((await kubectl(c.engine, 'get racks')).stdout, 'NAME   AGE\nr1     2m5s\n');
  t.equal((await kubectl(c.engine, 'get racks -A')).stdout, 'NAME   AGE\nr1     2m5s\n');
  t.same(client.get(rack, undefined, 'r1').spec, { anything: { goes: true } }, 'x-kubernetes-preserve-unknown-fields keeps everything');
  const e = await statusError(() => client.create(rack, { apiVersion: 'infra.example.com/v1', kind: 'Rack', metadata: { name: 'r2', namespace: 'default' } }));
  t.equal(e.message, 'Rack.infra.example.com "r2" is invalid: metadata.namespace: Forbidden: not allowed on this type');
});

t.test('the schema validates custom resources with the API server messages', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  const ct = kind(c, 'ct');
  const invalid = (name: string, rest: string) => `CronTab.stable.example.com "${name}" is invalid: ${rest}`;
  const cases: { name: string; spec: Json; want: string }[] = [
    {
      name: 'type',
      spec: { cronSpec: '* * * * *', replicas: 'three' },
      want: 'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    },
    { name: 'required', spec: { image: 'x' }, want: 'spec.cronSpec: Required value' },
    { name: 'enum', spec: { cronSpec: '* * * * *', color: 'green' }, want: 'spec.color: Unsupported value: "green": supported values: "red", "blue"' },
    { name: 'maximum', spec: { cronSpec: '* * * * *', replicas: 20 }, want: 'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10' },
    { name: 'minimum', spec: { cronSpec: '* * * * *', replicas: 0 }, want: 'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1' },
    {
      name: 'pattern',
      spec: { cronSpec: 'often' },
      want: `spec.cronSpec: Invalid value: "often": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
    },
    { name: 'maxLength', spec: { cronSpec: '* * * * *', image: 'x'.repeat(21) }, want: 'spec.image: Too long: may not be more than 20 bytes' },
    { name: 'maxItems', spec: { cronSpec: '* * * * *', tags: ['a', 'b', 'c'] }, want: 'spec.tags: Too many: 3: must have at most 2 items' },
    {
      name: 'int-or-string',
      spec: { cronSpec: '* * * * *', port: true },
      want: 'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    },
    {
      name: 'array items',
      spec: { cronSpec: '* * * * *', tags: [1] },
      want: 'spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"',
    },
    {
      name: 'map values',
      spec: { cronSpec: '* * * * *', limits: { cpu: 'lots' } },
      want: 'spec.limits.cpu: Invalid value: "string": spec.limits.cpu in body must be of type integer: "string"',
    },
    {
      name: 'format',
      spec: { cronSpec: '* * * * *', when: 'tomorrow' },
      want: 'spec.when: Invalid value: "tomorrow": spec.when in body must be of type date-time: "tomorrow"',
    },
    { name: 'set', spec: { cronSpec: '* * * * *', hosts: ['a', 'b', 'a'] }, want: 'spec.hosts[2]: Duplicate value: "a"' },
    {
      name: 'map list',
      spec: { cronSpec: '* * * * *', ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] },
      want: 'spec.ports[1]: Duplicate value: map[string]interface {}{"name":"http"}',
    },
    {
      name: 'several errors',
      spec: { cronSpec: '* * * * *', replicas: 11, color: 'pink' },
      want: '[spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10, spec.color: Unsupported value: "pink": supported values: "red", "blue"]',
    },
  ];
  for (const k of cases) {
    const name = `bad-${k.name.toLowerCase().replace(/\W/g, '')}`;
    const e = await statusError(() => client.create(ct, cronTab(name, k.spec)));
    t.equal(e.reason, 'Invalid', k.name);
    t.equal(e.code, 422, k.name);
    t.equal(e.message, invalid(name, k.want), k.name);
  }
  const accepted = await client.create(
    ct,
    cronTab(
      'good',
      { cronSpec: '* * * * *', port: 'http', note: null, extra: { free: { form: 1 } }, limits: { cpu: 2 }, unknown: 'dropped', when: '2026-01-01T12:00:00Z' },
      { status: { ready: true, bogus: 1 } },
    ),
  );
  t.same(
    accepted.spec,
    { cronSpec: '* * * * *', port: 'http', note: null, extra: { free: { form: 1 } }, limits: { cpu: 2 }, when: '2026-01-01T12:00:00Z', replicas: 1 },
    'unknown fields are pruned, nullable nulls stay, defaults apply',
  );
  t.same(accepted.status, { ready: true }, 'without a status subresource, status is written with the object and pruned');
  const nulls = await client.create(ct, cronTab('nulls', { cronSpec: '* * * * *', replicas: null, image: null }));
  t.same(nulls.spec, { cronSpec: '* * * * *', replicas: 1 }, 'a null takes the default, or is dropped');
});

t.test('field validation: Strict refuses unknown fields, Warn reports them', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  const ct = kind(c, 'ct');
  const e = await statusError(() => client.create(ct, cronTab('x', { cronSpec: '* * * * *', foo: 1, bar: { baz: 2 } }), 'default', { fieldValidation: 'Strict' }));
  t.equal(e.reason, 'BadRequest');
  t.equal(e.message, 'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"');
  const warnings: string[] = [];
  const o = await client.create(ct, { ...cronTab('x', { cronSpec: '* * * * *', foo: 1 }), metadata: { name: 'x', colour: 'red' } }, 'default', {
    fieldValidation: 'Warn',
    warnings,
  });
  t.same(warnings, ['unknown field "metadata.colour"', 'unknown field "spec.foo"']);
  t.same(o.spec, { cronSpec: '* * * * *', replicas: 1 });
  t.notOk('colour' in o.metadata, 'metadata keeps only ObjectMeta fields');

  // a CRD written in the v1beta1 shape: its top-level validation is not a v1 field
  const old = crd();
  old.spec.validation = old.spec.versions[0].schema;
  delete old.spec.versions[0].schema;
  const strict = await statusError(() => client.create(kind(c, 'crd'), { ...old, metadata: { name: 'crontabs.stable.example.com' } }, undefined, { fieldValidation: 'Strict' }));
  t.equal(
    strict.message,
    'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: strict decoding error: unknown field "spec.validation"',
  );
  const crdWarnings: string[] = [];
  const loose = await statusError(() => client.create(kind(c, 'crd'), old, undefined, { warnings: crdWarnings }));
  t.same(crdWarnings, ['unknown field "spec.validation"']);
  t.equal(
    loose.message,
    'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
  );
});

t.test('generation and the status subresource of custom resources', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  await client.create(kind(c, 'crd'), crd({ group: 'batch.example.com', shortNames: ['sct'], status: true }));
  const plain = kind(c, 'crontabs.stable.example.com');
  const withStatus = kind(c, 'crontabs.batch.example.com');

  const a = await client.create(plain, cronTab('a'));
  t.equal(a.metadata.generation, 1);
  const a2 = await client.update(plain, { ...a, status: { ready: true } });
  t.equal(a2.metadata.generation, 2, 'without a status subresource every change but metadata bumps the generation');
  const a3 = await client.update(plain, { ...a2, metadata: { ...a2.metadata, labels: { x: 'y' } } });
  t.equal(a3.metadata.generation, 2);

  const b = await client.create(withStatus, { ...cronTab('b'), apiVersion: 'batch.example.com/v1', status: { ready: true } });
  t.equal(b.status, undefined, 'create cannot set status');
  const b2 = await client.update(withStatus, { ...b, status: { ready: true } });
  t.equal(b2.status, undefined, 'a plain update ignores status');
  t.equal(b2.metadata.generation, 1);
  const b3 = await client.update(withStatus, { ...b2, status: { ready: true } }, { subresource: 'status' });
  t.same(b3.status, { ready: true });
  t.equal(b3.metadata.generation, 1, 'status writes keep the generation');
  const badStatus = await statusError(() => client.update(withStatus, { ...b3, status: { ready: 'yes' } }, { subresource: 'status' }));
  t.equal(badStatus.message, 'CronTab.batch.example.com "b" is invalid: status.ready: Invalid value: "string": status.ready in body must be of type boolean: "string"');
  const pruned = await client.update(withStatus, { ...b3, status: { ready: false, extra: 1 } }, { subresource: 'status' });
  t.same(pruned.status, { ready: false }, 'unknown status fields are pruned');
  const b4 = await client.update(withStatus, { ...pruned, spec: { ...pruned.spec, image: 'v2' } });
  t.equal(b4.metadata.generation, 2);
  t.same(b4.status, { ready: false });
});

t.test('deleting a CRD deletes its custom resources first', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const crdKind = kind(c, 'crd');
  await client.create(crdKind, crd({ shortNames: ['ct'] }));
  const ct = kind(c, 'ct');
  await client.create(ct, cronTab('free'));
  await client.create(ct, { ...cronTab('held'), metadata: { name: 'held', finalizers: ['example.com/keep'] } });
  const deleting = await client.delete(crdKind, undefined, 'crontabs.stable.example.com');
  t.same(deleting.metadata.finalizers, ['customresourcecleanup.apiextensions.k8s.io']);
  const stored = client.get(crdKind, undefined, 'crontabs.stable.example.com');
  t.match(stored.status.conditions.at(-1), {
    type: 'Terminating',
    status: 'True',
    reason: 'InstanceDeletionInProgress',
    message: 'CustomResource deletion is in progress',
  });
  t.same(
    client.list(ct, undefined).items.map((o) => [o.metadata.name, !!o.metadata.deletionTimestamp]),
    [['held', true]],
    'custom resources are deleted; a finalizer keeps one',
  );
  const refused = await statusError(() => client.create(ct, cronTab('new')));
  t.equal(refused.reason, 'MethodNotAllowed');
  t.equal(refused.code, 405);
  t.equal(refused.message, 'create not allowed while custom resource definition is terminating');
  t.equal((await kubectl(c.engine, 'get ct')).stdout.split('\n')[1].split(/\s+/)[0], 'held', 'still served while terminating');

  const held = client.get(ct, 'default', 'held');
  await client.update(ct, { ...held, metadata: { ...held.metadata, finalizers: [] } });
  t.equal((await statusError(() => client.get(crdKind, undefined, 'crontabs.stable.example.com'))).reason, 'NotFound');
  const gone = await kubectl(c.engine, 'get ct');
  t.equal(gone.stderr, 'error: the server doesn\'t have a resource type "ct"\n');
  t.equal(gone.code, 1);

  await client.create(crdKind, crd({ shortNames: ['ct'] }));
  await client.create(kind(c, 'ct'), cronTab('again'));
  await client.delete(crdKind, undefined, 'crontabs.stable.example.com');
  t.same(c.engine.store.read().objects['stable.example.com/crontabs'] ?? {}, {}, 'without finalizers it all goes in one write');
});

t.test('names: clashes inside a group are refused; across groups discovery order decides', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const crdKind = kind(c, 'crd');
  await client.create(crdKind, crd({ shortNames: ['ct'] }));
  const clash = await client.create(crdKind, crd({ plural: 'crontables', kind: 'CronTable', shortNames: ['crontab'] }));
  t.match(clash.status.conditions, [
    { type: 'NamesAccepted', status: 'False', reason: 'ShortNamesConflict', message: '"crontab" is already in use' },
    { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
  ]);
  t.equal(client.kinds.resolve('crontables'), undefined, 'a CRD whose names were not accepted is not served');
  await client.delete(crdKind, undefined, 'crontabs.stable.example.com');
  const freed = client.get(crdKind, undefined, 'crontables.stable.example.com');
  t.match(freed.status.conditions, [
    { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
    { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
  ]);
  t.equal(kind(c, 'crontab').plural, 'crontables', 'a deleted CRD frees its names for the CRDs of its group');
  await client.create(crdKind, crd({ plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] }));
  const kindClash = await client.create(crdKind, crd({ plural: 'jobs', kind: 'CronTab' }));
  t.match(kindClash.status.conditions[0], { status: 'False', reason: 'ListKindConflict', message: '"CronTabList" is already in use' });

  // a plural in another group: the built-in and the earlier group win the bare name
  await client.create(crdKind, crd({ group: 'a.example.com', plural: 'pods', kind: 'Pod', shortNames: ['po2'] }));
  t.equal(kind(c, 'pods').group, '', 'pods are still the core pods');
  t.equal(kind(c, 'pods.a.example.com').group, 'a.example.com');
  t.equal(kind(c, 'po2').group, 'a.example.com');
  // a short name never shadows a plural: cm as a plural beats the configmaps short name
  await client.create(crdKind, crd({ group: 'b.example.com', plural: 'cm', kind: 'Cm', shortNames: ['po'] }));
  t.equal(kind(c, 'cm').group, 'b.example.com', 'an exact plural wins over a short name');
  t.equal(kind(c, 'po').plural, 'pods', 'the built-in short name comes first in discovery');
  t.equal(kind(c, 'po').group, '');
});

t.test('get -w follows custom resources', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  const ct = kind(c, 'ct');
  await client.create(ct, cronTab('first'));
  const ac = new AbortController();
  const watching = kubectl(c.engine, 'get ct -w --output-watch-events', { signal: ac.signal });
  // the watch is open once it listens to the store
  for (let i = 0; i < 500 && c.engine.store.listenerCount('events') === 0; i++) await settle();
  t.ok(c.engine.store.listenerCount('events') > 0, 'the watch is open');
  await client.create(ct, cronTab('second'));
  await client.delete(ct, 'default', 'first');
  await settle();
  ac.abort();
  const r = await watching;
  // widths come from the first table and only grow: a wider cell shifts its row and the rows after
  t.equal(r.stdout, 'EVENT   NAME    AGE\nADDED   first   0s\nADDED   second   0s\nDELETED   first    0s\n');
  t.equal(r.code, 0);
});

t.test('a default added to the schema later shows when stored resources are read', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const crdKind = kind(c, 'crd');
  const created = await client.create(crdKind, crd({ shortNames: ['ct'] }));
  await client.create(kind(c, 'ct'), cronTab('old'));
  const next = structuredClone(created);
  next.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.image.default = 'busybox';
  const updated = await client.update(crdKind, next);
  t.equal(updated.metadata.generation, 2);
  t.same(client.get(kind(c, 'ct'), 'default', 'old').spec, { cronSpec: '* * * * */5', replicas: 1, image: 'busybox' });
  t.same(
    client.list(kind(c, 'ct'), 'default').items.map((o) => o.spec.image),
    ['busybox'],
  );
  t.notOk('image' in c.engine.store.read().objects['stable.example.com/crontabs']['default/old'].spec, 'storage is unchanged');
});

t.test('every served version is served from one storage; kubectl prefers the most stable one', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const multi = crd({ shortNames: ['ct'] });
  const v1 = multi.spec.versions[0];
  multi.spec.versions = [
    { ...structuredClone(v1), name: 'v1alpha1', served: false, storage: false },
    { ...structuredClone(v1), name: 'v1beta1', storage: false, deprecated: true },
    v1,
  ];
  await client.create(kind(c, 'crd'), multi);
  t.equal(kind(c, 'ct').version, 'v1', 'v1 is preferred over v1beta1');
  const beta = client.kinds.forObject('stable.example.com/v1beta1', 'CronTab');
  t.ok(beta, 'a manifest may name any served version');
  t.equal(client.kinds.forObject('stable.example.com/v1alpha1', 'CronTab'), undefined, 'an unserved version is not served');
  const warnings: string[] = [];
  await client.create(beta!, { ...cronTab('old'), apiVersion: 'stable.example.com/v1beta1' }, 'default', { warnings });
  t.same(warnings, ['stable.example.com/v1beta1 CronTab is deprecated; use stable.example.com/v1 CronTab']);
  t.equal(client.get(kind(c, 'ct'), 'default', 'old').apiVersion, 'stable.example.com/v1');
  const asBeta = await kubectl(c.engine, 'get crontabs.v1beta1.stable.example.com old -o jsonpath={.apiVersion}');
  t.equal(asBeta.stdout, 'stable.example.com/v1beta1');
  const asV1 = await kubectl(c.engine, 'get ct old -o jsonpath={.apiVersion}');
  t.equal(asV1.stdout, 'stable.example.com/v1');
  const alpha = await kubectl(c.engine, 'get crontabs.v1alpha1.stable.example.com');
  t.equal(alpha.code, 1);
});

t.test('custom resources take JSON and merge patches, not strategic ones', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'] }));
  const ct = kind(c, 'ct');
  const created = await client.create(ct, cronTab('p'));
  const merged = await client.patch(ct, 'default', 'p', 'merge', { spec: { image: 'nginx', junk: 1 } });
  t.same(merged.spec, { cronSpec: '* * * * */5', replicas: 1, image: 'nginx' }, 'patched, pruned and defaulted');
  t.equal(merged.metadata.generation, 2);
  const json = await client.patch(ct, 'default', 'p', 'json', [{ op: 'replace', path: '/spec/replicas', value: 4 }]);
  t.equal(json.spec.replicas, 4);
  const bad = await statusError(() => client.patch(ct, 'default', 'p', 'merge', { spec: { replicas: 40 } }));
  t.equal(bad.message, 'CronTab.stable.example.com "p" is invalid: spec.replicas: Invalid value: 40: spec.replicas in body should be less than or equal to 10');
  const stale = await statusError(() => client.patch(ct, 'default', 'p', 'merge', { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { replicas: 2 } }));
  t.equal(stale.reason, 'Conflict', 'a resourceVersion in the patch is a precondition');
  const strategic = await statusError(() => client.patch(ct, 'default', 'p', 'strategic', { spec: { replicas: 2 } }));
  t.equal(strategic.code, 415);
  t.equal(
    strategic.message,
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
});

t.test('field selectors on custom resources: metadata fields and the selectable fields of the CRD', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const def = crd({ shortNames: ['ct'] });
  def.spec.versions[0].selectableFields = [{ jsonPath: '.spec.color' }];
  await client.create(kind(c, 'crd'), def);
  const ct = kind(c, 'ct');
  await client.create(ct, cronTab('r', { cronSpec: '* * * * *', color: 'red' }));
  await client.create(ct, cronTab('b', { cronSpec: '* * * * *', color: 'blue' }));
  const names = (fieldSelector: string) => client.list(ct, 'default', { fieldSelector }).items.map((o) => o.metadata.name);
  t.same(names('spec.color=red'), ['r']);
  t.same(names('spec.color!=red'), ['b']);
  t.same(names('metadata.name=b'), ['b']);
  const e = await statusError(() => names('spec.image=x'));
  t.equal(e.message, 'field label not supported: spec.image');
  const r = await kubectl(c.engine, 'get ct --field-selector spec.color=blue -o name');
  t.equal(r.stdout, 'crontab.stable.example.com/b\n');
});

t.test('x-kubernetes-validations rules are checked with their messages', async (t) => {
  const c = await newTestCluster({ fixture: 'bare' });
  const client = c.engine.client();
  const schema: Json = {
    type: 'object',
    properties: {
      metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } },
      spec: {
        type: 'object',
        'x-kubernetes-validations': [
          { rule: 'self.minReplicas <= self.replicas', message: 'replicas should be greater than or equal to minReplicas.' },
          { rule: 'self.replicas <= self.maxReplicas', message: 'replicas should be smaller than or equal to maxReplicas.' },
          { rule: "!has(self.image) || self.image.startsWith('registry.example.com/')" },
          { rule: 'self.tags.all(t, size(t) <= 5)', fieldPath: '.tags', reason: 'FieldValueForbidden', message: 'tags are at most 5 characters' },
        ],
        properties: {
          minReplicas: { type: 'integer' },
          replicas: { type: 'integer' },
          maxReplicas: { type: 'integer' },
          image: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }] },
          tags: { type: 'array', items: { type: 'string' }, default: [] },
        },
      },
    },
  };
  await client.create(kind(c, 'crd'), crd({ shortNames: ['ct'], schema }));
  const ct = kind(c, 'ct');
  const invalid = async (spec: Json) => (await statusError(() => client.create(ct, cronTab('x', spec)))).message;
  t.equal(
    await invalid({ minReplicas: 1, replicas: 20, maxReplicas: 10 }),
    'CronTab.stable.example.com "x" is invalid: spec: Invalid value: "object": replicas should be smaller than or equal to maxReplicas.',
  );
  t.equal(
    await invalid({ replicas: 2, maxReplicas: 10 }),
    'CronTab.stable.example.com "x" is invalid: spec: Invalid value: "object": no such key: minReplicas evaluating rule: replicas should be greater than or equal to minReplicas.',
  );
  t.equal(
    await invalid({ minReplicas: 1, replicas: 2, maxReplicas: 10, image: 'docker.io/nginx' }),
    `CronTab.stable.example.com "x" is invalid: spec: Invalid value: "object": failed rule: !has(self.image) || self.image.startsWith('registry.example.com/')`,
  );
  t.equal(
    await invalid({ minReplicas: 1, replicas: 2, maxReplicas: 10, tags: ['short', 'toolong'] }),
    'CronTab.stable.example.com "x" is invalid: spec.tags: Forbidden: tags are at most 5 characters',
  );
  t.equal(
    await invalid({ minReplicas: 'one', replicas: 2, maxReplicas: 10 }),
    'CronTab.stable.example.com "x" is invalid: [spec.minReplicas: Invalid value: "string": spec.minReplicas in body must be of type integer: "string", <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
  );
  const long = await statusError(() => client.create(ct, cronTab('a-long-name', { minReplicas: 1, replicas: 2, maxReplicas: 3 })));
  t.equal(
    long.message,
    'CronTab.stable.example.com "a-long-name" is invalid: [metadata.name: Too long: may not be more than 10 bytes, <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    'the schema may constrain metadata.name',
  );
  const ok = await client.create(ct, cronTab('ok', { minReplicas: 1, replicas: 2, maxReplicas: 3, image: 'registry.example.com/app:1' }));
  t.same(ok.spec.tags, []);
  const changed = await statusError(() => client.update(ct, { ...ok, spec: { ...ok.spec, image: 'registry.example.com/app:2' } }));
  t.equal(changed.message, 'CronTab.stable.example.com "ok" is invalid: spec.image: Invalid value: "string": Value is immutable', 'a transition rule runs on update');
  const scaled = await client.update(ct, { ...ok, spec: { ...ok.spec, replicas: 3 } });
  t.equal(scaled.spec.replicas, 3);
});

t.test('the CEL subset evaluates what validation rules commonly use', async (t) => {
  const { evalRule, CelError, UnsupportedRule } = await import('../../../src/cluster/api/crdCel.js');
  const self = { name: 'web-1', replicas: 3, ports: [80, 443], labels: { app: 'web' }, items: [{ n: 'a' }, { n: 'b' }] };
  const cases: [string, unknown][] = [
    ['self.replicas > 2 && self.replicas < 10', true],
    ['self.replicas % 2 == 1 ? "odd" : "even"', 'odd'],
    ['7 / 2', 3],
    ['7.0 / 2.0', 3.5],
    ['size(self.name) == 5 && self.name.size() == 5', true],
    ["self.name.matches('^[a-z]+-[0-9]+$')", true],
    ["self.name.startsWith('web') && self.name.endsWith('-1') && self.name.contains('b-')", true],
    ['443 in self.ports', true],
    ["'app' in self.labels && self.labels['app'] == 'web'", true],
    ['self.ports.all(p, p > 0) && self.ports.exists(p, p == 443) && self.ports.exists_one(p, p < 100)', true],
    ['self.ports.map(p, p * 2)', [160, 886]],
    ['self.ports.filter(p, p > 100)', [443]],
    ["self.items.map(i, i.n).join(',')", 'a,b'],
    ['has(self.labels.app) && !has(self.labels.tier)', true],
    ['[1, 2] + [3] == [1, 2, 3]', true],
    ["self.name + '!' == 'web-1!'", true],
    ['self.missing == 1 || true', true],
    ['-self.replicas', -3],
    ['self.ports.max() - self.ports.min()', 363],
  ];
  for (const [rule, want] of cases) t.same(evalRule(rule, self), want, rule);
  t.throws(() => evalRule('self.missing > 1', self), new CelError('no such key: missing'));
  t.throws(() => evalRule('self.ports[5] > 1', self), new CelError('index out of bounds: 5'));
  t.throws(() => evalRule('self.replicas / 0', self), new CelError('division by zero'));
  t.throws(() => evalRule("self.name > 1", self), new CelError('no such overload'));
  try {
    evalRule('quantity(self.name).isInteger()', self);
    t.fail('an unknown function is beyond the subset');
  } catch (e) {
    t.ok(e instanceof UnsupportedRule, 'an unknown function is beyond the subset, so the rule is not evaluated');
  }
  t.same(evalRule('self == oldSelf', 'a', 'a'), true);
});
