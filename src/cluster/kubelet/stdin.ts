import type { KubeObject } from '../api/types.js';
import type { Engine } from '../engine.js';

/**
 * The container runtime's side of an attached standard input. A container started with `stdin: true` whose
 * program is a bare shell (`kubectl run -it ... -- sh`) waits for what is typed; when the attached session
 * ends (`exit`, Ctrl-D at a terminal, or the input closing under `stdinOnce`) the shell exits, and with it the
 * container: it completes, fails or restarts by its pod's restartPolicy, as on a real node.
 */

/** How a shell's run ended: in which run of its container (the restart count then), when, with what code. */
export interface ShellExit {
  run: number;
  at: number;
  code: number;
}

/** Kept beside the machines' other state (sim.stdin, by pod uid and container), which the simulation watches. */
type StdinState = Record<string, Record<string, ShellExit>>;

/** Tells the runtime that the shell of container `container` of `pod` ended with `code` now. */
export async function endAttachedShell(engine: Engine, pod: KubeObject, container: string, code: number): Promise<void> {
  const spec = engine.api.kinds.forKind('Pod', '')!;
  await engine.sync();
  await engine.store.transaction((doc) => {
    let current: KubeObject;
    try {
      current = engine.api.get(spec, pod.metadata.namespace, pod.metadata.name!);
    } catch {
      return; // deleted meanwhile: nothing runs any more
    }
    if (current.metadata.uid !== pod.metadata.uid) return;
    const cs = [...(current.status?.containerStatuses ?? []), ...(current.status?.ephemeralContainerStatuses ?? [])].find((s: KubeObject) => s.name === container);
    if (!cs?.state?.running) return;
    const state = ((doc.sim.stdin ??= {}) as StdinState);
    (state[pod.metadata.uid!] ??= {})[container] = { run: cs.restartCount ?? 0, at: engine.clock.now(), code };
  });
  await engine.sync();
}

/** The end of the shell in this run of the container, if its session ended. */
export function shellExit(sim: Record<string, unknown>, uid: string, container: string, run: number): ShellExit | undefined {
  const exit = (sim.stdin as StdinState | undefined)?.[uid]?.[container];
  return exit?.run === run ? exit : undefined;
}

/** Forgets the pods that are gone. */
export function forgetGonePods(sim: Record<string, unknown>, pods: () => Set<string>): void {
  const state = sim.stdin as StdinState | undefined;
  if (!state) return;
  const uids = pods();
  for (const uid of Object.keys(state)) if (!uids.has(uid)) delete state[uid];
  if (!Object.keys(state).length) delete sim.stdin;
}
