/**
 * A separate kubecadet process for the store's cross-process tests: it opens the cluster in the home
 * given on the command line and creates ConfigMaps through the API, as any command would.
 *
 *   node storeChild.js create HOME PREFIX COUNT [DATA_BYTES] [PAUSE_MS]
 *     creates PREFIX-0 .. PREFIX-(COUNT-1), printing `<name> <ms before> <ms after>` for each
 *   node storeChild.js loop HOME PREFIX [DATA_BYTES]
 *     creates PREFIX-0, PREFIX-1 ... until it is killed, printing `<name>` once each is stored
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openCluster } from '../../src/cluster/engine.js';

const [mode, home, prefix, ...rest] = process.argv.slice(2);

async function main(): Promise<void> {
  const engine = await openCluster(home, 'kubernetes', { fixture: 'bare' });
  const client = engine.client();
  const spec = client.kinds.resolve('configmaps')!;
  const dataBytes = Number(mode === 'create' ? (rest[1] ?? 0) : (rest[0] ?? 0));
  const create = async (i: number) => {
    const name = `${prefix}-${i}`;
    await client.create(spec, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { payload: 'x'.repeat(dataBytes) } }, 'default');
    return name;
  };
  if (mode === 'create') {
    const count = Number(rest[0]);
    const pause = Number(rest[2] ?? 0);
    for (let i = 0; i < count; i++) {
      const before = Date.now();
      const name = await create(i);
      process.stdout.write(`${name} ${before} ${Date.now()}\n`);
      if (pause) await sleep(pause);
    }
    return;
  }
  if (mode === 'loop') {
    for (let i = 0; ; i++) process.stdout.write(`${await create(i)}\n`);
  }
  throw new Error(`unknown mode ${mode}`);
}

await main();
