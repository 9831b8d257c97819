import t from 'tap';
import { withRunningPod } from '../../helpers/cluster.js';
import { kubectl } from '../../helpers/kubectl.js';
import type { KubeObject } from '../../../src/cluster/api/types.js';

async function withPod() {
  const { c, client, pods, add } = await withRunningPod();
  const pod = () => client.get(pods, 'default', 'web');
  const step = async (ms: number) => {
    c.advance(ms);
    await c.engine.sync();
  };
  return { c, add, pod, step, k: (line: string) => kubectl(c.engine, line) };
}

t.test('the kubelet pulls and starts an ephemeral container once, reporting it apart from the pod\'s own', async (t) => {
  const { add, pod, step, k } = await withPod();
  await add({ name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'web' });
  await step(0);
  const waiting = pod().status.ephemeralContainerStatuses;
  t.same(waiting, [{ image: 'busybox', imageID: '', lastState: {}, name: 'debugger', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }], 'noticed at once, waiting');
  await step(5_000);
  const s = pod().status.ephemeralContainerStatuses[0];
  t.ok(s.state.running, 'running once its image is pulled');
  t.equal(s.ready, false, 'an ephemeral container is never ready');
  t.notOk('started' in s, 'and has no started field');
  t.equal(s.image, 'docker.io/library/busybox:latest');
  t.match(s.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
  t.equal(pod().status.containerStatuses.length, 1, 'the pod\'s containers are as they were');

  const get = await k('get pod web');
  t.match(get.stdout, /\nweb +1\/1 +Running +0 +/, 'READY counts the pod\'s containers only');
  const events = await k('get events --field-selector involvedObject.name=web -o custom-columns=REASON:.reason,PATH:.involvedObject.fieldPath,MESSAGE:.message --sort-by=.metadata.creationTimestamp');
  t.match(events.stdout, /Pulling +spec\.ephemeralContainers\{debugger\} +Pulling image "busybox"\n/);
  t.match(events.stdout, /Started +spec\.ephemeralContainers\{debugger\} +Started container debugger\n/);
});

t.test('an ephemeral container that ends stays terminated; one whose image cannot be pulled backs off', async (t) => {
  const { add, pod, step } = await withPod();
  await add({ name: 'once', image: 'busybox', command: ['sh', '-c', 'echo done'] });
  await add({ name: 'nope', image: 'busybox:doesnotexist' });
  await step(0);
  await step(5_000);
  await step(60_000);
  const byName = Object.fromEntries(pod().status.ephemeralContainerStatuses.map((s: KubeObject) => [s.name, s]));
  t.match(byName.once.state, { terminated: { exitCode: 0, reason: 'Completed' } }, 'ran to its end');
  t.equal(byName.once.restartCount, 0, 'and is never restarted');
  t.equal(byName.nope.state.waiting.reason, 'ImagePullBackOff');
  t.match(byName.nope.state.waiting.message, /^Back-off pulling image "busybox:doesnotexist": ErrImagePull: /);
  t.equal(pod().status.phase, 'Running', 'the pod runs on regardless');
});

t.test('describe pod shows the Ephemeral Containers section after Containers', async (t) => {
  const { add, step, k } = await withPod();
  await add({ name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'web' });
  await step(0);
  await step(5_000);
  const out = (await k('describe pod web')).stdout;
  const section = out.slice(out.indexOf('Ephemeral Containers:'), out.indexOf('Conditions:'));
  t.match(
    section,
    new RegExp(
      [
        '^Ephemeral Containers:',
        '  debugger:',
        '    Container ID:   containerd://[0-9a-f]{64}',
        '    Image:          busybox',
        '    Image ID:       docker\\.io/library/busybox@sha256:[0-9a-f]{64}',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 12:00:1\\d \\+0000',
        '    Ready:          False',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:         <none>',
        '$',
      ].join('\n'),
    ),
  );
  t.ok(out.indexOf('Containers:\n  web:') < out.indexOf('Ephemeral Containers:'));
});

t.test('a pod being deleted stops its ephemeral containers too', async (t) => {
  const { add, step, k } = await withPod();
  await add({ name: 'debugger', image: 'busybox', stdin: true });
  await step(0);
  await step(5_000);
  await k('delete pod web --wait=false');
  await step(0);
  const events = await k('get events --field-selector reason=Killing -o custom-columns=PATH:.involvedObject.fieldPath,MESSAGE:.message');
  t.match(events.stdout, /spec\.ephemeralContainers\{debugger\} +Stopping container debugger\n/);
});
