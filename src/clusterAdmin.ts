import fs from 'node:fs';
import readline from 'node:readline/promises';
import { clusterFile } from './cluster/home.js';
import { Store } from './cluster/store/store.js';
import { emptyDocument } from './cluster/store/document.js';
import type { IO } from './commands/util/io.js';

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Replaces a cluster's store with a fresh one built from a fixture. */
export async function resetCluster(home: string, name: string, fixture: string, yes: boolean, io: IO): Promise<number> {
  const file = clusterFile(home, name);
  if (!yes && fs.existsSync(file)) {
    const ok = await confirm(`Reset cluster "${name}" to the "${fixture}" fixture? Every object in it is lost. [y/N] `);
    if (!ok) {
      io.err('Cluster not reset (confirm with --yes).\n');
      return 1;
    }
  }
  const { listFixtures } = await import('./cluster/fixtures.js');
  if (!listFixtures().includes(fixture)) {
    io.err(`error: no fixture named "${fixture}" (available: ${listFixtures().join(', ')})\n`);
    return 1;
  }
  // Start from an empty document written under the lock, then load the fixture through the API.
  const store = new Store(file);
  await store.replace(emptyDocument());
  fs.rmSync(file, { force: true });
  const { openCluster } = await import('./cluster/engine.js');
  await openCluster(home, name, { fixture });
  io.out(`Cluster "${name}" reset to fixture "${fixture}".\n`);
  return 0;
}
