import { writeKubeconfig } from '../../cluster/home.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { unsetHelp } from './help.js';
import { modifyConfig, navigationSteps } from './navigation.js';

/** `config unset PROPERTY_NAME`: the value back to its zero, a map entry removed (a missing one too). */
export const verb: Verb = {
  name: 'unset',
  flags: [],
  help: unsetHelp,
  async run(ctx) {
    if (ctx.args.length !== 1) {
      ctx.io.out(unsetHelp);
      throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0];
    if (!name) throw new CommandError('error: you must specify a property');
    const cfg = structuredClone(ctx.kubeconfig);
    modifyConfig(cfg, navigationSteps(name), '', true, true);
    writeKubeconfig(ctx.home, cfg);
    ctx.io.out(`Property ${JSON.stringify(name)} unset.\n`);
    return 0;
  },
};
