import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { CommandContext } from './context.js';
import { outputFormat } from './create/generator.js';
import { printObjects } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { readManifests } from './util/manifests.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import * as help from './certificate/help.js';

/*
 * `kubectl certificate approve|deny`: adds the Approved or Denied condition to CertificateSigningRequests
 * through their /approval subresource (certificates.go). The signer then issues (or not) the certificate.
 */

const FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'force', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

interface Decision {
  type: 'Approved' | 'Denied';
  reason: string;
  message: string;
  /** what kubectl prints after the object's name */
  operation: string;
}

const APPROVE: Decision = { type: 'Approved', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', operation: 'approved' };
const DENY: Decision = { type: 'Denied', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.', operation: 'denied' };

async function modifyCondition(ctx: CommandContext, d: Decision): Promise<number> {
  const filenames = (ctx.flags.filename as string[] | undefined) ?? [];
  if (!ctx.args.length && !filenames.length) throw new CommandError('error: one or more CSRs must be specified as <name> or -f <filename>');
  const output = outputFormat(ctx);
  const names = [...ctx.args];
  for (const m of await readManifests(ctx.io, filenames, { recursive: ctx.flags.recursive === true })) if (m.object?.metadata?.name) names.push(m.object.metadata.name);
  const client = await ctx.client();
  const spec = client.kinds.forKind('CertificateSigningRequest', 'certificates.k8s.io')!;
  const errors: StatusError[] = [];
  let found = 0;
  for (const name of names) {
    let csr: KubeObject;
    try {
      csr = client.get(spec, undefined, name);
      // a CSR that already carries the condition is left as it is, unless --force
      if (!(csr.status?.conditions ?? []).some((c: { type: string }) => c.type === d.type) || ctx.flags.force === true) {
        const now = new Date(client.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
        csr.status = {
          ...csr.status,
          conditions: [...(csr.status?.conditions ?? []), { type: d.type, status: 'True', reason: d.reason, message: d.message, lastUpdateTime: now, lastTransitionTime: now }],
        };
        csr = await client.update(spec, csr, { subresource: 'approval' });
      }
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(e);
      continue;
    }
    found++;
    if (output.kind === 'table' || output.kind === 'name') ctx.io.out(`${nameOf(csr)} ${d.operation}\n`);
    else ctx.io.out(await printObjects(output, [csr], true));
  }
  if (!found && !errors.length) ctx.io.out('No resources found\n');
  return errors.length ? reportErrors(ctx.io, errors) : 0;
}

export const approve: Verb = { name: 'approve', flags: FLAGS, help: help.approveHelp, run: (ctx) => modifyCondition(ctx, APPROVE) };
export const deny: Verb = { name: 'deny', flags: FLAGS, help: help.denyHelp, run: (ctx) => modifyCondition(ctx, DENY) };

export const verb: Verb = {
  name: 'certificate',
  flags: [],
  help: help.certificateHelp,
  subcommands: { approve: async () => approve, deny: async () => deny },
  async run(ctx) {
    // without a known subcommand, cobra prints the help
    ctx.io.out(help.certificateHelp);
  },
};
