import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { sharedGoldens } from '../helpers/golden.js';
import { kubectl } from '../helpers/kubectl.js';
import { addWorkers } from '../helpers/nodes.js';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

t.test('wait: conditions, jsonpath and deletion, as the simulated cluster moves', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, 'create deployment web --image=nginx --replicas=2');
  const [met] = sharedGoldens(['wait-condition-met']);
  const start = c.clock.now();
  t.same(await kubectl(c.engine, met.args), ok(met.stdout), 'wait-condition-met');
  t.ok(c.clock.now() > start, 'the clock moved while waiting');
  await kubectl(c.engine, 'run standalone --image=nginx');
  const [jp] = sharedGoldens(['wait-jsonpath']);
  t.same(await kubectl(c.engine, jp.args), ok(jp.stdout), 'wait-jsonpath');
  t.same(await kubectl(c.engine, 'wait --for=condition=ready=TRUE pod/standalone'), ok('pod/standalone condition met\n'), 'type and value compare without case');
  t.same(await kubectl(c.engine, ['wait', '--for=jsonpath={.spec.nodeName}', 'pod/standalone']), ok('pod/standalone condition met\n'), 'a path alone: it exists');
  await kubectl(c.engine, 'delete pod standalone --wait=false');
  const [del] = sharedGoldens(['wait-delete']);
  t.same(await kubectl(c.engine, del.args), ok(del.stdout), 'wait-delete: the pod goes after its grace period');
  const [absent] = sharedGoldens(['wait-delete-absent']);
  t.same(await kubectl(c.engine, absent.args), ok(absent.stdout), 'wait-delete-absent');
  t.same(await kubectl(c.engine, 'wait --for=condition=Ready pod -l app=web'), ok(c.engine.client().list(c.engine.client().kinds.forKind('Pod')!, 'default', { labelSelector: 'app=web' }).items.map((p) => `pod/${p.metadata.name} condition met\n`).join('')));
});

t.test('wait: timeouts and errors', async (t) => {
  const c = await newTestCluster();
  await addWorkers(c.engine);
  await kubectl(c.engine, ['run', 'crashy', '--image=busybox', '--', 'sh', '-c', 'exit 1']);
  const [timeout] = sharedGoldens(['wait-timeout']);
  const start = c.clock.now();
  t.same(await kubectl(c.engine, timeout.args), fail(timeout.stderr), 'wait-timeout');
  t.equal(c.clock.now() - start, 2000, 'two seconds of simulated time');
  t.same(await kubectl(c.engine, 'wait --for=condition=Ready pod/nope --timeout=1s'), fail('Error from server (NotFound): pods "nope" not found\n'));
  t.same(await kubectl(c.engine, 'wait pod/x'), fail('error: unrecognized condition: ""\n'));
  t.same(await kubectl(c.engine, 'wait --for=foo pod/x'), fail('error: unrecognized condition: "foo"\n'));
  t.same(await kubectl(c.engine, ['wait', '--for=jsonpath={x}', 'pod/crashy']), fail("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"));
  t.same(await kubectl(c.engine, 'wait --for=condition=Ready'), fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"));
  t.same(await kubectl(c.engine, 'wait --for=create pod/later --timeout=0'), fail('error: timed out waiting for the condition on pods/later\n'));
  const [help] = sharedGoldens(['help-wait']);
  t.same(await kubectl(c.engine, help.args), ok(help.stdout), 'help-wait');
});
