import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { commandArgs, completeGenerator, container, createGenerated, generatorFlags, objectMeta } from './generator.js';

/** The container name kubectl derives from an image: last path segment, without tag or digest. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? '';
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  // sanitizeAndUniquify: '_' and '.' are not allowed in container names
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${randomSuffix(5)}`;
  return name;
}

/** utilrand.String: consonants and digits that cannot spell words. */
function randomSuffix(n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const command = commandArgs(ctx);
  const images = ctx.flags.image as string[];
  if (images.length > 1 && command.length) throw new CommandError('error: cannot specify multiple --image options and command');
  const labels = { app: o.name };
  const port = ctx.flags.port as number;
  // --port goes to the first container only
  const containers = images.map((image, i) =>
    container({ name: containerNameFromImage(image), image, command, ports: i === 0 && port >= 0 ? [{ containerPort: port }] : undefined }),
  );
  const deploy = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta({ name: o.name, namespace: o.enforceNamespace ? o.namespace : undefined, labels }),
    spec: {
      replicas: ctx.flags.replicas as number,
      selector: { matchLabels: labels },
      template: { metadata: objectMeta({ labels }), spec: { containers } },
      strategy: {},
    },
    status: {},
  } as unknown as KubeObject;
  return createGenerated(ctx, o, deploy, 'failed to create deployment: ');
}

export const verb: Verb = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    ...generatorFlags(),
    { name: 'image', usage: "Image names to run. A deployment can have multiple images set for multi-container pod.", type: 'stringSlice', required: true },
    { name: 'port', type: 'int', default: -1 },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
  ],
  help: `Create a deployment with the specified name.

Aliases:
deployment, deploy

Examples:
  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox
  
  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date
  
  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3
  
  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701
  
  # Create a deployment named my-dep that runs multiple containers
  kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx

Usage:
  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
