import fs from 'node:fs';
import readline from 'node:readline/promises';
import {
  addCluster,
  clusterFile,
  contextName,
  currentCluster,
  listClusterNames,
  readKubeconfig,
  removeCluster,
  writeKubeconfig,
} from './cluster/home.js';
import { Store } from './cluster/store/store.js';
import { emptyDocument } from './cluster/store/document.js';
import { RequestLog, requestLogFile } from './cluster/store/requestLog.js';
import type { IO } from './commands/util/io.js';

/** A learner's mistake: one line on stderr, exit 1, no stack. */
export class AdminError extends Error {}

/** Asks a yes/no question on the terminal; undefined when there is no terminal to ask on. */
export type Confirm = (question: string) => Promise<boolean | undefined>;

export const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY) return undefined;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

/** Asks before something that loses objects, unless --yes; without a terminal it refuses. */
async function confirmed(confirm: Confirm, yes: boolean, question: string, what: string, command: string): Promise<void> {
  if (yes) return;
  const answer = await confirm(`${question} Every object in it is lost. [y/N] `);
  if (answer === undefined) throw new AdminError(`error: ${what} loses every object in it, and there is no terminal to ask for confirmation; to go ahead, run: ${command}`);
  if (!answer) throw new AdminError('Nothing changed.');
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validName(name: string): void {
  if (!NAME.test(name) || name.length > 63)
    throw new AdminError(`error: invalid cluster name "${name}": use lower-case letters, digits and '-', starting and ending with a letter or digit`);
}

async function knownFixture(fixture: string): Promise<void> {
  const { listFixtures } = await import('./cluster/fixtures.js');
  if (!listFixtures().includes(fixture)) throw new AdminError(`error: no fixture named "${fixture}" (available: ${listFixtures().join(', ')})`);
}

/** The fixture a cluster was made from, as recorded in its store; undefined if unknown or unreadable. */
function fixtureOf(home: string, name: string): string | undefined {
  try {
    return (new Store(clusterFile(home, name)).read().sim.fixture as string | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Builds a cluster's store afresh from a fixture, replacing whatever was there (even an unreadable file). */
async function build(home: string, name: string, fixture: string): Promise<void> {
  const file = clusterFile(home, name);
  // under the store's lock, so no other process is half-way through a write
  await new Store(file).replace(emptyDocument());
  fs.rmSync(file, { force: true });
  new RequestLog(requestLogFile(file)).remove();
  const { openCluster } = await import('./cluster/engine.js');
  await openCluster(home, name, { fixture });
}

/** The cluster the current context points at (kubeadm's `kubernetes` when there is none). */
export function currentClusterName(home: string): string {
  return currentCluster(readKubeconfig(home)) ?? 'kubernetes';
}

/** `kubecadet cluster reset`: a fresh cluster from a fixture (the one it was made from, by default). */
export async function resetCluster(
  home: string,
  opts: { name?: string; fixture?: string; yes?: boolean },
  io: IO,
  confirm: Confirm = terminalConfirm,
): Promise<void> {
  const name = opts.name ?? currentClusterName(home);
  validName(name);
  const fixture = opts.fixture ?? fixtureOf(home, name) ?? 'default';
  await knownFixture(fixture);
  if (fs.existsSync(clusterFile(home, name)))
    await confirmed(confirm, !!opts.yes, `Reset cluster "${name}" to the "${fixture}" fixture?`, `resetting cluster "${name}"`, `kubecadet cluster reset${opts.name ? ` --name ${name}` : ''}${opts.fixture ? ` --fixture ${fixture}` : ''} --yes`);
  await build(home, name, fixture);
  const cfg = readKubeconfig(home);
  if (!cfg.clusters.some((c) => c.name === name)) {
    addCluster(cfg, name);
    writeKubeconfig(home, cfg);
  }
  io.out(`Cluster "${name}" reset to fixture "${fixture}".\n`);
}

/** `kubecadet cluster create NAME`: a new cluster, and a kubeconfig context `kubernetes-admin@NAME` for it. */
export async function createCluster(home: string, name: string, opts: { fixture?: string }, io: IO): Promise<void> {
  validName(name);
  const fixture = opts.fixture ?? 'default';
  await knownFixture(fixture);
  if (fs.existsSync(clusterFile(home, name)))
    throw new AdminError(`error: cluster "${name}" already exists; start it afresh with 'kubecadet cluster reset --name ${name}'`);
  await build(home, name, fixture);
  const cfg = readKubeconfig(home);
  addCluster(cfg, name);
  writeKubeconfig(home, cfg);
  io.out(
    `Cluster "${name}" created from fixture "${fixture}", with context "${contextName(name)}".\n` +
      `Switch to it with: kubecadet cluster use ${name}   (or: kubectl config use-context ${contextName(name)})\n`,
  );
}

/** Every cluster: those with a store, and those the kubeconfig names (made on first use). */
function allClusters(home: string): string[] {
  const cfg = readKubeconfig(home);
  return [...new Set([...listClusterNames(home), ...cfg.clusters.map((c) => c.name)])].sort();
}

/** `kubecadet cluster use NAME`: switches the current context to the cluster's. */
export async function useCluster(home: string, name: string, io: IO): Promise<void> {
  const cfg = readKubeconfig(home);
  const ctx = cfg.contexts.find((c) => c.name === contextName(name)) ?? cfg.contexts.find((c) => c.context.cluster === name);
  if (!ctx) {
    if (!fs.existsSync(clusterFile(home, name)))
      throw new AdminError(`error: no cluster named "${name}" (have: ${allClusters(home).join(', ')}); create it with 'kubecadet cluster create ${name}'`);
    addCluster(cfg, name);
  }
  const context = ctx?.name ?? contextName(name);
  cfg['current-context'] = context;
  writeKubeconfig(home, cfg);
  io.out(`Switched to context "${context}".\n`);
}

/** `kubecadet cluster delete NAME`: removes its store and its kubeconfig entries; never the last cluster. */
export async function deleteCluster(home: string, name: string, opts: { yes?: boolean }, io: IO, confirm: Confirm = terminalConfirm): Promise<void> {
  const clusters = allClusters(home);
  if (!clusters.includes(name)) throw new AdminError(`error: no cluster named "${name}" (have: ${clusters.join(', ')})`);
  if (clusters.length === 1) throw new AdminError(`error: "${name}" is the only cluster; start it afresh with 'kubecadet cluster reset' instead`);
  await confirmed(confirm, !!opts.yes, `Delete cluster "${name}"?`, `deleting cluster "${name}"`, `kubecadet cluster delete ${name} --yes`);
  const file = clusterFile(home, name);
  await new Store(file).replace(emptyDocument());
  fs.rmSync(file, { force: true });
  new RequestLog(requestLogFile(file)).remove();
  const cfg = readKubeconfig(home);
  const wasCurrent = currentCluster(cfg) === name;
  removeCluster(cfg, name);
  let switched = '';
  if (wasCurrent) {
    const next = clusters.find((c) => c !== name)!;
    if (!cfg.clusters.some((c) => c.name === next)) addCluster(cfg, next);
    cfg['current-context'] = cfg.contexts.find((c) => c.context.cluster === next)!.name;
    switched = `Switched to context "${cfg['current-context']}".\n`;
  }
  writeKubeconfig(home, cfg);
  io.out(`Cluster "${name}" deleted.\n${switched}`);
}

/** `kubecadet cluster list`: one row per cluster, the current one starred. */
export async function listClusters(home: string, io: IO): Promise<void> {
  const { TabWriter } = await import('./commands/printers/tabwriter.js');
  const current = currentCluster(readKubeconfig(home));
  const rows = [['CURRENT', 'NAME', 'FIXTURE', 'NODES', 'OBJECTS']];
  for (const name of allClusters(home)) {
    let fixture = '-';
    let nodes = '-';
    let objects = '-';
    if (fs.existsSync(clusterFile(home, name))) {
      try {
        const doc = new Store(clusterFile(home, name)).read();
        fixture = (doc.sim.fixture as string | undefined) ?? '-';
        nodes = String(Object.keys(doc.objects['/nodes'] ?? {}).length);
        // events come and go; count what a learner made or the cluster holds
        objects = String(Object.entries(doc.objects).reduce((n, [k, m]) => (k.endsWith('/events') ? n : n + Object.keys(m).length), 0));
      } catch {
        fixture = 'unreadable';
      }
    } else fixture = '(created on first use)';
    rows.push([name === current ? '*' : '', name, fixture, nodes, objects]);
  }
  io.out(new TabWriter().format(rows));
}
