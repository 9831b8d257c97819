// Metric: a write through the API, `kubecadet kubectl create configmap`, on a 10,000-pod store, against
// `node -e 0`. Every run creates a new ConfigMap, so every run is a full transaction and a store write.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStore } from './stores.js';
import { compare, figures } from './timing.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/kubecadet.js');
const pods = Number(process.env.BENCH_WRITE_PODS ?? 10000);
const runs = 7;
const store = await buildStore(pods);
const env = { ...process.env, KUBECADET_HOME: store.home, NO_COLOR: '1' };
let i = 0;
const [write, base] = compare(
  [
    // a new name each run, so every run is a full transaction and a store write
    { cmd: process.execPath, get args() { return [BIN, 'kubectl', 'create', 'configmap', `bench-${i++}`, '--from-literal=key=value']; }, env },
    { cmd: process.execPath, args: ['-e', '0'], env },
  ],
  runs,
);
console.log(
  JSON.stringify({
    metric: `kubectl create configmap, ${pods} pods`,
    command: `KUBECADET_HOME=<store of ${pods} pods> node bin/kubecadet.js kubectl create configmap bench-N --from-literal=key=value`,
    baseline: 'node -e 0',
    runs,
    storeBytes: store.bytes,
    ...figures(write, base),
  }),
);
