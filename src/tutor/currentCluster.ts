import { readKubeconfig } from '../cluster/home.js';

/** The cluster kubectl talks to now: the current context's. */
export function currentCluster(home: string): string {
  try {
    const cfg = readKubeconfig(home);
    return cfg.contexts.find((c) => c.name === cfg['current-context'])?.context.cluster ?? 'kubernetes';
  } catch {
    return 'kubernetes';
  }
}
