import t from 'tap';
import { newTestCluster } from '../helpers/cluster.js';
import { kubectl } from '../helpers/kubectl.js';

async function withWeb() {
  const c = await newTestCluster();
  const k = (line: string, opts: { stdin?: string; terminal?: boolean } = {}) => kubectl(c.engine, line, opts);
  await k('create deployment web --image=nginx');
  await k('expose deployment web --port=80');
  c.advance(10_000);
  await c.engine.sync();
  return { c, k };
}

t.test('run --rm -i: the command\'s output, its exit code, and the pod deleted after', async (t) => {
  const { c, k } = await withWeb();
  const ok = await k('run probe --image=busybox --rm -i --restart=Never -- wget -qO- -T 2 http://web');
  t.match(ok.stdout, /^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n[\s\S]*<\/html>\npod "probe" deleted\n$/, 'the page the container printed, then the deletion');
  t.equal(ok.stderr, '');
  t.equal(ok.code, 0);

  const bad = await k('run probe2 --image=busybox --rm -it --restart=Never -- wget -qO- -T 2 http://nowhere');
  t.same(bad, { stdout: "wget: bad address 'nowhere'\npod \"probe2\" deleted\n", stderr: 'error: pod default/probe2 terminated (Error)\n', code: 1 }, 'a failed command: kubectl exits with its code');

  const dns = await k('run dns --image=busybox:1.36 --rm -i --restart=Never -- nslookup web');
  t.match(dns.stdout, /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n\npod "dns" deleted\n$/);

  const kept = await k('run keep --image=busybox -i --restart=Never -- sh -c "echo one; sleep 2; echo two"');
  t.same(kept, { stdout: 'one\ntwo\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 }, 'still running when kubectl looked: attached; without --rm the pod stays, and kubectl does not print it');
  t.match((await k('get pod keep')).stdout, /keep +0\/1 +Completed +0/);
  const logs = await k('logs keep');
  t.equal(logs.stdout, 'one\ntwo\n', 'the same output is the container\'s log');
  void c;
});

t.test('run -it -- sh: a shell session line by line at a terminal, or stdin as one script', async (t) => {
  const { k } = await withWeb();
  const typed = await k('run tmp --image=busybox --rm -it --restart=Never -- sh', { terminal: true, stdin: 'wget -qO- -T 2 web | head -n 4 | tail -n 1\ncurl web\nhostname\nexit\n' });
  t.equal(typed.stderr, "If you don't see a command prompt, try pressing enter.\n", 'no TTY warning: stdin is a terminal');
  t.match(typed.stdout, /^\/ # wget -qO- -T 2 web \| head -n 4 \| tail -n 1\n[\s\S]*\/ # curl web\nsh: curl: not found\n\/ # hostname\ntmp\n\/ # exit\npod "tmp" deleted\n$/, 'busybox\'s prompt, each answer, a missing program is the shell\'s complaint');
  t.equal(typed.code, 0, '`exit` ends with the last command\'s status');

  const piped = await k('run tmp2 --image=busybox --rm -it --restart=Never -- sh', { stdin: 'hostname\nexit 3\n' });
  t.same(piped, {
    stdout: 'tmp2\npod "tmp2" deleted\n',
    stderr: "Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\nerror: pod default/tmp2 terminated (Error)\n",
    code: 3,
  });
});

t.test('run --rm without attaching, and attaching with a dry run, are refused as kubectl refuses them', async (t) => {
  const { k } = await withWeb();
  t.match((await k('run x --image=busybox --rm')).stderr, /^error: --rm should only be used for attached containers\n/);
  t.match((await k('run x --image=busybox -it --dry-run=client')).stderr, /^error: --dry-run=\[server\|client\] can't be used with attached containers options \(--attach, --stdin, or --tty\)\n/);
});

t.test('run -i waits at most --pod-running-timeout for a pod that cannot start', async (t) => {
  const { k } = await withWeb();
  const r = await k('run nope --image=busybox:doesnotexist --rm -i --restart=Never --pod-running-timeout=30s -- true');
  t.same(r, { stdout: 'pod "nope" deleted\n', stderr: 'error: timed out waiting for the condition\n', code: 1 });
});

t.test('exec -it sh: a session at a terminal; exec, attach and logs are requests RBAC must allow', async (t) => {
  const { c, k } = await withWeb();
  await k('run box --image=busybox -- sleep 3600');
  await k('run nginx2 --image=nginx');
  c.advance(10_000);
  await c.engine.sync();
  const session = await k('exec -it box -- sh', { terminal: true, stdin: 'echo $HOSTNAME\nexit\n' });
  t.same(session, { stdout: '/ # echo $HOSTNAME\nbox\n/ # exit\n', stderr: '', code: 0 });
  const bash = await k('exec -it nginx2 -- bash', { terminal: true, stdin: 'hostname\ncurl -s web | grep title\n' });
  t.equal(bash.stdout, 'root@nginx2:/# hostname\nnginx2\nroot@nginx2:/# curl -s web | grep title\n<title>Welcome to nginx!</title>\nroot@nginx2:/# ', 'bash\'s prompt, a pipe, and the end of input ends the session');

  await k('create role reader --verb=get,list --resource=pods');
  await k('create rolebinding reader --role=reader --user=jane');
  t.same(await k('exec box --as jane -- hostname'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods "box" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
    code: 1,
  });
  t.same(await k('logs box --as jane'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods "box" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"\n',
    code: 1,
  });
  await k('create role execer --verb=create --resource=pods/exec');
  await k('create rolebinding execer --role=execer --user=jane');
  t.same(await k('exec box --as jane -- hostname'), { stdout: 'box\n', stderr: '', code: 0 }, 'pods/exec granted');
});

t.test('kubectl attach: a running container\'s output from now on, or a session with its shell', async (t) => {
  const { c, k } = await withWeb();
  await k('run ticker --image=busybox -- sh -c "while true; do date; sleep 5; done"');
  await k('run -it shell --image=busybox --attach=false -- sh');
  c.advance(20_000);
  await c.engine.sync();
  // attached for `polls` looks of half a second, then Ctrl-C
  const attachFor = (line: string, polls: number) => {
    const ac = new AbortController();
    return kubectl(c.engine, line, {
      signal: ac.signal,
      sleep: async (ms) => {
        c.engine.shiftClock(ms);
        if (--polls === 0) ac.abort();
      },
    });
  };
  const r = await attachFor('attach ticker', 20);
  t.equal(r.stderr, "If you don't see a command prompt, try pressing enter.\n");
  t.match(r.stdout, /^(\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}\n){2,3}$/, 'two or three lines: only what the container printed while attached');

  const session = await k('attach -it shell', { terminal: true, stdin: 'hostname\nexit\n' });
  t.same(session, {
    stdout: "/ # hostname\nshell\n/ # exit\nSession ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\n",
    stderr: "If you don't see a command prompt, try pressing enter.\n",
    code: 0,
  });
  t.equal((await attachFor('attach -t ticker', 1)).stderr.split('\n')[0], 'error: Unable to use a TTY - container ticker did not allocate one', 'no TTY in the container: none here either');
  await k('run done --image=busybox --restart=Never -- true');
  c.advance(10_000);
  await c.engine.sync();
  t.same(await k('attach done'), { stdout: '', stderr: 'error: cannot attach a container in a completed pod; current phase is Succeeded\n', code: 1 });
});

t.test("the end of an attached session ends the container's shell, as the real one's end does", async (t) => {
  const { c, k } = await withWeb();
  const status = async (name: string) => (await k(`get pod ${name} --no-headers`)).stdout.split(/\s+/).slice(1, 4).join(' ');

  t.same(await k('run done -it --image=busybox --restart=Never -- sh', { terminal: true, stdin: 'hostname\nexit\n' }), { stdout: '/ # hostname\ndone\n/ # exit\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
  t.equal(await status('done'), '0/1 Completed 0', 'exit: the shell, the only process, ends; the pod completes');

  const failed = await k('run failed -it --image=busybox --restart=Never -- sh', { terminal: true, stdin: 'exit 3\n' });
  t.same(failed, { stdout: '/ # exit 3\n', stderr: "If you don't see a command prompt, try pressing enter.\nerror: pod default/failed terminated (Error)\n", code: 3 }, 'kubectl waits for the pod and exits with its code');
  t.equal(await status('failed'), '0/1 Error 0');
  t.equal(JSON.parse((await k('get pod failed -o json')).stdout).status.containerStatuses[0].state.terminated.exitCode, 3);

  t.equal((await k('run ctrld -it --image=busybox --restart=OnFailure -- sh', { terminal: true, stdin: 'true\n' })).code, 0, 'the end of input (Ctrl-D) ends a shell at a terminal too');
  t.equal(await status('ctrld'), '0/1 Completed 0', 'restartPolicy OnFailure: a clean exit completes the pod');

  await k('run shell -it --image=busybox --attach=false -- sh');
  c.advance(10_000);
  await c.engine.sync();
  t.match((await k('attach -it shell', { terminal: true, stdin: 'exit\n' })).stdout, /Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\n$/);
  c.advance(2_000);
  await c.engine.sync();
  t.equal(await status('shell'), '1/1 Running 1', 'restartPolicy Always: the container restarts with a new shell');

  await k('run box --image=busybox -- sleep 3600');
  c.advance(10_000);
  await c.engine.sync();
  t.equal((await k('exec -it box -- sh', { terminal: true, stdin: 'exit 4\n' })).code, 4);
  c.advance(10_000);
  await c.engine.sync();
  t.equal(await status('box'), '1/1 Running 0', 'a shell started by exec is a process of its own: its end leaves the container be');

  t.same(await k('run open -i --leave-stdin-open --image=busybox -- sh', { stdin: 'hostname\n' }), { stdout: 'open\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
  c.advance(10_000);
  await c.engine.sync();
  t.equal(await status('open'), '1/1 Running 0', 'without stdinOnce the input stays open when kubectl goes: the shell keeps waiting');
});
