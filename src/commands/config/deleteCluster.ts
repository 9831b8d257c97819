import { kubeconfigFile, writeKubeconfig } from '../../cluster/home.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { deleteClusterHelp } from './help.js';

/** `config delete-cluster NAME`: the entry only; contexts that name it are left as they are, as kubectl leaves them. */
export const verb: Verb = {
  name: 'delete-cluster',
  flags: [],
  help: deleteClusterHelp,
  async run(ctx) {
    // anything but one name: the help, and success
    if (ctx.args.length !== 1) {
      ctx.io.out(deleteClusterHelp);
      return 0;
    }
    const name = ctx.args[0];
    const file = kubeconfigFile(ctx.home);
    const cfg = structuredClone(ctx.kubeconfig);
    if (!cfg.clusters.some((c) => c.name === name)) throw new CommandError(`error: cannot delete cluster ${name}, not in ${file}`);
    cfg.clusters = cfg.clusters.filter((c) => c.name !== name);
    writeKubeconfig(ctx.home, cfg);
    ctx.io.out(`deleted cluster ${name} from ${file}\n`);
    return 0;
  },
};
