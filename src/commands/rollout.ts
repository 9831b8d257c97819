import type { Verb } from './verb.js';

const help = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = {
  name: 'rollout',
  flags: [],
  help,
  subcommands: {
    status: async () => (await import('./rollout/status.js')).verb,
    pause: async () => (await import('./rollout/pause.js')).verb,
    resume: async () => (await import('./rollout/resume.js')).verb,
    restart: async () => (await import('./rollout/restart.js')).verb,
    history: async () => (await import('./rollout/history.js')).verb,
    undo: async () => (await import('./rollout/undo.js')).verb,
  },
  // cmdutil.DefaultSubCommandRun: the help on stderr, and a failure
  async run(ctx) {
    ctx.io.err(help);
    return 1;
  },
};
