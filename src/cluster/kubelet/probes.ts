import type { KubeObject } from '../api/types.js';
import { parseImage } from './images.js';
import { compile, fileChanges } from './shell.js';

/**
 * Probes as the kubelet runs them, worked out ahead of time: a probe's result at any instant follows from
 * the container (which ports its image serves, which files its command creates and removes), so the
 * moments a container turns ready, unready, or is killed by its liveness probe can be computed, not polled.
 */
export interface ProbeResult {
  ok: boolean;
  /** the failure text of the kubelet's Unhealthy event */
  message: string;
}

/** Ports each image's server listens on, and the HTTP paths it answers with 200. */
const SERVES: Record<string, { ports: number[]; paths?: string[] }> = {
  nginx: { ports: [80], paths: ['/', '/index.html'] },
  httpd: { ports: [80], paths: ['/', '/index.html'] },
  redis: { ports: [6379] },
  memcached: { ports: [11211] },
  postgres: { ports: [5432] },
  mysql: { ports: [3306, 33060] },
  mongo: { ports: [27017] },
  traefik: { ports: [80, 8080] },
  'kodekloud/webapp-color': { ports: [8080], paths: ['/', '/color'] },
  'registry.k8s.io/e2e-test-images/agnhost': { ports: [8080, 9376], paths: ['/', '/healthz', '/readyz', '/hostname'] },
  'registry.k8s.io/coredns/coredns': { ports: [53, 8080, 8181, 9153], paths: ['/health', '/ready', '/metrics'] },
  'registry.k8s.io/etcd': { ports: [2379, 2380, 2381], paths: ['/health', '/readyz', '/livez'] },
  'registry.k8s.io/kube-apiserver': { ports: [6443], paths: ['/livez', '/readyz', '/healthz'] },
  'registry.k8s.io/kube-controller-manager': { ports: [10257], paths: ['/healthz'] },
  'registry.k8s.io/kube-scheduler': { ports: [10259], paths: ['/healthz'] },
  'registry.k8s.io/metrics-server/metrics-server': { ports: [10250, 4443], paths: ['/livez', '/readyz'] },
};

/** Whether a container of this image listens on the port (what a TCP connection to it finds). */
export function imageServes(image: string, port: number): boolean {
  return SERVES[parseImage(image).repository]?.ports.includes(port) ?? false;
}

const ALWAYS_THERE = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/etc/passwd', '/bin/sh']);

function resolvePort(c: KubeObject, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return (c.ports ?? []).find((p: KubeObject) => p.name === port)?.containerPort;
}

/** The file an exec probe looks for (`cat /tmp/healthy`, `test -e F`, `ls F`), if it is that kind of probe. */
function probedFile(command: string[]): string | undefined {
  const line = command.join(' ');
  const m = /(?:^|\s|;|&&)(?:cat|ls|stat|test -[ef]|\[ -[ef])\s+(\/\S+)/.exec(line);
  return m?.[1];
}

/** The result of one probe at instant t for a container started at startedAt. */
export function probeAt(probe: KubeObject, pod: KubeObject, c: KubeObject, startedAt: number, t: number): ProbeResult {
  const ip = pod.status?.podIP ?? pod.status?.hostIP ?? '';
  const repo = parseImage(String(c.image ?? '')).repository;
  const serves = SERVES[repo];
  if (probe.exec) {
    const cmd: string[] = probe.exec.command ?? [];
    const file = probedFile(cmd);
    if (!file) return { ok: true, message: '' };
    const program = compile(c.command, c.args);
    const changes = fileChanges(program, file, startedAt, t);
    let exists = ALWAYS_THERE.has(file);
    for (const ch of changes) if (ch.at <= t) exists = ch.exists;
    return exists ? { ok: true, message: '' } : { ok: false, message: `cat: can't open '${file}': No such file or directory` };
  }
  if (probe.httpGet) {
    const port = resolvePort(c, probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const host = probe.httpGet.host ?? ip;
    if (!serves || port === undefined || !serves.ports.includes(port))
      return { ok: false, message: `Get "${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port ?? probe.httpGet.port}${path}": dial tcp ${host}:${port ?? probe.httpGet.port}: connect: connection refused` };
    if (serves.paths && !serves.paths.includes(path)) return { ok: false, message: 'HTTP probe failed with statuscode: 404' };
    return { ok: true, message: '' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(c, probe.tcpSocket.port);
    if (!serves || port === undefined || !serves.ports.includes(port)) return { ok: false, message: `dial tcp ${ip}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
    return { ok: true, message: '' };
  }
  return { ok: true, message: '' };
}

export interface ProbeEvent {
  at: number;
  ok: boolean;
  message: string;
}

/** The probe instants from `from` (the first one after the initial delay) up to `until`, with results. */
export function probeRuns(probe: KubeObject, pod: KubeObject, c: KubeObject, startedAt: number, from: number, until: number, max = 20000): ProbeEvent[] {
  const period = (probe.periodSeconds ?? 10) * 1000;
  const first = from + (probe.initialDelaySeconds ?? 0) * 1000;
  const out: ProbeEvent[] = [];
  for (let t = first, n = 0; t <= until && n < max; t += period, n++) {
    const r = probeAt(probe, pod, c, startedAt, t);
    out.push({ at: t, ok: r.ok, message: r.message });
  }
  return out;
}

/** The instant a run of `threshold` consecutive failures completes (undefined if none by `until`). */
export function failureStreakAt(runs: ProbeEvent[], threshold: number): ProbeEvent | undefined {
  let streak = 0;
  for (const r of runs) {
    streak = r.ok ? 0 : streak + 1;
    if (streak >= threshold) return r;
  }
  return undefined;
}

/** Readiness over time: the instants it flips, starting not ready. */
export function readinessFlips(runs: ProbeEvent[], failureThreshold: number, successThreshold: number): { at: number; ready: boolean; message: string }[] {
  const flips: { at: number; ready: boolean; message: string }[] = [];
  let ready = false;
  let fails = 0;
  let oks = 0;
  for (const r of runs) {
    if (r.ok) {
      oks++;
      fails = 0;
      if (!ready && oks >= successThreshold) {
        ready = true;
        flips.push({ at: r.at, ready, message: '' });
      }
    } else {
      fails++;
      oks = 0;
      if (ready && fails >= failureThreshold) {
        ready = false;
        flips.push({ at: r.at, ready, message: r.message });
      }
      if (!ready && flips.length === 0 && fails === 1) flips.push({ at: r.at, ready: false, message: r.message });
    }
  }
  return flips;
}

export interface ProbePlan {
  /** the container is killed by a failing liveness or startup probe at this instant */
  kill?: { at: number; probe: 'liveness' | 'startup'; message: string; failures: number };
  /** whether the container counts as ready at `now` */
  ready: boolean;
  /** when readiness last turned false with a failure message (for the Unhealthy event) */
  unready?: { at: number; message: string };
  /** the next instant after `now` at which readiness or the kill changes anything */
  next?: number;
}

interface Interval {
  from: number;
  to: number;
  ok: boolean;
  message: string;
}

/**
 * A probe's result as a function of time, in pieces: constant for ports and paths, changing only where the
 * container's command touches or removes the probed file.
 */
function healthIntervals(probe: KubeObject, pod: KubeObject, c: KubeObject, startedAt: number): Interval[] {
  const at = (t: number) => probeAt(probe, pod, c, startedAt, t);
  const points = [startedAt];
  if (probe.exec) {
    const file = probedFile(probe.exec.command ?? []);
    if (file) for (const ch of fileChanges(compile(c.command, c.args), file, startedAt, startedAt + 365 * 86_400_000)) points.push(ch.at);
  }
  const out: Interval[] = [];
  for (let i = 0; i < points.length; i++) {
    const r = at(points[i]);
    const to = i + 1 < points.length ? points[i + 1] : Infinity;
    const last = out[out.length - 1];
    if (last && last.ok === r.ok) last.to = to;
    else out.push({ from: points[i], to, ok: r.ok, message: r.message });
  }
  return out;
}

/** The n-th probe (1-based) at or after `a` and before `b`, for probes at first + k*period. */
function nthProbe(first: number, period: number, a: number, b: number, n: number): number | undefined {
  const k0 = Math.max(0, Math.ceil((a - first) / period));
  const t = first + (k0 + n - 1) * period;
  return t < b ? t : undefined;
}

/**
 * What a running container's probes do: startup first (liveness and readiness wait for it), then liveness
 * (a streak of failureThreshold failures kills) and readiness (successThreshold successes make it ready,
 * failureThreshold failures unready). Worked out over the pieces of constant health, so a container that
 * has run for weeks costs no more than a new one.
 */
export function probePlan(pod: KubeObject, c: KubeObject, startedAt: number, now: number): ProbePlan {
  const plan: ProbePlan = { ready: false };
  const futures: number[] = [];
  const schedule = (probe: KubeObject, from: number) => ({ first: from + (probe.initialDelaySeconds ?? 0) * 1000, period: (probe.periodSeconds ?? 10) * 1000 });
  /** the instant `threshold` consecutive failures complete, from `from` on */
  const streak = (probe: KubeObject, from: number, threshold: number, until = Infinity) => {
    const { first, period } = schedule(probe, from);
    for (const iv of healthIntervals(probe, pod, c, startedAt)) {
      if (iv.ok || iv.to <= first) continue;
      const t = nthProbe(first, period, Math.max(iv.from, first), Math.min(iv.to, until), threshold);
      if (t !== undefined) return { at: t, message: iv.message };
    }
    return undefined;
  };
  let from = startedAt;
  if (c.startupProbe) {
    const p = c.startupProbe;
    const { first, period } = schedule(p, startedAt);
    const okIv = healthIntervals(p, pod, c, startedAt).find((iv) => iv.ok && iv.to > first);
    const okAt = okIv ? nthProbe(first, period, Math.max(okIv.from, first), okIv.to, 1) : undefined;
    const fail = streak(p, startedAt, p.failureThreshold ?? 3, okAt ?? Infinity);
    if (fail) plan.kill = { at: fail.at, probe: 'startup', message: fail.message, failures: p.failureThreshold ?? 3 };
    if (okAt === undefined || plan.kill) {
      if (plan.kill && plan.kill.at > now) futures.push(plan.kill.at);
      plan.next = futures.length ? Math.min(...futures) : undefined;
      return plan;
    }
    from = okAt;
    if (okAt > now) futures.push(okAt);
  }
  if (c.livenessProbe) {
    const ft = c.livenessProbe.failureThreshold ?? 3;
    const fail = streak(c.livenessProbe, from, ft);
    if (fail) plan.kill = { at: fail.at, probe: 'liveness', message: fail.message, failures: ft };
  }
  if (plan.kill && plan.kill.at > now) futures.push(plan.kill.at);
  if (c.readinessProbe) {
    const p = c.readinessProbe;
    const { first, period } = schedule(p, from);
    const ft = p.failureThreshold ?? 3;
    const st = p.successThreshold ?? 1;
    let ready = false;
    let firstFailure = true;
    for (const iv of healthIntervals(p, pod, c, startedAt)) {
      if (iv.to <= first) continue;
      const a = Math.max(iv.from, first);
      let flip: number | undefined;
      if (iv.ok && !ready) flip = nthProbe(first, period, a, iv.to, st);
      else if (!iv.ok && ready) flip = nthProbe(first, period, a, iv.to, ft);
      else if (!iv.ok && !ready && firstFailure) {
        // never ready yet: the first failed probe is reported, readiness stays false
        const t = nthProbe(first, period, a, iv.to, 1);
        if (t !== undefined && t <= now) plan.unready = { at: t, message: iv.message };
        else if (t !== undefined) futures.push(t);
        firstFailure = false;
        continue;
      }
      if (flip === undefined) continue;
      if (flip > now) {
        futures.push(flip);
        break;
      }
      ready = !ready;
      firstFailure = false;
      if (!ready) plan.unready = { at: flip, message: iv.message };
    }
    plan.ready = ready;
  } else plan.ready = from <= now;
  plan.next = futures.length ? Math.min(...futures) : undefined;
  return plan;
}
