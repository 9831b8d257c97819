import type { Verb } from './verb.js';

const help = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'set',
  flags: [],
  help,
  subcommands: {
    env: async () => (await import('./set/env.js')).verb,
    image: async () => (await import('./set/image.js')).verb,
    resources: async () => (await import('./set/resources.js')).verb,
    selector: async () => (await import('./set/selector.js')).verb,
    serviceaccount: async () => (await import('./set/serviceaccount.js')).verb,
    sa: async () => (await import('./set/serviceaccount.js')).verb,
    subject: async () => (await import('./set/subject.js')).verb,
  },
  // cmdutil.DefaultSubCommandRun: the help on stderr, and a failure
  async run(ctx) {
    ctx.io.err(help);
    return 1;
  },
};
