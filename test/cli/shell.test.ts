import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { cli } from '../helpers/cli.js';
import { tempHome } from '../helpers/cluster.js';

// `kubecadet shell` as a learner uses it: commands typed into the subshell (here fed on its standard
// input), kubectl and k answered by kubecadet, the prompt naming what is in progress, exit returning.

const BANK = fileURLToPath(new URL('../../../test/lessons/exam-bank/', import.meta.url));

t.test('bash: kubectl and k are kubecadet, completion, the lesson in the prompt, exit returns its code', async (t) => {
  const home = tempHome();
  const userHome = tempHome('kubecadet-user-');
  fs.writeFileSync(path.join(home, 'progress.json'), JSON.stringify({ current: 'self-healing', lessons: {} }, null, 2));
  const input = [
    'kubectl get nodes -o name',
    'k get ns default -o name',
    'type -P kubectl',
    'COMP_WORDS=(k ge); COMP_CWORD=1; __kubecadet_complete; echo "verbs: ${COMPREPLY[*]}"',
    'COMP_WORDS=(kubectl get deploy); COMP_CWORD=2; __kubecadet_complete; echo "types: ${COMPREPLY[*]}"',
    'complete -p k',
    'exit 3',
    '',
  ].join('\n');
  const r = cli(home, ['shell'], { input, env: { HOME: userHome } });
  t.equal(r.code, 3, 'exit returns, with the shell code');
  t.equal(
    r.stdout,
    `kubecadet shell: kubectl and k here run kubecadet's kubectl (cluster "kubernetes"). Lesson self-healing. Type exit to return.\n` +
      'node/controlplane\nnode/node01\nnode/node02\n' +
      'namespace/default\n' +
      `${path.join(home, 'shell', 'bin', 'kubectl')}\n` +
      'verbs: get\n' +
      'types: deploy deployment deployments\n' +
      'complete -F __kubecadet_complete k\n',
  );
  t.match(r.stderr, /\(kubecadet: lesson self-healing\) [^\n]* [$#] kubectl get nodes -o name/, 'the prompt names the lesson');
  t.equal(fs.readFileSync(path.join(home, 'shell', 'bin', 'k'), 'utf8'), `#!/bin/sh\nexec '${process.execPath}' '${path.resolve(fileURLToPath(new URL('../../../bin/kubecadet.js', import.meta.url)))}' kubectl "$@"\n`);
});

t.test('bash: a running exam is named when the shell starts and in every prompt while it runs', async (t) => {
  const home = tempHome();
  const env = { HOME: tempHome('kubecadet-user-'), KUBECADET_CONTENT_DIR: BANK, KUBECADET_EXAM_NOW: String(Date.UTC(2026, 0, 1, 10, 0, 0)) };
  t.equal(cli(home, ['exam', '--seed', '7', '--tasks', '1'], { env }).code, 0);
  const r = cli(home, ['shell'], { input: 'kubectl config current-context\nkubecadet exam abandon >/dev/null\necho done\nexit\n', env });
  t.equal(r.code, 0);
  t.equal(
    r.stdout,
    `kubecadet shell: kubectl and k here run kubecadet's kubectl (cluster "k8s-c2"). Exam cka-20260101-1000-7, 2:00:00 left. Type exit to return.\n` +
      'k8s-c2\ndone\n',
  );
  t.match(r.stderr, /\(kubecadet: exam cka-20260101-1000-7\) [^\n]* [$#] kubectl config current-context/);
  t.match(r.stderr, /\(kubecadet\) [^\n]* [$#] echo done/, 'once the exam is over the prompt says so');
});

t.test('without bash: sh, with the same kubectl and the prompt fixed at start', async (t) => {
  const home = tempHome();
  const onlySh = tempHome('kubecadet-path-');
  fs.symlinkSync(fs.realpathSync('/bin/sh'), path.join(onlySh, 'sh'));
  const r = cli(home, ['shell'], { input: 'k get ns kube-system -o name\necho "$PS1"\nexit\n', env: { PATH: onlySh, HOME: tempHome('kubecadet-user-') } });
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stdout, `kubecadet shell: kubectl and k here run kubecadet's kubectl (cluster "kubernetes"). Type exit to return.\nnamespace/kube-system\n(kubecadet) $ \n`);
});
