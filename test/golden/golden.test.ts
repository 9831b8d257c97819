import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';
import { localGoldens, sharedGoldens, SHARED_GOLDEN_DIR, type GoldenCase } from '../helpers/golden.js';

/**
 * The recorded client is a distribution build (`v1.32.4-dispatcher`); kubecadet presents itself as the
 * stock v1.32.4 build, whose fields the recorded server shows. Everything else must match byte for byte.
 */
function stockClient(s: string): string {
  return s
    .replaceAll('v1.32.4-dispatcher', 'v1.32.4')
    .replaceAll('4cb5f0764b8d5f425645c6f433394fede34a8a26', '59526cd4867447956156ae3a602fcbac10a2c335')
    .replaceAll('2025-05-15T20:09:34Z', '2025-04-22T16:02:27Z')
    .replaceAll('go1.23.8', 'go1.23.6')
    .replaceAll('"32+"', '"32"')
    .replaceAll('minor: 32+', 'minor: "32"');
}

/** Shared cases whose every byte kubectl computed, or whose fake-server part our cluster reproduces. */
const SHARED = [
  // no server at all
  'options',
  'version-client',
  'version-client-json',
  'err-unknown-flag',
  'err-unknown-shorthand',
  'err-flag-needs-arg',
  'help-get',
  'help-api-resources',
  'help-version',
  'help-options',
  // kubectl's own checks and messages, before or around the server's answer
  'err-bad-output-get',
  'get-unknown-type',
  'get-no-type',
  'get-pods-custom-columns-bad',
  'get-output-watch-events-without-watch',
  'watch-multi-type',
  'get-show-labels-yaml',
  'get-pod-missing',
  'get-pod-missing-ignore',
  'get-pods-ns-missing',
  'get-pods-selector-none',
  'get-pods-A-selector-none',
  'get-sort-by-missing',
  // discovery and version: the same groups for apps and rbac, the same server build
  'api-resources-wide',
  'api-resources-name',
  'version-server',
  'version-short-json',
  // the go-template printer behind create's generators
  'create-deployment-gotemplate',
  // authorization: the API server's Forbidden texts, and can-i
  'help-auth-can-i',
  'get-forbidden',
  'get-forbidden-cluster',
  'get-forbidden-one',
  'delete-forbidden',
  'auth-can-i-yes',
];

/** Cases recorded for this project with test/golden/record.sh (server 127.0.0.1:1). */
const LOCAL = ['version-', 'api-versions-', 'api-resources-', 'help-api-versions', 'help-auth', 'auth-', 'certificate-', 'attach-'];

t.test('kubectl verbs match the recorded runs of the real kubectl v1.32 byte for byte', async (t) => {
  const c = await newTestCluster();
  const shared = sharedGoldens(SHARED).filter((k) => SHARED.includes(k.name));
  t.equal(shared.length, SHARED.length, 'every listed case was found');
  const cases: GoldenCase[] = [...shared, ...localGoldens(LOCAL)];
  const env = { ...process.env, HOME: '/tmp/kubectl-home', KUBECADET_HOME: '/nonexistent-kubecadet-home' };
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args, { env });
    t.equal(r.stdout, stockClient(k.stdout), `${k.name}: stdout`);
    t.equal(r.stderr, stockClient(k.stderr), `${k.name}: stderr`);
    t.equal(r.code, k.code, `${k.name}: exit code`);
  }
});

t.test('the shared golden set is where the harness expects it', async (t) => {
  t.ok(fs.existsSync(path.join(SHARED_GOLDEN_DIR, 'cases.tsv')));
});

/**
 * The recorded pods of the shared set (names, labels, nodes and IPs read back from the recordings), so
 * the outputs kubectl computes from object fields alone (custom-columns, jsonpath, -o name) can be
 * compared whole.
 */
async function recordedPods() {
  const c = await newTestCluster({ simulate: false });
  const client = c.engine.client('system:admin');
  const pods = c.engine.api.kinds.resolve('pods')!;
  const read = (name: string) => fs.readFileSync(path.join(SHARED_GOLDEN_DIR, `${name}.out`), 'utf8').split('\n').slice(1, -1);
  const labels = new Map(read('get-pods-show-labels').map((l) => [l.split(/\s+/)[0], l.split(/\s+/).pop()!]));
  for (const line of read('get-pods-custom-columns')) {
    const [name, node, ip] = line.split(/\s+/);
    const l = Object.fromEntries(labels.get(name)!.split(',').map((kv) => kv.split('=')));
    const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] };
    if (node !== '<none>') spec.nodeName = node;
    await client.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: l }, spec } as never, 'default');
    if (ip !== '<none>') await client.patch(pods, 'default', name, 'merge', { status: { podIP: ip, podIPs: [{ ip }] } }, { subresource: 'status' });
  }
  return c;
}

t.test('outputs kubectl computes from the objects match the recordings whole', async (t) => {
  const c = await recordedPods();
  const cases = sharedGoldens(['get-pods-custom-columns', 'get-pods-jsonpath', 'get-pods-name', 'get-pod-name', 'get-pods-sort-by-name']).filter(
    (k) => !['get-pods-custom-columns-bad', 'get-pods-sort-by-name'].includes(k.name),
  );
  t.equal(cases.length, 6);
  for (const k of cases) {
    const r = await kubectl(c.engine, k.args);
    t.equal(r.stdout, k.stdout, `${k.name}: stdout`);
    t.equal(r.stderr, k.stderr, `${k.name}: stderr`);
    t.equal(r.code, k.code, `${k.name}: exit code`);
  }
});
