import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, generatorFlags, goJSON } from './generator.js';
import { addSecretKey, createSecret, secretObject } from './secret.js';
import { readFileSources } from './sources.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const files = ctx.flags['from-file'] as string[];
  const username = str(ctx.flags['docker-username']);
  const password = str(ctx.flags['docker-password']);
  const email = str(ctx.flags['docker-email']);
  const server = str(ctx.flags['docker-server']);
  if (!files.length && (!username || !password || !server))
    throw new CommandError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  const data = new Map<string, Buffer>();
  if (files.length) for (const [k, v] of readFileSources(files)) addSecretKey(data, k, v);
  else {
    // DockerConfigJSON: {"auths": {server: {username, password, email (omitempty), auth}}}
    const entry: Record<string, string> = { username, password };
    if (email) entry.email = email;
    entry.auth = Buffer.from(`${username}:${password}`).toString('base64');
    data.set('.dockerconfigjson', Buffer.from(goJSON({ auths: { [server]: entry } })));
  }
  return createSecret(ctx, o, secretObject(o, 'kubernetes.io/dockerconfigjson', data, ctx.flags['append-hash'] === true));
}

export const verb: Verb = {
  name: 'docker-registry',
  flags: [
    ...generatorFlags(),
    { name: 'append-hash', type: 'bool' },
    { name: 'docker-email', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'docker-username', type: 'string' },
    { name: 'from-file', usage: "Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.", type: 'stringSlice' },
  ],
  help: `Create a new secret for use with Docker registries.
        
        Dockercfg secrets are used to authenticate against Docker registries.
        
        When using the Docker command line to push images, you can authenticate to a given registry by running:
        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.
        
 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

        When creating applications, you may have a Docker registry that requires authentication.  In order for the
        nodes to pull images on your behalf, they must have the credentials.  You can provide this information
        by creating a dockercfg secret and attaching it to your service account.

Examples:
  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL
  
  # Create a new secret named my-secret from ~/.docker/config.json
  kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json

Usage:
  kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
