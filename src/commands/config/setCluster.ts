import fs from 'node:fs';
import { writeKubeconfig } from '../../cluster/home.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { storedPath } from './credentials.js';
import { setClusterHelp } from './help.js';

/**
 * `config set-cluster NAME`: creates the cluster entry or merges the given fields into it
 * (set_cluster.go modifyCluster): a new server clears tls-server-name, insecure mode clears the CA, a CA
 * (a file kept relative to the kubeconfig, or with --embed-certs its contents) clears insecure mode.
 */
export const verb: Verb = {
  name: 'set-cluster',
  flags: [
    { name: 'certificate-authority', type: 'string' },
    { name: 'embed-certs', type: 'bool', noOptDefault: 'true' },
    { name: 'insecure-skip-tls-verify', type: 'bool', noOptDefault: 'true' },
    { name: 'proxy-url', type: 'string' },
    { name: 'server', type: 'string' },
    { name: 'tls-server-name', type: 'string' },
  ],
  help: setClusterHelp,
  async run(ctx) {
    if (ctx.args.length !== 1) {
      // helpErrorf: the help, then the error
      ctx.io.out(setClusterHelp);
      throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0];
    const f = ctx.flags;
    const given = (k: string) => ctx.changed.has(k);
    const insecure = f['insecure-skip-tls-verify'] === true;
    const embed = f['embed-certs'] === true;
    const ca = str(f['certificate-authority']);
    if (!name) throw new CommandError('error: you must specify a non-empty cluster name');
    if (insecure && ca) throw new CommandError('error: you cannot specify a certificate authority and insecure mode at the same time');
    if (embed) {
      if (!ca) throw new CommandError('error: you must specify a --certificate-authority to embed');
      if (!fs.existsSync(ca)) throw new CommandError(`error: could not stat certificate-authority file ${ca}: stat ${ca}: no such file or directory`);
    }
    const cfg = structuredClone(ctx.kubeconfig);
    let entry = cfg.clusters.find((c) => c.name === name);
    if (!entry) {
      entry = { name, cluster: { server: '' } };
      cfg.clusters.push(entry);
    }
    const c = entry.cluster;
    if (given('server')) {
      c.server = str(f.server);
      delete c['tls-server-name'];
    }
    if (given('tls-server-name')) c['tls-server-name'] = str(f['tls-server-name']);
    if (given('insecure-skip-tls-verify')) {
      c['insecure-skip-tls-verify'] = insecure;
      if (insecure) {
        delete c['certificate-authority'];
        delete c['certificate-authority-data'];
      }
    }
    if (given('certificate-authority')) {
      if (embed) {
        c['certificate-authority-data'] = fs.readFileSync(ca).toString('base64');
        c['insecure-skip-tls-verify'] = false;
        delete c['certificate-authority'];
      } else {
        c['certificate-authority'] = ca ? storedPath(ctx.home, ca) : '';
        if (ca) {
          c['insecure-skip-tls-verify'] = false;
          delete c['certificate-authority-data'];
        }
      }
    }
    if (given('proxy-url')) c['proxy-url'] = str(f['proxy-url']);
    // the v1 Cluster's omitempty fields are left out when empty or false
    for (const k of Object.keys(c)) if (k !== 'server' && (c[k] === '' || c[k] === false)) delete c[k];
    writeKubeconfig(ctx.home, cfg);
    ctx.io.out(`Cluster ${JSON.stringify(name)} set.\n`);
  },
};
