// Metric: a whole `kubecadet kubectl get pods` process against `node -e 0`, for stores of 30, 1,000
// and 10,000 pods. Prints one JSON line per store size.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStore } from './stores.js';
import { compare, figures } from './timing.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/kubecadet.js');
const sizes = (process.env.BENCH_SIZES ?? '30,1000,10000').split(',').map(Number);
const runs = { 30: 21, 1000: 11, 10000: 7 };

for (const pods of sizes) {
  const store = await buildStore(pods);
  const env = { ...process.env, KUBECADET_HOME: store.home, NO_COLOR: '1' };
  const n = runs[pods] ?? 7;
  const [kubecadet, node] = compare(
    [
      { cmd: process.execPath, args: [BIN, 'kubectl', 'get', 'pods'], env },
      { cmd: process.execPath, args: ['-e', '0'], env },
    ],
    n,
  );
  console.log(
    JSON.stringify({
      metric: `kubectl get pods, ${pods} pods`,
      command: `KUBECADET_HOME=<store of ${pods} pods> node bin/kubecadet.js kubectl get pods`,
      baseline: 'node -e 0',
      runs: n,
      storeBytes: store.bytes,
      ...figures(kubecadet, node),
      goal: pods <= 30 ? 1.5 : pods >= 10000 ? 10 : undefined,
    }),
  );
}
