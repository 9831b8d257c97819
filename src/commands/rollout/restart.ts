import { rfc3339 } from '../../cluster/clock.js';
import { patcherFlags, runPatcher } from './patcher.js';
import type { Verb } from '../verb.js';

const help = `Restart a resource.

        Resource rollout will be restarted.

Examples:
  # Restart all deployments in the test-namespace namespace
  kubectl rollout restart deployment -n test-namespace
  
  # Restart a deployment
  kubectl rollout restart deployment/nginx
  
  # Restart a daemon set
  kubectl rollout restart daemonset/abc
  
  # Restart deployments with the app=nginx label
  kubectl rollout restart deployment --selector=app=nginx

Usage:
  kubectl rollout restart RESOURCE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'restart',
  flags: patcherFlags,
  help,
  // polymorphichelpers.defaultObjectRestarter: a new template annotation makes the controller roll every pod
  run: (ctx) =>
    runPatcher(ctx, 'restarted', (obj, now) => {
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(String(obj.kind))) throw new Error('restarting is not supported');
      if (obj.kind === 'Deployment' && obj.spec.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
      obj.spec.template.metadata ??= {};
      obj.spec.template.metadata.annotations = { ...obj.spec.template.metadata.annotations, 'kubectl.kubernetes.io/restartedAt': rfc3339(now) };
    }),
};
