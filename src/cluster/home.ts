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
  context: { cluster: string; user: string; namespace?: string };
}

export interface KubeconfigDoc {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
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

export function defaultKubeconfig(): KubeconfigDoc {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [clusterEntry(DEFAULT_CLUSTER)],
    contexts: [contextEntry(DEFAULT_CLUSTER)],
    'current-context': `${DEFAULT_USER}@${DEFAULT_CLUSTER}`,
    preferences: {},
    users: [{ name: DEFAULT_USER, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

export function clusterEntry(name: string): KubeconfigDoc['clusters'][number] {
  return { name, cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://controlplane:6443' } };
}

/** kubeadm names its context `kubernetes-admin@kubernetes`; further clusters follow the same pattern. */
export function contextEntry(cluster: string): KubeContext {
  return { name: `${DEFAULT_USER}@${cluster}`, context: { cluster, user: DEFAULT_USER } };
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
