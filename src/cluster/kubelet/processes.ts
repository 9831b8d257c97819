import type { KubeObject } from '../api/types.js';
import { parseImage } from './images.js';

/** One line of `ps`: who runs what. */
interface Process {
  user: string;
  command: string;
}

/** What an image runs as its main process(es) when the container gives no command of its own. */
function imageProcesses(image: string): Process[] {
  const repo = parseImage(image).repository;
  const root = (command: string): Process => ({ user: 'root', command });
  switch (repo) {
    case 'nginx':
      return [root('nginx: master process nginx -g daemon off;'), { user: '101', command: 'nginx: worker process' }, { user: '101', command: 'nginx: worker process' }];
    case 'httpd':
      return [root('httpd -DFOREGROUND'), { user: 'daemon', command: 'httpd -DFOREGROUND' }];
    case 'redis':
      return [{ user: '999', command: 'redis-server *:6379' }];
    case 'registry.k8s.io/pause':
      return [{ user: '65535', command: '/pause' }];
    case 'busybox':
    case 'alpine':
    case 'registry.k8s.io/busybox':
      return [root('sh')];
    case 'ubuntu':
    case 'debian':
      return [root('bash')];
    default:
      return [root(repo.split('/').pop()!)];
  }
}

/** A container's main process(es): its command line, or its image's. */
function containerProcesses(c: KubeObject): Process[] {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  return argv.length ? [{ user: 'root', command: argv.join(' ') }] : imageProcesses(String(c.image));
}

function running(pod: KubeObject, name: string): boolean {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  return !!statuses.find((s: KubeObject) => s.name === name)?.state?.running;
}

/**
 * The processes container `c` sees in its PID namespace: the pod's, behind the pause process, when the pod
 * shares one (shareProcessNamespace, as `kubectl debug --copy-to` sets it); an ephemeral container's target
 * first (`kubectl debug --target`); otherwise only its own. Then `ps` itself.
 */
export function psLines(pod: KubeObject, c: KubeObject): string {
  const procs: Process[] = [];
  const all: KubeObject[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (pod.spec?.shareProcessNamespace) {
    procs.push({ user: '65535', command: '/pause' });
    for (const other of all) if (other.name === c.name || running(pod, other.name)) procs.push(...containerProcesses(other));
  } else {
    const target = c.targetContainerName ? all.find((x) => x.name === c.targetContainerName) : undefined;
    if (target && running(pod, target.name)) procs.push(...containerProcesses(target));
    procs.push(...containerProcesses(c));
  }
  procs.push({ user: 'root', command: 'ps' });
  // busybox's layout: PID right-aligned in 5, user in 8, TIME in 5
  let pid = 0;
  const rows = procs.map((p, i) => {
    pid = i === 0 ? 1 : pid + 6 * i;
    return `${String(pid).padStart(5)} ${p.user.padEnd(8)} ${'0:00'.padStart(5)} ${p.command}\n`;
  });
  return `PID   USER     TIME  COMMAND\n${rows.join('')}`;
}
