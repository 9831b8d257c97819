import type { TracedRequest } from '../cluster/api/trace.js';
import type { Narration } from './state.js';

/** Who sent a request, as the stream names components: kubectl, scheduler, kubelet on node01, deployment controller. */
export function requester(r: TracedRequest): string {
  const u = r.user.name;
  if (r.source === 'command' || r.command) return u === 'kubernetes-admin' ? 'kubectl' : `kubectl as ${u}`;
  if (u === 'system:kube-scheduler') return 'scheduler';
  if (u === 'system:kube-controller-manager') return 'controller manager';
  if (u === 'system:apiserver') return 'API server';
  if (u.startsWith('system:node:')) return `kubelet on ${u.slice('system:node:'.length)}`;
  const sa = /^system:serviceaccount:kube-system:(.+)-controller$/.exec(u);
  if (sa) return `${sa[1].replace(/-/g, ' ')} controller`;
  return u;
}

/** How the request ended: stored, or which step turned it away. */
function outcome(r: TracedRequest): string {
  const last = r.steps[r.steps.length - 1];
  if (last.phase === 'authorization') return last.verdict === 'denied' ? ' ✗ forbidden' : '';
  if (last.verdict === 'refused') return ` ✗ refused by ${last.plugin}`;
  if (last.verdict === 'invalid') return ' ✗ invalid';
  if (last.phase === 'storage') return ' ✓';
  return '';
}

/** One line of the stream per request: who asked for what, and how the API server answered. */
export function narrateRequest(r: TracedRequest): Narration {
  const resource = r.resource.split('.')[0];
  const what = `${r.verb} ${r.subresource ? `${resource}/${r.subresource}` : resource}${r.name ? ` ${r.name}` : ''}`;
  return { who: requester(r), what: `${what}${outcome(r)}` };
}
