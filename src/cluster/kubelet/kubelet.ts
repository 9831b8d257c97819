import { rfc3339 } from '../clock.js';
import type { Component, SyncContext } from '../component.js';
import type { KubeObject } from '../api/types.js';
import type { KindSpec } from '../api/resources/kindSpec.js';
import { EventRecorder } from '../events.js';
import { hexOf } from '../meta/hash.js';
import { loadCatalog, parseImage, pullMillis, resolveImage, type ImageInfo } from './images.js';
import { compile, endOf, isApplet, type ShellEnv } from './shell.js';
import { probePlan } from './probes.js';
import { forgetGonePods, shellExit } from './stdin.js';
import { containerEnv } from './containerEnv.js';
import { execInContainer } from './exec.js';

/** The kubelet's own memory of a pod, kept beside the objects (a real kubelet keeps it in-process). */
interface PodMemory {
  /** per container: image pull attempts and when the last one started */
  pulls?: Record<string, { attempts: number; at: number; failedAt?: number }>;
  /** per container: the readiness failure already reported as an Unhealthy event */
  unready?: Record<string, number>;
  /** when the kubelet started stopping the pod, and when its containers will be gone */
  killing?: { at: number; until: number };
  /** per ephemeral container: when the kubelet first saw it in the spec (its start is counted from then) */
  ephemeral?: Record<string, number>;
}

interface KubeletMemory {
  /** images present on each node */
  images?: Record<string, string[]>;
  pods?: Record<string, PodMemory>;
}

const MAX_BACKOFF = 300_000;
/** how long ErrImagePull shows before the kubelet's next sync turns it into ImagePullBackOff */
const ERR_PULL_SHOWN_MS = 5000;
/** a cached image's container is created and started about a second after the pod lands */
const START_MS = 1000;

function memory(ctx: SyncContext): KubeletMemory {
  const sim = ctx.view.sim();
  return ((sim.kubelet as KubeletMemory | undefined) ?? (sim.kubelet = {})) as KubeletMemory;
}

function nodeRunning(view: Pick<SyncContext['view'], 'sim' | 'get'>, node: string): boolean {
  const nodes = (view.sim().nodes ?? {}) as Record<string, { stopped?: boolean }>;
  return !nodes[node]?.stopped && !!view.get('/nodes', undefined, node);
}

/** An init container, a regular one, or an ephemeral one (added later through pods/ephemeralcontainers). */
type Role = boolean | 'ephemeral';

function allContainers(pod: KubeObject): { c: any; init: Role }[] {
  return [
    ...(pod.spec?.initContainers ?? []).map((c: any) => ({ c, init: true })),
    ...(pod.spec?.containers ?? []).map((c: any) => ({ c, init: false })),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: any) => ({ c, init: 'ephemeral' as const })),
  ];
}

function fieldPath(init: Role, name: string): string {
  return `spec.${init === 'ephemeral' ? 'ephemeralContainers' : init ? 'initContainers' : 'containers'}{${name}}`;
}

function backoffMs(restarts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restarts - 1), MAX_BACKOFF);
}

function goSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

function setCondition(conds: any[], type: string, status: string, now: number, reason?: string, message?: string): void {
  const i = conds.findIndex((c) => c.type === type);
  const old = conds[i];
  const next: Record<string, unknown> = {
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(now),
    status,
    type,
  };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  if (i >= 0) conds[i] = next;
  else conds.push(next);
}

function orderConditions(conds: any[]): any[] {
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
  return [...conds].sort((a, b) => {
    const ia = order.indexOf(a.type);
    const ib = order.indexOf(b.type);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
}

/** Looks for a ConfigMap or Secret the container's environment needs and returns kubelet's error text. */
function missingConfig(ctx: SyncContext, pod: KubeObject, c: any): string | undefined {
  const ns = pod.metadata.namespace;
  const check = (kind: 'configmap' | 'secret', name: string, key?: string, optional?: boolean) => {
    if (optional) return undefined;
    const obj = ctx.view.get(kind === 'configmap' ? '/configmaps' : '/secrets', ns, name);
    if (!obj) return `${kind} "${name}" not found`;
    if (key !== undefined && !(key in (obj.data ?? {})) && !(key in (obj.binaryData ?? {})) && !(key in (obj.stringData ?? {})))
      return `couldn't find key ${key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ns}/${name}`;
    return undefined;
  };
  for (const e of c.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef;
    const sec = e.valueFrom?.secretKeyRef;
    const err = cm ? check('configmap', cm.name, cm.key, cm.optional) : sec ? check('secret', sec.name, sec.key, sec.optional) : undefined;
    if (err) return err;
  }
  for (const f of c.envFrom ?? []) {
    const err = f.configMapRef ? check('configmap', f.configMapRef.name, undefined, f.configMapRef.optional) : f.secretRef ? check('secret', f.secretRef.name, undefined, f.secretRef.optional) : undefined;
    if (err) return err;
  }
  return undefined;
}

function missingVolume(ctx: SyncContext, pod: KubeObject): { volume: string; error: string } | undefined {
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !ctx.view.get('/configmaps', pod.metadata.namespace, v.configMap.name))
      return { volume: v.name, error: `configmap "${v.configMap.name}" not found` };
    if (v.secret && !v.secret.optional && !ctx.view.get('/secrets', pod.metadata.namespace, v.secret.secretName))
      return { volume: v.name, error: `secret "${v.secret.secretName}" not found` };
  }
  return undefined;
}

function allocatePodIP(ctx: SyncContext, pod: KubeObject, node: KubeObject): string {
  if (pod.spec?.hostNetwork) return nodeIP(node);
  const cidr: string = node.spec?.podCIDR ?? '10.244.0.0/24';
  const prefix = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  const used = new Set(
    ctx.view
      .list('/pods')
      .filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.podIP && p.metadata.uid !== pod.metadata.uid)
      .map((p) => p.status.podIP),
  );
  for (let i = 2; i < 255; i++) if (!used.has(`${prefix}.${i}`)) return `${prefix}.${i}`;
  return `${prefix}.254`;
}

function nodeIP(node: KubeObject): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

/**
 * One step of a pod's life on its node: admission, image pulls, container start, exit and restarts with
 * back-off, completion, and graceful stop on deletion. Each call moves the pod as far as `now` allows and
 * returns when the pod next needs the kubelet (or undefined when only a change elsewhere would).
 */
async function syncPod(ctx: SyncContext, podSpec: KindSpec, pod: KubeObject, catalog: Record<string, ImageInfo>): Promise<void> {
  const nodeName = pod.spec.nodeName as string;
  const node = ctx.view.get('/nodes', undefined, nodeName)!;
  const mem = memory(ctx);
  const pm: PodMemory = ((mem.pods ??= {})[pod.metadata.uid!] ??= {});
  const images = ((mem.images ??= {})[nodeName] ??= []);
  const client = ctx.as(`system:node:${nodeName}`);
  const events = new EventRecorder(client, ctx.view, { component: 'kubelet', host: nodeName });
  const now = ctx.now;
  const status = structuredClone(pod.status ?? {});
  const conds: any[] = status.conditions ?? [];
  const done = status.phase === 'Succeeded' || status.phase === 'Failed';

  // graceful termination
  if (pod.metadata.deletionTimestamp) {
    if (!pm.killing) {
      const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      let until = now;
      for (const { c, init } of allContainers(pod)) {
        const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find((s: any) => s.name === c.name);
        if (!cs?.state?.running) continue;
        await events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, fieldPath(init, c.name));
        const info = resolveImage(catalog, c.image);
        const stopMs = info.ok && info.info.stopsOnSigterm ? 300 : grace;
        until = Math.max(until, now + Math.min(stopMs, grace));
      }
      pm.killing = { at: now, until };
    }
    if (now < pm.killing.until) return;
    delete mem.pods![pod.metadata.uid!];
    try {
      await client.delete(podSpec, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch {
      /* already gone */
    }
    return;
  }
  if (done) return;

  // admission: the pod lands on the node
  if (!status.startTime) {
    status.hostIP = nodeIP(node);
    status.hostIPs = [{ ip: status.hostIP }];
    status.startTime = rfc3339(now);
    status.phase = 'Pending';
    status.qosClass ??= pod.status?.qosClass;
    const inits = pod.spec?.initContainers ?? [];
    setCondition(conds, 'PodReadyToStartContainers', 'False', now);
    if (inits.length) setCondition(conds, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${inits.map((c: any) => c.name).join(' ')}]`);
    else setCondition(conds, 'Initialized', 'True', now);
    const names = (pod.spec?.containers ?? []).map((c: any) => c.name).join(' ');
    setCondition(conds, 'Ready', 'False', now, 'ContainersNotReady', `containers with unready status: [${names}]`);
    setCondition(conds, 'ContainersReady', 'False', now, 'ContainersNotReady', `containers with unready status: [${names}]`);
    if (inits.length)
      status.initContainerStatuses = inits.map((c: any, i: number) => waitingStatus(c, i === 0 ? 'ContainerCreating' : 'PodInitializing'));
    status.containerStatuses = (pod.spec?.containers ?? []).map((c: any) => waitingStatus(c, inits.length ? 'PodInitializing' : 'ContainerCreating'));
  }

  const startAt = Date.parse(status.startTime);
  const inits: any[] = pod.spec?.initContainers ?? [];
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  const policy: string = pod.spec?.restartPolicy ?? 'Always';
  let initDone = true;
  let cursor = startAt;
  for (let i = 0; i < inits.length; i++) {
    const cs = initStatuses[i];
    if (cs.state?.terminated?.exitCode === 0) {
      cursor = Math.max(cursor, Date.parse(cs.state.terminated.finishedAt));
      continue;
    }
    initDone = false;
    await stepContainer(ctx, events, pod, inits[i], cs, true, policy === 'Never' ? 'Never' : 'OnFailure', cursor, catalog, pm, images, status);
    if (cs.state?.terminated?.exitCode === 0) {
      initDone = i === inits.length - 1;
      if (i + 1 < inits.length && initStatuses[i + 1].state?.waiting?.reason === 'PodInitializing')
        initStatuses[i + 1].state = { waiting: { reason: 'ContainerCreating' } };
      cursor = Date.parse(cs.state.terminated.finishedAt);
      if (!initDone) continue;
    }
    break;
  }
  if (inits.length && initStatuses.some((s) => s.state?.terminated && s.state.terminated.exitCode !== 0) && policy === 'Never') {
    status.phase = 'Failed';
  } else if (initDone) {
    if (inits.length) {
      setCondition(conds, 'Initialized', 'True', now);
      for (const cs of status.containerStatuses) if (cs.state?.waiting?.reason === 'PodInitializing') cs.state = { waiting: { reason: 'ContainerCreating' } };
    }
    const main: any[] = pod.spec?.containers ?? [];
    for (let i = 0; i < main.length; i++) {
      await stepContainer(ctx, events, pod, main[i], status.containerStatuses[i], false, policy, cursor, catalog, pm, images, status);
    }
    await stepEphemeral(ctx, events, pod, status, catalog, pm, images);
  }
  // pod phase and conditions from the containers
  const cstat: any[] = status.containerStatuses ?? [];
  const running = cstat.some((s) => s.state?.running);
  const allTerminated = cstat.length > 0 && cstat.every((s) => s.state?.terminated);
  if (status.phase !== 'Failed') {
    if (allTerminated && (policy === 'Never' || (policy === 'OnFailure' && cstat.every((s) => s.state.terminated.exitCode === 0)))) {
      status.phase = cstat.every((s) => s.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
    } else if (running || cstat.some((s) => s.restartCount > 0 || s.lastState?.terminated)) {
      status.phase = 'Running';
    }
  }
  const sandboxUp = cstat.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated) || initStatuses.some((s) => !s.state?.waiting);
  if (sandboxUp) {
    setCondition(conds, 'PodReadyToStartContainers', 'True', now);
    if (!status.podIP) {
      status.podIP = allocatePodIP(ctx, pod, node);
      status.podIPs = [{ ip: status.podIP }];
    }
  }
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    setCondition(conds, 'PodReadyToStartContainers', 'False', now);
    setCondition(conds, 'Ready', 'False', now, 'PodCompleted');
    setCondition(conds, 'ContainersReady', 'False', now, 'PodCompleted');
    if (inits.length) setCondition(conds, 'Initialized', 'True', now, 'PodCompleted');
  } else {
    const unready = cstat.filter((s) => !s.ready).map((s) => s.name);
    if (unready.length) {
      setCondition(conds, 'Ready', 'False', now, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
      setCondition(conds, 'ContainersReady', 'False', now, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
    } else {
      setCondition(conds, 'Ready', 'True', now);
      setCondition(conds, 'ContainersReady', 'True', now);
    }
  }
  status.conditions = orderConditions(conds);
  if (JSON.stringify(status) !== JSON.stringify(pod.status ?? {})) {
    const fresh = ctx.view.get('/pods', pod.metadata.namespace, pod.metadata.name!);
    if (!fresh) return;
    await client.update(podSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
  }
}

/**
 * The ephemeral containers of a running pod: each starts once, as soon as the kubelet sees it, and is
 * never restarted; its status goes to status.ephemeralContainerStatuses, which no pod condition reads.
 */
async function stepEphemeral(ctx: SyncContext, events: EventRecorder, pod: KubeObject, status: any, catalog: Record<string, ImageInfo>, pm: PodMemory, images: string[]): Promise<void> {
  const specs: any[] = pod.spec?.ephemeralContainers ?? [];
  if (!specs.length) return;
  const seen = (pm.ephemeral ??= {});
  const statuses: any[] = (status.ephemeralContainerStatuses ??= []);
  for (const c of specs) {
    let cs = statuses.find((s) => s.name === c.name);
    if (!cs) {
      cs = waitingStatus(c, 'ContainerCreating');
      delete cs.started;
      statuses.push(cs);
      seen[c.name] ??= ctx.now;
    }
    await stepContainer(ctx, events, pod, c, cs, 'ephemeral', 'Never', seen[c.name] ?? ctx.now, catalog, pm, images, status);
    delete cs.started;
  }
}

function waitingStatus(c: any, reason: string): any {
  return {
    image: c.image,
    imageID: '',
    lastState: {},
    name: c.name,
    ready: false,
    restartCount: 0,
    started: false,
    state: { waiting: { reason } },
  };
}

/** Moves one container along: pull, create and start, run, exit, back-off, restart. */
async function stepContainer(
  ctx: SyncContext,
  events: EventRecorder,
  pod: KubeObject,
  c: any,
  cs: any,
  init: Role,
  policy: string,
  readyAt: number,
  catalog: Record<string, ImageInfo>,
  pm: PodMemory,
  nodeImages: string[],
  status: any,
): Promise<void> {
  const now = ctx.now;
  const fp = fieldPath(init, c.name);
  const ref = parseImage(c.image);
  const image = ref.full;
  const pulls = (pm.pulls ??= {});
  const waiting = cs.state?.waiting?.reason;
  const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  if (waiting === 'PodInitializing') return;
  // a container waiting for its image, or for its first start
  if (waiting === 'ContainerCreating' || waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff' || waiting === 'CreateContainerConfigError') {
    const present = nodeImages.includes(image);
    const policyPull = c.imagePullPolicy ?? 'IfNotPresent';
    const mustPull = policyPull === 'Always' || (!present && policyPull !== 'Never');
    const p = (pulls[c.name] ??= { attempts: 0, at: readyAt });
    if (policyPull === 'Never' && !present) {
      if (waiting !== 'ErrImageNeverPull') {
        cs.state = { waiting: { reason: 'ErrImageNeverPull', message: `Container image "${c.image}" is not present with pull policy of Never` } };
        await events.record(pod, 'Warning', 'ErrImageNeverPull', `Container image "${c.image}" is not present with pull policy of Never`, fp);
        await events.record(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fp);
      }
      return;
    }
    const result = resolveImage(catalog, c.image);
    if (mustPull) {
      if (p.attempts === 0 || (waiting === 'ImagePullBackOff' && now >= p.at + backoffMs(p.attempts))) {
        // a pull starts
        if (p.attempts === 0 || waiting === 'ImagePullBackOff') {
          if (waiting !== 'ContainerCreating' || p.attempts === 0) await events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fp);
          p.attempts++;
          p.at = now;
          if (waiting === 'ImagePullBackOff') cs.state = { waiting: { reason: 'ContainerCreating' } };
        }
      }
      if (waiting === 'ErrImagePull' && now >= (p.failedAt ?? p.at) + ERR_PULL_SHOWN_MS) {
        cs.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${(result as { error: string }).error}` } };
        await events.record(pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, fp);
        await events.record(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fp);
        return;
      }
      if (cs.state?.waiting?.reason !== 'ContainerCreating') return;
      if (!result.ok) {
        if (now < p.at + 1200) return;
        const msg = `rpc error: code = NotFound desc = ${result.error}`;
        p.failedAt = now;
        cs.state = { waiting: { reason: 'ErrImagePull', message: msg } };
        await events.record(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${msg}`, fp);
        await events.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fp);
        return;
      }
      const took = pullMillis(result.info, image);
      if (now < p.at + took) return;
      await events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${goSeconds(took)} (${goSeconds(took)} including waiting). Image size: ${result.info.size} bytes.`, fp);
      if (!nodeImages.includes(image)) nodeImages.push(image);
    } else {
      if (!result.ok) return;
      if (now < readyAt + START_MS / 2) return;
      if (waiting === 'ContainerCreating')
        await events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, fp);
    }
    const cfgErr = missingConfig(ctx, pod, c);
    if (cfgErr) {
      if (waiting !== 'CreateContainerConfigError' || cs.state.waiting.message !== cfgErr) {
        cs.state = { waiting: { reason: 'CreateContainerConfigError', message: cfgErr } };
        await events.record(pod, 'Warning', 'Failed', `Error: ${cfgErr}`, fp);
      }
      return;
    }
    const vol = missingVolume(ctx, pod);
    if (vol) {
      await events.record(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${vol.volume}" : ${vol.error}`);
      cs.state = { waiting: { reason: 'ContainerCreating' } };
      return;
    }
    await start(ctx, events, pod, c, cs, init, fp, catalog, policy);
    return;
  }
  if (waiting === 'CrashLoopBackOff') {
    // a stopped etcd member (`kubecadet cluster etcd stop`) stays down until it is started again
    if ((((ctx.view.sim().etcd ?? {}) as { stopped?: string[] }).stopped ?? []).includes(pod.metadata.name!) && pod.metadata.namespace === 'kube-system') return;
    const finished = Date.parse(cs.lastState?.terminated?.finishedAt ?? '') || now;
    if (now < finished + backoffMs(cs.restartCount)) return;
    await events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, fp);
    await start(ctx, events, pod, c, cs, init, fp, catalog, policy);
    return;
  }
  const startedAt = Date.parse(cs.state?.running?.startedAt ?? '');
  if (cs.state?.running && !Number.isNaN(startedAt)) {
    const info = resolveImage(catalog, c.image);
    let end = programEnd(ctx, pod, c, info.ok ? info.info : undefined, startedAt, cs.restartCount ?? 0);
    const plan = probePlan(pod, c, startedAt, now);
    const noted = (pm.unready ??= {});
    if (plan.unready && !init && noted[c.name] !== plan.unready.at) {
      noted[c.name] = plan.unready.at;
      await events.record(pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${plan.unready.message}`, fp);
    }
    cs.ready = !init && plan.ready;
    if (plan.kill && plan.kill.at < end.at && plan.kill.at <= now) {
      const probe = plan.kill.probe === 'liveness' ? 'Liveness' : 'Startup';
      for (let i = 0; i < plan.kill.failures; i++) await events.record(pod, 'Warning', 'Unhealthy', `${probe} probe failed: ${plan.kill.message}`, fp);
      await events.record(pod, 'Normal', 'Killing', `Container ${c.name} failed ${plan.kill.probe} probe, will be restarted`, fp);
      const graceful = info.ok && info.info.stopsOnSigterm;
      end = { at: plan.kill.at, code: graceful ? 0 : 137 };
    }
    if (now < end.at) return;
    const finishedAt = rfc3339(end.at);
    const terminated = {
      containerID: cs.containerID,
      exitCode: end.code,
      finishedAt,
      reason: end.code === 0 ? 'Completed' : 'Error',
      startedAt: cs.state.running.startedAt,
    };
    const restart = policy === 'Always' || (policy === 'OnFailure' && end.code !== 0);
    if (!restart) {
      cs.state = { terminated };
      cs.ready = false;
      cs.started = false;
      return;
    }
    cs.lastState = { terminated };
    cs.ready = false;
    cs.started = false;
    cs.restartCount = (cs.restartCount ?? 0) + 1;
    if (cs.restartCount === 1) {
      await events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, fp);
      await start(ctx, events, pod, c, cs, init, fp, catalog, policy);
      return;
    }
    const wait = backoffMs(cs.restartCount - 1);
    cs.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goSeconds(wait).replace(/\.0+s$/, 's')} restarting failed container=${c.name} pod=${podRef}` } };
    await events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, fp);
  }
}

/** A bare shell reading the standard input it was started with (`run` is the image's kind of program). */
function readsStdin(c: any, run: string): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  return !!c.stdin && (argv.length === 0 ? run !== 'server' : argv.length === 1 && /^(\/bin\/)?(sh|bash|ash)$/.test(argv[0]));
}

function programEnd(ctx: SyncContext, pod: KubeObject, c: any, info: ImageInfo | undefined, startedAt: number, runNumber: number): { at: number; code: number } {
  const run = info?.run ?? 'server';
  // a server image running its own binary (`kube-apiserver --flags`, `nginx -g ...`) serves until stopped
  if (run === 'server' && (!c.command?.length || !isApplet(c.command[0]))) return { at: Infinity, code: 0 };
  const program = compile(c.command, c.args);
  // a shell reading the standard input kubectl attaches (`run -it ... -- sh`) waits for it, until its session ends
  if (readsStdin(c, run)) return shellExit(ctx.view.sim(), pod.metadata.uid!, c.name, runNumber) ?? { at: Infinity, code: 0 };
  if (run !== 'server' && !c.command && !c.args) return { at: startedAt, code: 0 }; // `sh` with no terminal exits at once
  return endOf(program, { hostname: pod.spec?.hostname ?? pod.metadata.name!, env: containerEnv(ctx.view, pod, c), exec: (argv) => execInContainer(ctx.view, pod, c, argv, startedAt) }, startedAt);
}

async function start(ctx: SyncContext, events: EventRecorder, pod: KubeObject, c: any, cs: any, init: Role, fp: string, catalog: Record<string, ImageInfo>, policy: string): Promise<void> {
  const now = ctx.now;
  const program = compile(c.command, c.args);
  const info = resolveImage(catalog, c.image);
  const ref = parseImage(c.image);
  cs.image = ref.full;
  cs.imageID = `${ref.full.replace(/:[^:/@]+$/, '').replace(/@.*$/, '')}@sha256:${hexOf(ref.full, 64)}`;
  cs.containerID = `containerd://${hexOf(`${pod.metadata.uid}/${c.name}/${cs.restartCount ?? 0}`, 64)}`;
  // a server image may run binaries of its own that no shell knows, but never one whose name has a space
  const first = [...(c.command ?? []), ...(c.args ?? [])][0] ?? '';
  if (program.startError && info.ok && (info.info.run !== 'server' || /\s/.test(first))) {
    const at = rfc3339(now);
    const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${program.startError}: unknown`;
    await events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, fp);
    await events.record(pod, 'Warning', 'Failed', `Error: ${message}`, fp);
    const terminated = { containerID: cs.containerID, exitCode: 128, finishedAt: at, message, reason: 'StartError', startedAt: '1970-01-01T00:00:00Z' };
    cs.ready = false;
    cs.started = false;
    // exit code 128 is a failure: Always and OnFailure try again, backing off as for a crash
    if (policy === 'Never') {
      cs.state = { terminated };
      return;
    }
    cs.lastState = { terminated };
    cs.restartCount = (cs.restartCount ?? 0) + 1;
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    const wait = backoffMs(cs.restartCount - 1);
    cs.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goSeconds(wait).replace(/\.0+s$/, 's')} restarting failed container=${c.name} pod=${podRef}` } };
    await events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, fp);
    return;
  }
  await events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, fp);
  await events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, fp);
  cs.state = { running: { startedAt: rfc3339(now) } };
  cs.started = true;
  cs.ready = !init && !c.readinessProbe;
}

/** The earliest instant at which some pod on a running node needs its kubelet again. */
function nextDue(view: SyncContext['view'], now: number): number | undefined {
  let due: number | undefined;
  const at = (t: number) => {
    if (t > now && (due === undefined || t < due)) due = t;
  };
  const mem = (view.sim().kubelet ?? {}) as KubeletMemory;
  for (const pod of view.list('/pods')) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || !nodeRunning(view, nodeName)) continue;
    const pm = mem.pods?.[pod.metadata.uid!];
    if (pod.metadata.deletionTimestamp) {
      if (!pm?.killing) return now; // not yet noticed: due at once
      at(pm.killing.until);
      continue;
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    if (!pod.status?.startTime) return now;
    // an ephemeral container just added: the kubelet notices it at once
    const ephemeralStatuses: any[] = pod.status.ephemeralContainerStatuses ?? [];
    if ((pod.spec?.ephemeralContainers ?? []).some((c: any) => !ephemeralStatuses.some((s) => s.name === c.name)) && pod.status.phase === 'Running') return now;
    const podStartAt = Date.parse(pod.status.startTime);
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
    for (const cs of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? []), ...ephemeralStatuses]) {
      const w = cs.state?.waiting?.reason;
      const p = pm?.pulls?.[cs.name];
      const startAt = pm?.ephemeral?.[cs.name] ?? podStartAt;
      if (w === 'ContainerCreating') {
        // the kubelet looks again when the container can be started, or when its image pull ends
        at(startAt + START_MS / 2);
        if (p) {
          at(p.at + 1200);
          const spec = specs.find((c: any) => c.name === cs.name);
          const info = spec && catalogCache?.[parseImage(spec.image).repository];
          if (info && spec) at(p.at + pullMillis(info, parseImage(spec.image).full));
        }
      } else if (w === 'ErrImagePull') at((p?.failedAt ?? p?.at ?? startAt) + ERR_PULL_SHOWN_MS);
      else if (w === 'ImagePullBackOff') at((p?.at ?? startAt) + backoffMs(p?.attempts ?? 1));
      else if (w === 'CrashLoopBackOff') at(Date.parse(cs.lastState?.terminated?.finishedAt ?? '') + backoffMs(cs.restartCount));
      else if (cs.state?.running) {
        const spec = specs.find((c: any) => c.name === cs.name);
        if (spec && (spec.livenessProbe || spec.readinessProbe || spec.startupProbe)) {
          const plan = probePlan(pod, spec, Date.parse(cs.state.running.startedAt), now);
          if (plan.next !== undefined) at(plan.next);
        }
        if (spec && (spec.command || spec.args)) {
          const program = compile(spec.command, spec.args);
          const end = endOf(program, { hostname: pod.metadata.name!, env: {} }, Date.parse(cs.state.running.startedAt));
          if (end.at !== Infinity) at(end.at);
        } else if (spec && catalogRun(spec.image) !== 'server') at(Date.parse(cs.state.running.startedAt));
        const exit = spec && shellExit(view.sim(), pod.metadata.uid!, cs.name, cs.restartCount ?? 0);
        if (exit) at(exit.at);
      }
    }
  }
  return due;
}

const HEALTHY: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
};

/** How often a running kubelet renews its node Lease (0.25 of the 40 s lease). */
const LEASE_RENEW_MS = 10_000;

/**
 * A running kubelet's heartbeat: it reports its node Ready (after a restart, the conditions recover) and
 * renews its Lease. Renewals are written only when a round runs anyway: a healthy node's lease needs no
 * timer of its own, which is what lets an idle week pass in milliseconds.
 */
async function syncNode(ctx: SyncContext, node: KubeObject): Promise<void> {
  const name = node.metadata.name!;
  const conds: any[] = node.status?.conditions ?? [];
  const unhealthy = Object.entries(HEALTHY).some(([type, [status]]) => {
    const c = conds.find((x) => x.type === type);
    return c && c.status !== status;
  }) || !conds.some((c) => c.type === 'Ready');
  const client = ctx.as(`system:node:${name}`);
  if (unhealthy) {
    const ts = rfc3339(ctx.now);
    const next = structuredClone(node);
    const others = conds.filter((c) => !(c.type in HEALTHY));
    // a Node created by hand (kubectl create) may come without any status yet
    next.status ??= {};
    next.status.conditions = [
      ...others,
      ...Object.entries(HEALTHY).map(([type, [status, reason, message]]) => {
        const old = conds.find((c) => c.type === type);
        return {
          lastHeartbeatTime: ts,
          lastTransitionTime: old && old.status === status ? old.lastTransitionTime : ts,
          message,
          reason,
          status,
          type,
        };
      }),
    ];
    await client.update(ctx.kinds.forKind('Node', '')!, next, { subresource: 'status' });
    const ready = conds.find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True')
      await new EventRecorder(client, ctx.view, { component: 'kubelet', host: name }).record(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
  }
  const leaseSpec = ctx.kinds.forKind('Lease', 'coordination.k8s.io');
  if (!leaseSpec || !ctx.view.get('/namespaces', undefined, 'kube-node-lease')) return;
  const lease = ctx.view.get('coordination.k8s.io/leases', 'kube-node-lease', name);
  const renew = new Date(ctx.now).toISOString().replace('Z', '000Z');
  if (!lease) {
    await client.create(
      leaseSpec,
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
        },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renew },
      },
      'kube-node-lease',
    );
  } else if (!lease.spec?.renewTime || Date.parse(lease.spec.renewTime) + LEASE_RENEW_MS <= ctx.now) {
    await client.update(leaseSpec, { ...structuredClone(lease), spec: { ...lease.spec, renewTime: renew } });
  }
}

let catalogCache: Record<string, ImageInfo> | undefined;
function catalogRun(image: string): string {
  return catalogCache?.[parseImage(image).repository]?.run ?? 'server';
}

/**
 * The kubelets of every node, as one component: each running node's kubelet looks after the pods bound
 * to it. A stopped node's kubelet does nothing, which is what the node lifecycle controller then notices.
 */
export const kubelet: Component = {
  name: 'kubelet',
  user: 'system:nodes',
  eventSource: 'kubelet',
  async sync(ctx) {
    for (const node of ctx.view.list('/nodes')) if (nodeRunning(ctx.view, node.metadata.name!)) await syncNode(ctx, node);
    forgetGonePods(ctx.view.sim(), () => new Set(ctx.view.list('/pods').map((p) => p.metadata.uid!)));
    const pods = ctx.view.list('/pods').filter((p) => p.spec?.nodeName && nodeRunning(ctx.view, p.spec.nodeName));
    if (!pods.length) return;
    const catalog = await loadCatalog();
    catalogCache = catalog;
    const podSpec = ctx.kinds.forKind('Pod', '')!;
    for (const pod of pods) {
      const fresh = ctx.view.get('/pods', pod.metadata.namespace, pod.metadata.name!);
      if (fresh) await syncPod(ctx, podSpec, fresh, catalog);
    }
  },
  nextDue,
};
