import { writeKubeconfig } from '../../cluster/home.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { setHelp } from './help.js';
import { modifyConfig, navigationSteps } from './navigation.js';

/** `config set PROPERTY_NAME PROPERTY_VALUE`: one value anywhere in the kubeconfig, entries made as needed. */
export const verb: Verb = {
  name: 'set',
  flags: [{ name: 'set-raw-bytes', type: 'bool', noOptDefault: 'true' }],
  help: setHelp,
  async run(ctx) {
    if (ctx.args.length !== 2) {
      ctx.io.out(setHelp);
      throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const [name, value] = ctx.args;
    if (!value) throw new CommandError('error: you cannot use set to unset a property');
    if (!name) throw new CommandError('error: you must specify a property');
    const cfg = structuredClone(ctx.kubeconfig);
    modifyConfig(cfg, navigationSteps(name), value, false, ctx.flags['set-raw-bytes'] === true);
    writeKubeconfig(ctx.home, cfg);
    ctx.io.out(`Property ${JSON.stringify(name)} set.\n`);
    return 0;
  },
};
