import { patcherFlags, runPatcher } from './patcher.js';
import type { Verb } from '../verb.js';

const help = `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.

Examples:
  # Resume an already paused deployment
  kubectl rollout resume deployment/nginx

Usage:
  kubectl rollout resume RESOURCE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'resume',
  flags: patcherFlags,
  help,
  // polymorphichelpers.defaultObjectResumer
  run: (ctx) =>
    runPatcher(ctx, 'resumed', (obj) => {
      if (obj.kind !== 'Deployment') throw new Error('resuming is not supported');
      if (!obj.spec.paused) throw new Error('is not paused');
      obj.spec.paused = false;
    }),
};
