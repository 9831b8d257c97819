import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The data folder: `$KUBECADET_HOME` (default ~/.kubecadet) holds one store per cluster under clusters/
 * and a kubeconfig whose contexts name those clusters, as the CKA exam's contexts name real ones.
 */
export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECADET_HOME || path.join(os.homedir(), '.kubecadet');
}

export function clusterFile(home: string, cluster: string): string {
  return path.join(home, 'clusters', `${cluster}.json`);
}

export function listClusterNames(home: string): string[] {
  try {
    return fs
      .readdirSync(path.join(home, 'clusters'))
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

export interface KubeContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string; [key: string]: unknown };
}

export interface KubeconfigDoc {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string; [key: string]: unknown } }[];
  contexts: KubeContext[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: { name: string; user: Record<string, unknown> }[];
}

export const DEFAULT_CLUSTER = 'kubernetes';
export const DEFAULT_USER = 'kubernetes-admin';

export function kubeconfigFile(home: string): string {
  return path.join(home, 'kubeconfig.json');
}

/** Stand-ins for kubeadm's base64 PEM data: `config view` shows them as DATA+OMITTED, `--raw` as they are. */
const CA_DATA = Buffer.from('kubecadet simulated cluster CA').toString('base64');
const CLIENT_CERT_DATA = Buffer.from('kubecadet simulated client certificate').toString('base64');
const CLIENT_KEY_DATA = Buffer.from('kubecadet simulated client key').toString('base64');

/** kubeadm's admin.conf for the default cluster, as a fresh home starts with. */
export function defaultKubeconfig(): KubeconfigDoc {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [clusterEntry(DEFAULT_CLUSTER)],
    contexts: [contextEntry(DEFAULT_CLUSTER)],
    'current-context': contextName(DEFAULT_CLUSTER),
    preferences: {},
    users: [{ name: DEFAULT_USER, user: { 'client-certificate-data': CLIENT_CERT_DATA, 'client-key-data': CLIENT_KEY_DATA } }],
  };
}

/** The default cluster's API server is the control plane's address in the default fixture. */
export function clusterEntry(name: string): KubeconfigDoc['clusters'][number] {
  const host = name === DEFAULT_CLUSTER ? '172.30.1.2' : `${name}-controlplane`;
  return { name, cluster: { 'certificate-authority-data': CA_DATA, server: `https://${host}:6443` } };
}

/** kubeadm names its context `kubernetes-admin@kubernetes`; further clusters follow the same pattern. */
export function contextName(cluster: string): string {
  return `${DEFAULT_USER}@${cluster}`;
}

export function contextEntry(cluster: string): KubeContext {
  return { name: contextName(cluster), context: { cluster, user: DEFAULT_USER } };
}

/** Adds a cluster and its admin context (and the admin user, if it went missing). */
export function addCluster(cfg: KubeconfigDoc, cluster: string): void {
  cfg.clusters = [...cfg.clusters.filter((c) => c.name !== cluster), clusterEntry(cluster)];
  cfg.contexts = [...cfg.contexts.filter((c) => c.name !== contextName(cluster)), contextEntry(cluster)];
  if (!cfg.users.some((u) => u.name === DEFAULT_USER)) cfg.users.push(defaultKubeconfig().users[0]);
}

/** Removes a cluster and every context that points at it; current-context is left for the caller. */
export function removeCluster(cfg: KubeconfigDoc, cluster: string): void {
  cfg.clusters = cfg.clusters.filter((c) => c.name !== cluster);
  cfg.contexts = cfg.contexts.filter((c) => c.context.cluster !== cluster);
}

/** The cluster (store) the current context points at, or undefined. */
export function currentCluster(cfg: KubeconfigDoc): string | undefined {
  return cfg.contexts.find((c) => c.name === cfg['current-context'])?.context.cluster;
}

export function readKubeconfig(home: string): KubeconfigDoc {
  try {
    return JSON.parse(fs.readFileSync(kubeconfigFile(home), 'utf8')) as KubeconfigDoc;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultKubeconfig();
    throw new Error(`error: the kubeconfig ${kubeconfigFile(home)} cannot be read: ${(e as Error).message}`);
  }
}

export function writeKubeconfig(home: string, cfg: KubeconfigDoc): void {
  fs.mkdirSync(home, { recursive: true });
  const file = kubeconfigFile(home);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, 2));
  fs.renameSync(tmp, file);
}
