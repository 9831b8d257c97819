import { patcherFlags, runPatcher } from './patcher.js';
import type { Verb } from '../verb.js';

const help = `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.

Examples:
  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubectl rollout pause deployment/nginx

Usage:
  kubectl rollout pause RESOURCE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'pause',
  flags: patcherFlags,
  help,
  // polymorphichelpers.defaultObjectPauser
  run: (ctx) =>
    runPatcher(ctx, 'paused', (obj) => {
      if (obj.kind !== 'Deployment') throw new Error('pausing is not supported');
      if (obj.spec.paused) throw new Error('is already paused');
      obj.spec.paused = true;
    }),
};
