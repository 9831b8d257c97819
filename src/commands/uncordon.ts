import { cordonFlags, runCordonOrUncordon } from './cordon.js';
import type { Verb } from './verb.js';

const help = `Mark node as schedulable.

Examples:
  # Mark node "foo" as schedulable
  kubectl uncordon foo

Usage:
  kubectl uncordon NODE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'uncordon',
  flags: cordonFlags,
  help,
  run: (ctx) => runCordonOrUncordon(ctx, false, 'uncordon NODE'),
};
