import { spawn } from 'node:child_process';
import t from 'tap';
import { tempHome } from '../helpers/cluster.js';
import { BIN, cliEnv } from '../helpers/cli.js';

// `kubecadet kubectl get pods -A | head -1`: the reader may close the pipe before the command writes; it stops quietly
t.test('a reader that closes the pipe early gets no stack trace', async (t) => {
  const home = tempHome();
  const child = spawn(process.execPath, [BIN, 'kubectl', 'get', 'pods', '-A'], { env: cliEnv(home) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(stderr, '', 'nothing on stderr');
  t.equal(code, 0);
});
